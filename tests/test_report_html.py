"""The committee report HTML for the hand-made fixture report (tests/report_fixture.py)."""

import re
from dataclasses import replace

import pytest

import tests.report_fixture as fx
from careboard.report import render_html, suppress
from careboard.report.html import report_html
from tests.report_reading import paragraphs, tables

TITLES = [fx.rate_panel().title, fx.stability_panel().title, fx.missing_panel().title, fx.adoption_panel().title]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    path = render_html(fx.report(), tmp_path_factory.mktemp("report") / "nested" / "report.html")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def public():
    return report_html(suppress(fx.report()))


def scorecard(html: str) -> dict[str, list[str]]:
    (rows,) = tables(html, "scorecard-table")
    return {row[0]: row[1:] for row in rows[1:] if len(row) > 1}


# Columns: period, value, target, RAG, previous period, change, direction. Worked out by hand:
#   rate 380 / 50,000 x 10,000 = 76.0 against 74 (red, from the fixture), previous 72.0
#   3+ placements 22 / 380 = 5.79% -> 5.8%, target 6 printed as a round figure, previous 26 / 376 = 6.91% -> 6.9%
#   average days 10,181 / 18 = 565.6 -> 566
FULL_SCORECARD = {
    TITLES[0]: ["Month end", "76.0", "74", "Red", "72.0", "▼ Worse", "Low is good"],
    TITLES[1]: ["Rolling 12 months", "5.8%", "6%", "Green", "6.9%", "▲ Improved", "Low is good"],
    TITLES[2]: ["Month", "4", "–", "No target", "9", "▲ Improved", "Low is good"],
    TITLES[3]: ["Rolling 12 months", "566", "426", "Red", "543", "▼ Worse", "Low is good"],
}
# Public: 4 missing children is small, so the value and the change (4 vs 9) are "c"; nothing else is small.
PUBLIC_SCORECARD = FULL_SCORECARD | {TITLES[2]: ["Month", "c", "–", "No target", "9", "c", "Low is good"]}

# Target, variance, previous month, change per panel. Variances: rate (76 - 74) / 74 = +2.7%;
# 5.79 - 6 = -0.2 pp; days 565.6 - 426 = +139.6 -> +140 days.
FULL_FACTS = [
    ["74", "+2.7%", "72.0", "▼ Worse"],
    ["6%", "-0.2 pp", "6.9%", "▲ Improved"],
    ["–", "–", "9", "▲ Improved"],
    ["426", "+140 days", "543", "▼ Worse"],
]

# Benchmarks (comparator, year, published, current vs benchmark, note) worked out by hand:
#   rate, relative: (76 - 74) / 74 = +2.7%; (76 - 87.3) / 87.3 = -12.9%; (76 - 49) / 49 = +55.1%; 6 / 70 = +8.6%
#   %, points: 5.8 - 5 = +0.8 pp; 5.8 - 10 = -4.2 pp; 5.8 - 11 = -5.2 pp
#   days: 566 - 459 = +107; 566 - 497.4 = +68.6 -> +69; 566 - 520 = +46
FULL_BENCHMARKS = [
    [["Local Authority", "2023/24", "74", "+2.7%", ""], ["Stat Neighbours", "2023/24", "87.3", "-12.9%", "mean of 10"],
     ["Region", "2023/24", "49", "+55.1%", ""], ["England", "2023/24", "70", "+8.6%", ""]],
    [["Local Authority", "2023/24", "5%", "+0.8 pp"], ["Stat Neighbours", "2023/24", "10%", "-4.2 pp"],
     ["Region", "2023/24", "11%", "-5.2 pp"], ["England", "2023/24", "10%", "-4.2 pp"]],
    [["Local Authority", "2021-24", "459", "+107 days"], ["Stat Neighbours", "2021-24", "497", "+69 days"],
     ["Region", "2021-24", "520", "+46 days"], ["England", "2021-24", "520", "+46 days"]],
]


@pytest.mark.parametrize("which, expected", [("full", FULL_SCORECARD), ("public", PUBLIC_SCORECARD)])
def test_scorecard(which, expected, request):
    assert scorecard(request.getfixturevalue(which)) == expected


def test_scorecard_groups_panels_by_section(full):
    (rows,) = tables(full, "scorecard-table")
    assert [row[0] for row in rows] == ["Indicator", "Children in care", *TITLES[:3], "Adoption", TITLES[3]]


def test_panel_facts(full):
    assert [[cells[1] for cells in rows] for rows in tables(full, "facts")] == FULL_FACTS


def test_public_panel_facts_show_c_for_what_follows_from_a_small_count(public):
    assert [[cells[1] for cells in rows] for rows in tables(public, "facts")][2] == ["–", "–", "9", "c"]


