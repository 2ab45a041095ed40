"""Number formatting shared by the report and the indicator sentences."""

from datetime import date

import pytest

from careboard.report.formatting import format_change, format_signed, format_value, long_date, month_label


@pytest.mark.parametrize("value, unit, decimals, expected", [
    (22 / 380 * 100, "%", 1, "5.8%"),
    (5.85, "%", 1, "5.9%"),          # half-up on the figure people read, not binary half-even
    (0.125, "%", 2, "0.13%"),
    (-0.04, "%", 1, "0.0%"),         # no "-0.0"
    (100.0, "%", 1, "100.0%"),
    (76.0, "rate", 1, "76.0"),
    (72.04, "rate", None, "72.0"),   # unit default: 1 dp
    (1234.0, "count", 0, "1,234"),
    (1234.0, "count", 2, "1,234"),   # counts are whole whatever the catalogue says
    (10_181 / 18, "days", 0, "566"),
    (565.4, "days", 1, "565"),       # days are whole
    (14.25, "score", 1, "14.3"),
    (None, "%", 1, "–"),
])
def test_format_value(value, unit, decimals, expected):
    assert format_value(value, unit, decimals) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (97.0, "%", "97%"),
    (97.5, "%", "97.5%"),
    (87.3, "rate", "87.3"),
    (426.0, "days", "426"),
])
def test_round_figures_drop_their_decimals(value, unit, expected):
    assert format_value(value, unit, 1, whole_if_integral=True) == expected


def test_unknown_unit_is_named():
    with pytest.raises(ValueError, match="'percent'"):
        format_value(1.0, "percent", 1)


@pytest.mark.parametrize("diff, rule, unit, expected", [
    (99.8 - 97, "pp", "%", "+2.8 pp"),
    (22 / 380 * 100 - 6, "pp", "%", "-0.2 pp"),
    ((76 - 74) / 74 * 100, "%", "rate", "+2.7%"),
    (566 - 363, "days", "days", "+203 days"),
    (1.25, "points", "score", "+1.3 points"),
    (0.0, "pp", "%", "0.0 pp"),
    (-1234.5, "", "count", "-1,235"),
    (None, "pp", "%", "–"),
])
def test_format_signed(diff, rule, unit, expected):
    assert format_signed(diff, rule, unit, 1) == expected


@pytest.mark.parametrize("latest, before, expected", [(29, 20, "+9"), (150, 152, "-2"), (4, 4, "0"), (3, None, "–")])
def test_format_change(latest, before, expected):
    assert format_change(latest, before) == expected


def test_dates():
    assert month_label(date(2025, 1, 31)) == "Jan 2025"
    assert long_date(date(2025, 3, 1)) == "1 March 2025"


@pytest.mark.parametrize("text, expected", [
    ("At the end of March 2024, there were 1 children in care.", "At the end of March 2024, there was 1 child in care."),
    ("0 out of the 1 children who left care did so", "0 out of the 1 child who left care did so"),
    ("1 missing-from-care incidents involving 1 children", "1 missing-from-care incident involving 1 child"),
    ("For 1 out of the 1 reviews due", "For 1 out of the 1 review due"),
    ("21 children, 2.1 children, between 1 and 5 children", "21 children, 2.1 children, between 1 and 5 children"),
    ("In March 2025 there were 1 missing-from-care incidents involving 1 children.",
     "In March 2025 there was 1 missing-from-care incident involving 1 child."),
    ("1 of the 3 children in care for a year were convicted", "1 of the 3 children in care for a year was convicted"),
    ("11 of the 30 children were convicted; 21 of the children were", "11 of the 30 children were convicted; 21 of the "
                                                                      "children were"),
    ("there were 12 children, and there were 1.5 on average", "there were 12 children, and there were 1.5 on average"),
    ("At the end of May 2025, 1 approved adopters were waiting", "At the end of May 2025, 1 approved adopter was waiting"),
    ("In the 12 months, 1 adopters were approved.", "In the 12 months, 1 adopter was approved."),
    ("had run past their deadline, and 1 end within 4 weeks.", "had run past their deadline, and 1 ends within 4 weeks."),
    ("and 11 end within 4 weeks; 21 adopters were approved", "and 11 end within 4 weeks; 21 adopters were approved"),
    ("At the end of May 2025, 1 of the children in care were unaccompanied and seeking asylum.",
     "At the end of May 2025, 1 of the children in care was unaccompanied and seeking asylum."),
    # seen in April's report: a bracketed period and a list of birthdays inside the clause
    ("1 of the 1 care leavers who have had their 19th, 20th or 21st birthday this year (April 2025) are known to be "
     "NEET (100.0%).", "1 of the 1 care leaver who has had their 19th, 20th or 21st birthday this year (April 2025) "
                       "is known to be NEET (100.0%)."),
    ("1 of the 2 care leavers who have had their 19th, 20th or 21st birthday this year (April 2025) are known",
     "1 of the 2 care leavers who have had their 19th, 20th or 21st birthday this year (April 2025) is known"),
    ("0 of the 1 children adopted in the 12 months to May 2025 were aged 5 or over",
     "0 of the 1 child adopted in the 12 months to May 2025 was aged 5 or over"),
    ("11 of the 21 care leavers are known; 1 of the 3 had one, and the others were not",
     "11 of the 21 care leavers are known; 1 of the 3 had one, and the others were not"),
])
def test_a_count_of_one_is_singular(text, expected):
    from careboard.report.sentences import one_is_singular

    assert one_is_singular(text) == expected


@pytest.mark.parametrize("children, with_errors, who", [
    (1, 1, "The one child counted here has"), (2, 2, "Both children counted here have"),
    (3, 3, "All 3 children counted here have"), (2, 1, "1 of the 2 children counted here has"),
])
def test_a_figures_note_counts_its_children_in_words(children, with_errors, who):
    from careboard.report.data_quality import _child_note

    assert _child_note(children, with_errors, 4, 2) == (f"{who} errors in the records this figure is worked out from "
                                                        "(4 errors found by 2 data checks), which may affect it.")


def test_aprils_year_to_date_is_april_alone():
    from careboard.indicators.periods import period_for

    assert period_for("ytd", date(2025, 4, 30)).label == "April 2025"
    assert period_for("ytd", date(2025, 5, 31)).label == "April 2025 to May 2025"
