"""Rows for validation-rule cases: complete, valid rows of the tables that have no cohort defaults,
and episodes that put a child inside or outside the 12-month (OC2) group. Cases override what they test."""

from tests.cohort import ep, row


def cla(c, **kw):
    """An episode open since 2020: looked after continuously for 12 months at 31 March 2025 (and 2024)."""
    return ep(c, "01/01/2020", **kw)


def new(c, **kw):
    """A child who started to be looked after in June 2024: not in the 12-month (OC2) group in 2025."""
    return ep(c, "01/06/2024", **kw)


def ad1(c, **kw):
    cols = {"dob": "01/01/2015", "date_int": "01/06/2023", "date_match": "01/09/2023", "foster_care": "0",
            "nb_adoptr": "2", "sex_adoptr": "MF", "ls_adoptr": "L11"}
    return row(child=c, **{**cols, **kw})


def p4a(c, placed="01/06/2023", ceased="", reason=""):
    return row(child=c, dob="01/01/2015", date_placed=placed, date_placed_ceased=ceased,
               reason_placed_ceased=reason)


def oc3(c, in_touch="YES", activ="F2", accom="D1"):
    return row(child=c, dob="01/01/2006", in_touch=in_touch, activ=activ, accom=accom)


def oc2(c, **kw):
    """A complete OC2 row for a child aged 10 on 1 April 2024 (score given, no reason)."""
    cols = {"dob": "01/01/2014", "sdq_score": "12", "sdq_reason": "", "convicted": "0", "health_check": "",
            "immunisations": "1", "teeth_check": "1", "health_assessment": "1", "substance_misuse": "0",
            "intervention_received": "", "intervention_offered": ""}
    return row(child=c, **{**cols, **kw})


def review(c, date="01/06/2024", code="PN1"):
    return row(child=c, dob="01/01/2010", review=date, review_code=code)


def uasc(c, duc=""):
    return row(child=c, sex="M", dob="01/01/2008", duc=duc)


def year_end_episodes() -> list[dict]:
    """Children of the 2024/25 return whose episodes touch 31 March 2025 (issue 9, 7e): A to C are still in
    the 12-month (OC2) group, as only the collection year counts (an end after 31 March, and a new period of
    care or a short break starting after it, are next year's); D left care on 31 March itself and is not in
    it; E's only episode starts after 31 March; F moved to a new episode on 31 March (X1) and stays in."""
    return [cla("A", dec="15/04/2025", rec="E4A"),
            cla("B", dec="05/04/2025", rec="E13"), ep("B", "10/04/2025"),
            cla("C"), ep("C", "10/04/2025", ls="V3"),
            cla("D", dec="31/03/2025", rec="E4A"),
            ep("E", "10/04/2025"),
            cla("F", dec="31/03/2025", rec="X1"), ep("F", "31/03/2025", rne="P")]


YEAR_END_CHILDREN = "ABCDEF"     # in the order of their OC2 rows in the cases using year_end_episodes
