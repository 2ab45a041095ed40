"""Care leavers' activity, accommodation and contact (OC3; indicators.md A12).

Rows come from the model (care_leavers.sql), which decides who is in the DfE denominator (`in_cohort`,
`in_accom_cohort`) and the activity and accommodation groups. The eligibility test for OC3 (13 weeks
looked after from 14, some of it after 16) is left to the council's return: the snapshot rarely holds
the episodes from years before, so it cannot be re-checked fairly here.

Monthly variants: OC3 is an annual item, recorded at each young person's birthday. The year-to-date
variants count only OC3 rows present in the current year's in-year extract whose birthday has passed;
when the council's monthly extracts carry no OC3 rows the figure is blank, never 0%.
"""

from dataclasses import replace

from ..base import Indicator

GROUP = "Care leavers"
REFERENCE = "DfE CLA statistics (care leavers); LAIT CareLeaverEET/CareLeaverAcc; indicators.md A12"
_BANDS = {
    "17_18": ("17-18", "17th or 18th"),
    "19_21": ("19-21", "19th, 20th or 21st"),
}
_DENOMINATOR = ("Care leavers whose {ordinals} birthday fell {when}, less those who died or returned home to "
                "parents for 6 months or more (IN_TOUCH DIED, RHOM); young people not in touch, refusing contact or "
                "no longer requiring services (NO, REFU, NREQ) stay in.")
_LEFT_BEFORE = (" Only young people who left care before that birthday count, as the DfE defines the cohort: one "
                "still looked after on the birthday, or who left care on the birthday itself, is left out.")
_ACCOM_OUT = (" Accommodation G (gone abroad), H (deported) and R (residence not known) are also left out, as "
              "DfE does, because suitability is not usually known for them.")
_AGE = " Age is the one reached at the birthday that falls in the collection year (1 April to 31 March)."
_DENOMINATOR_PLAIN = ("The group is care leavers whose {ordinals} birthday fell {when}. Their circumstances are recorded around "
                      "that birthday. Young people who have died or gone back to live with their parents for 6 "
                      "months or more are left out; those the council is not in touch with, who refuse contact or "
                      "who no longer need services stay in.")
_LEFT_BEFORE_PLAIN = " Young people still in care on their birthday are left out."
_ACCOM_OUT_PLAIN = (" Young people who have gone abroad, been deported or whose address is not known are left out, "
                    "as the Department for Education does, because whether their home is suitable is not known.")
_YTD_PLAIN = (" There is no figure until care leavers' information for this year is in the data the council loads "
              "each month.")

_ROWS = """
SELECT child, CASE WHEN {num} THEN 1 ELSE 0 END AS num, age, birthday, in_touch, activ, accom,
       file_id, line_no
FROM care_leavers
WHERE year = {{year}} AND age_band = '{band}' AND {cohort} {when}
"""
# year-to-date: birthdays from 1 April to the as-at date
_BIRTHDAY_SO_FAR = "AND birthday BETWEEN {period_start} AND {period_end}"


def _indicator(id_, title, band_key, num, what, words, plain, polarity, *, accom=False, ytd=False) -> Indicator:
    band, ordinals = _BANDS[band_key]
    when = ("from 1 April to the report date (OC3 rows in the current year's in-year extract)" if ytd
            else "in the collection year")
    denominator = _DENOMINATOR.format(ordinals=ordinals, when=when)
    group = _DENOMINATOR_PLAIN.format(ordinals=ordinals,
                                      when="from 1 April to the end of the month" if ytd else "in the last complete year")
    if band == "17-18":
        denominator += _LEFT_BEFORE
        group += _LEFT_BEFORE_PLAIN
    if accom:
        denominator += _ACCOM_OUT
        group += _ACCOM_OUT_PLAIN
    if ytd:
        group += _YTD_PLAIN
    if ytd:
        sentence = (f"{{num}} of the {{den}} care leavers who have had their {ordinals} birthday this year "
                    f"({{period}}) are known to {words} ({{value}}).")
    else:
        sentence = (f"In {{period}}, {{num}} of the {{den}} care leavers who had their {ordinals} birthday "
                    f"in the year were known to {words} ({{value}}).")
    return Indicator(
        id=id_, title=title, unit="%", aggregate="share", window="ytd" if ytd else "year", polarity=polarity,
        numerator=f"Care leavers {what}",
        denominator=denominator,
        definition=f"The share of care leavers who were {plain}. {group}",
        technical=f"Care leavers {what}, out of: {denominator}{_AGE}",
        sentence=sentence,
        sql=_ROWS.format(num=num, band=band, cohort="in_accom_cohort" if accom else "in_cohort",
                         when=_BIRTHDAY_SO_FAR if ytd else ""),
        group=GROUP, reference=REFERENCE,
    )