def test_benchmarks(full):
    assert [rows[1:] for rows in tables(full, "benchmarks")] == FULL_BENCHMARKS


def test_sentences(full):
    assert paragraphs(full, "sentence") == [fx.rate_panel().sentence, fx.stability_panel().sentence,
                                            fx.missing_panel().sentence, fx.adoption_panel().sentence]


def test_public_sentences_say_exactly_what_was_withheld(public):
    # The missing count (4) is itself small: the sentence says so. The adoption average rests on 18 children
    # and stays; only the 4 who moved in within 426 days are withheld, so the real A1 sentence is filled
    # again with that count in words.
    small_count = "The number of children counted is between 1 and 5, so it is not published, to protect their privacy."
    sub_count = ("For the 18 children adopted in the 12 months to January 2025, on average 566 days passed between "
                 "entering care and moving in with their adoptive family. Between 1 and 5 of the 18 moved in "
                 "within 426 days.")
    assert paragraphs(public, "sentence") == [fx.rate_panel().sentence, fx.stability_panel().sentence, small_count,
                                              sub_count]


# Ethnicity: rows shown with five snapshot counts and the change (Jan 2025 minus Dec 2024).
FULL_ETHNICITY = [
    ["Ethnicity", "Mar 2024", "Jun 2024", "Sep 2024", "Dec 2024", "Jan 2025", "Change"],
    ["White British", "226", "239", "229", "219", "229", "+10"],
    ["White Irish", "0", "0", "0", "0", "2", "+2"],
    ["Any other White background", "34", "40", "43", "41", "49", "+8"],
    ["White", "260", "279", "272", "260", "280", "+20"],
    ["Mixed White and Black Caribbean", "4", "5", "5", "6", "7", "+1"],
    ["Any other Mixed background", "37", "41", "38", "39", "43", "+4"],
    ["Mixed", "41", "46", "43", "45", "50", "+5"],
    ["Caribbean", "2", "2", "2", "0", "2", "+2"],
    ["African", "13", "10", "12", "10", "9", "-1"],
    ["Any other Black background", "8", "8", "8", "7", "7", "0"],
    ["Black", "23", "20", "22", "17", "18", "+1"],
    ["Asian and other ethnic groups", "24", "34", "29", "32", "28", "-4"],
    ["Not stated / not yet obtained", "5", "2", "4", "4", "6", "+2"],
]
# Public: the cells withheld in test_report_suppression.ETHNICITY_WITHHELD; a change is "c" when either
# of its two counts is (Black and Not stated are shown for Jan but hidden for Dec).
PUBLIC_ETHNICITY = [
    FULL_ETHNICITY[0],
    ["White British", "226", "239", "229", "219", "229", "+10"],
    ["White Irish", "0", "0", "0", "0", "c", "c"],
    ["Any other White background", "34", "40", "43", "41", "c", "c"],
    ["White", "260", "279", "272", "260", "280", "+20"],
    ["Mixed White and Black Caribbean", "c", "c", "c", "6", "7", "+1"],
    ["Any other Mixed background", "c", "c", "c", "39", "43", "+4"],
    ["Mixed", "41", "46", "43", "45", "50", "+5"],
    ["Caribbean", "c", "c", "c", "0", "c", "c"],
    ["African", "13", "10", "12", "10", "9", "-1"],
    ["Any other Black background", "c", "c", "c", "c", "c", "c"],
    ["Black", "c", "c", "c", "c", "18", "c"],
    ["Asian and other ethnic groups", "24", "34", "29", "32", "28", "-4"],
    ["Not stated / not yet obtained", "c", "c", "c", "c", "6", "c"],
]


@pytest.mark.parametrize("which, expected", [("full", FULL_ETHNICITY), ("public", PUBLIC_ETHNICITY)])
def test_ethnicity_profile(which, expected, request):
    age, ethnicity = tables(request.getfixturevalue(which), "profile")
    assert ethnicity == expected
    assert age[0] == ["Age", "Mar 2024", "Jun 2024", "Sep 2024", "Dec 2024", "Jan 2025", "Change"]
    assert age[1] == ["Under 1", "18", "20", "19", "20", "29", "+9"]


def test_subtotal_rows_are_marked_bold(full):
    subtotals = re.findall(r'<tr class="subtotal">\s*<th scope="row" class="name">([^<]+)</th>', full)
    assert subtotals == ["White", "Mixed", "Black"]