_EET = ("eet", "in education, employment or training (ACTIV F1-F5, P1-P5)", "be in education, employment or training",
        "in education, employment or training, full or part time")
_NEET = ("neet", "not in education, employment or training (ACTIV G4, G5, G6)", "be NEET",
         "not in education, employment or training, for any reason (illness, disability, caring or otherwise)")
_SUITABLE = ("suitable", "in accommodation judged suitable (ACCOM ending in 1)", "be in suitable accommodation",
             "living in accommodation judged suitable for them")
_UNSUITABLE = ("unsuitable", "in accommodation judged unsuitable (ACCOM ending in 2)",
               "be in unsuitable accommodation", "living in accommodation judged unsuitable for them")

CL_EET_17_18 = _indicator("cl_eet_pct_17_18", "Care leavers aged 17-18 in education, employment or training",
                          "17_18", *_EET, "high")
CL_EET_19_21 = _indicator("cl_eet_pct_19_21", "Care leavers aged 19-21 in education, employment or training",
                          "19_21", *_EET, "high")
CL_NEET_17_18 = _indicator("cl_neet_pct_17_18", "Care leavers aged 17-18 not in education, employment or training",
                           "17_18", *_NEET, "low")
CL_NEET_19_21 = _indicator("cl_neet_pct_19_21", "Care leavers aged 19-21 not in education, employment or training",
                           "19_21", *_NEET, "low")
# Those in and not in education, employment or training are parts of one group (the rest: no activity known).
CL_EET_17_18 = replace(CL_EET_17_18, parts=("denominator", ("cl_eet_pct_17_18.numerator", "cl_neet_pct_17_18.numerator")))
CL_EET_19_21 = replace(CL_EET_19_21, parts=("denominator", ("cl_eet_pct_19_21.numerator", "cl_neet_pct_19_21.numerator")))
CL_SUITABLE_17_18 = _indicator("cl_suitable_accom_pct_17_18", "Care leavers aged 17-18 in suitable accommodation",
                               "17_18", *_SUITABLE, "high", accom=True)
CL_SUITABLE_19_21 = _indicator("cl_suitable_accom_pct_19_21", "Care leavers aged 19-21 in suitable accommodation",
                               "19_21", *_SUITABLE, "high", accom=True)
CL_IN_TOUCH_19_21 = _indicator("cl_in_touch_pct_19_21", "Care leavers aged 19-21 the council is in touch with",
                               "19_21", "in_touch = 'YES'", "in touch with the council (IN_TOUCH YES)",
                               "be in touch with the council", "in touch with the council", "high")
CL_HIGHER_EDUCATION_19_21 = _indicator(
    "cl_higher_education_pct_19_21", "Care leavers aged 19-21 in higher education", "19_21", "higher_education",
    "in higher education (ACTIV F1, P1)", "be in higher education", "in higher education, such as university",
    "high")
CL_NEET_YTD_19_21 = _indicator(
    "cl_neet_ytd_pct_19_21", "Care leavers aged 19-21 not in education, employment or training (year to date)", "19_21", *_NEET, "low", ytd=True)
CL_UNSUITABLE_YTD_19_21 = _indicator(
    "cl_unsuitable_accom_ytd_pct_19_21", "Care leavers aged 19-21 in unsuitable accommodation (year to date)",
    "19_21", *_UNSUITABLE, "low", accom=True, ytd=True)

INDICATORS = (CL_EET_17_18, CL_EET_19_21, CL_NEET_17_18, CL_NEET_19_21, CL_SUITABLE_17_18, CL_SUITABLE_19_21,
              CL_IN_TOUCH_19_21, CL_HIGHER_EDUCATION_19_21, CL_NEET_YTD_19_21, CL_UNSUITABLE_YTD_19_21)