def test_rag_is_written_as_a_word_and_arrows_have_words(full):
    chips = re.findall(r'<span class="rag rag-(\w+)">([^<]+)</span>', full)
    # the how-to-read legend, then scorecard and card per panel
    assert set(chips) == {("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("none", "No target")}
    assert re.search(r'<span aria-hidden="true">▲</span> Improved', full)


def test_one_chart_per_panel_with_a_text_alternative(full):
    charts = re.findall(r"<svg\b[^>]*>", full)
    assert len(charts) == 4
    assert all('role="img"' in svg for svg in charts)
    assert '<title>Trend chart: Children with 3 or more placements in 12 months, Feb 2024 to Jan 2025; ' \
           '7.1% in Feb 2024, 5.8% in Jan 2025; target 6%.</title>' in full


def test_public_chart_marks_withheld_months(public):
    missing_chart = re.search(r'<svg\b[^>]*aria-label="Trend chart: Children missing[^"]*"', public).group(0)
    assert "some months are suppressed" in missing_chart


def test_self_contained_and_ids_unique(full):
    assert not re.search(r"https?:", full, re.I)
    assert not re.search(r"<(script|link|img|iframe)\b", full, re.I)
    ids = re.findall(r'\bid="([^"]+)"', full)
    assert len(ids) == len(set(ids))


def test_title_block_and_notes(full, public):
    assert "Northfield City Council" in full and "Corporate Parenting performance report" in full
    assert "Position at 31 January 2025" in full and "Generated 3 February 2025 at 09:15" in full
    assert "High is good" in full or "Low is good" in full
    assert "c = suppressed" not in full and "Public version" not in full
    assert "c = suppressed to protect confidentiality: a count of between 1 and 5 children" in public
    assert "0 means none: zero is not suppressed" in public


def test_benchmarks_note_is_printed():
    html = report_html(fx.report(benchmarks_note="Benchmarks are not loaded.",
                                 panels=[replace(fx.rate_panel(), benchmarks=[])]))
    assert "<li>Benchmarks are not loaded.</li>" in html
    assert "<caption>Benchmarks</caption>" not in html


def test_text_is_escaped():
    html = report_html(fx.report(council="Brighton & Hove <City>", profiles=[]))
    assert "Brighton &amp; Hove &lt;City&gt;" in html


@pytest.mark.parametrize("change, polarity, expected", [
    ("same", "low", ["■ No change", "Low is good"]),
    ("n/a", None, ["–", "Context only"]),
    ("worse", "high", ["▼ Worse", "High is good"]),
])
def test_change_and_direction_words(change, polarity, expected):
    panel = fx.rate_panel()
    panel = replace(panel, polarity=polarity, assessment=replace(panel.assessment, change=change))
    assert scorecard(report_html(fx.report(panels=[panel], profiles=[])))[panel.title][5:] == expected


def test_unknown_words_are_named():
    panel = fx.rate_panel()
    with pytest.raises(ValueError, match="'purple'"):
        report_html(fx.report(panels=[replace(panel, assessment=replace(panel.assessment, rag="purple"))]))
    with pytest.raises(ValueError, match="'sideways'"):
        report_html(fx.report(panels=[replace(panel, assessment=replace(panel.assessment, change="sideways"))]))


def test_variance_is_explained_in_one_note(full):
    notes = re.findall(r"<li>(.*?)</li>", full.partition('class="footnotes"')[2], re.S)
    variance = [note for note in notes if "Variance is" in note]
    assert variance == ["Variance is the value minus the target: as a percentage of the target for rates, in "
                        "percentage points (pp) for percentages and in days for measures in days. “Current vs "
                        "benchmark” is measured the same way against each benchmark."]


def test_glossary_lists_only_the_terms_the_report_uses(full):
    (rows,) = tables(full, "glossary-table")
    terms = [row[0] for row in rows[1:]]
    # the fixture's titles, definitions, periods, benchmarks and facts use these and no others
    assert terms == ["A1", "Children in care", "Month", "Month end", "ONS", "Placement", "pp", "RAG",
                     "Rolling 12 months", "Short breaks", "Stat Neighbours"]
    assert "SDQ" not in terms and "NEET" not in terms


def test_a_target_without_a_figure_is_not_called_no_target():
    # a rate whose population is missing has no value to rate against its target of 74
    panel = fx.rate_panel()
    panel = replace(panel, current=replace(panel.current, value=None, denominator=None),
                    assessment=replace(panel.assessment, variance=None, rag=None, change="n/a"))
    html = report_html(fx.report(panels=[panel], profiles=[]))
    assert scorecard(html)[panel.title][1:4] == ["–", "74", "No figure"]
    assert "“No figure” = a target is set but there is no figure to rate." in html
    assert "No figure" not in report_html(fx.report(profiles=[]))
