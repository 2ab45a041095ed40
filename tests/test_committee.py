"""The committee report assembled end to end from a small store (no benchmarks folder)."""

from __future__ import annotations

from datetime import date

import pytest

from careboard.cli import main
from careboard.report.committee import Inputs, build_report, month_ends, sentence
from careboard.formats import registry as formats
from careboard.formats.period import ListPeriod
from careboard.indicators import calculate, registry
from careboard.judge.council import load_council_config
from careboard.results import Value
from careboard.store import open_store
from careboard.synth.demo import DEMO_COUNCIL as COUNCIL
from tests.loading import load
from tests.cohort import ep, whole, with_headers, write_returns



def test_month_ends_run_back_over_month_lengths():
    assert month_ends(date(2026, 3, 31), 4) == [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def test_sentence_fills_numbers_in_house_style():
    ind = registry.get("placements_3plus_pct")
    v = Value(ind.id, date(2019, 1, 31), date(2018, 2, 1), date(2019, 1, 31), 22 / 380 * 100, 22.0, 380.0)
    assert sentence(ind, v, 6.0) == ("22 out of the 380 children in care at the end of January 2019 had 3 or more "
                                     "placements in the last 12 months. That is 5.8%.")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("committee")
    paths = write_returns(tmp / "in", whole(with_headers({
        2025: {"episodes": [ep("A", "01/05/2024"), ep("B", "01/06/2024", "01/09/2024", "E4A"),
                            ep("C", "01/06/2023", "01/07/2024", "X1"), ep("C", "01/07/2024", rne="P", place="U6")]},
    })))
    con = open_store(tmp / "s.duckdb")
    load(con, paths, as_at=date(2025, 1, 31))
    load(con, paths, as_at=date(2025, 2, 28))
    return con


def test_report_has_a_panel_per_indicator_with_trend_and_note(store):
    report = build_report(store, Inputs(load_council_config(COUNCIL), None, "Benchmarks are not loaded."))
    # every indicator from the 903; those from local lists and Annex A, not loaded here, are left out and named
    lists = {t for f in formats.FORMATS if isinstance(f.period, ListPeriod) for t in f.tables()}
    from_903 = [i.id for i in registry.INDICATORS if not calculate.input_tables(i.sql) & lists]
    assert [p.indicator_id for p in report.panels] == from_903
    assert "the council's activity log" in report.not_shown and "Statutory visits" not in [p.section for p in report.panels]
    cla = next(p for p in report.panels if p.indicator_id == "cla_count")
    assert cla.current.value == 2.0 and cla.current.as_at == date(2025, 2, 28)
    assert len(cla.trend) == 12 and cla.trend[-2].as_at == date(2025, 1, 31)
    assert cla.sentence.startswith("At the end of February 2025, there were 2 children in care")
    assert cla.section == "Children in care" and cla.benchmarks == []
    assert report.benchmarks_note == "Benchmarks are not loaded."
    assert [t.dates for t in report.profiles][0] == [date(2025, 1, 31), date(2025, 2, 28)]


def test_load_and_report_commands(tmp_path, capsys):
    paths = write_returns(tmp_path / "in", whole(with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}})))
    db, out = str(tmp_path / "s.duckdb"), tmp_path / "report"
    assert main(["load", *map(str, paths), "--as-at", "2025-02-28", "--db", db]) == 0
    assert "Loaded snapshot 1 as at 28/02/2025" in capsys.readouterr().out
    assert main(["load", *map(str, paths), "--as-at", "2025-02-28", "--db", db]) == 0
    assert "already loaded as snapshot 1" in capsys.readouterr().out
    assert main(["report", "--db", db, "--out", str(out), "--no-pdf", "--benchmarks", str(tmp_path / "none")]) == 0
    html = (out / "committee-report-2025-02.html").read_text()
    assert "Children in care" in html and "Benchmarks are not loaded" in html


def test_bad_file_gives_one_clear_message_and_exit_2(tmp_path, capsys):
    (tmp_path / "x.csv").write_text("NAME,AGE\nBob,3\n")
    assert main(["load", str(tmp_path / "x.csv"), "--db", str(tmp_path / "s.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "x.csv, line 1: the header does not match any SSDA903" in err


def test_due_lists_an_overdue_first_review(tmp_path, capsys):
    # In care from 01/05/2024 with no review: the first review fell due 20 working days later. Counting
    # from Thursday 2 May as day 1 and skipping the 6 May and 27 May bank holidays, day 20 is Friday
    # 31/05/2024, so at 31/07/2024 it is 61 days overdue.
    paths = write_returns(tmp_path / "in", whole(with_headers({2025: {"episodes": [ep("A", "01/05/2024")]}})))
    db = str(tmp_path / "s.duckdb")
    assert main(["load", *map(str, paths), "--as-at", "2024-07-31", "--db", db]) == 0
    capsys.readouterr()
    assert main(["due", "--db", db]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines()[1] == "A,overdue,31/05/2024,61,,1,01/05/2024,20 working days from coming into care"
    assert "1 review overdue" in out.err


@pytest.fixture(scope="module")
def report(store):
    return build_report(store, Inputs(load_council_config(COUNCIL), None, "Benchmarks are not loaded."))


def _panel(report, indicator_id):
    return next(p for p in report.panels if p.indicator_id == indicator_id)


def test_annual_measures_are_compared_with_the_year_before_not_last_month(report):
    # at 28/02/2025 the latest complete year is 2023/24; January's copy of it would always read "No change"
    panel = _panel(report, "health_assessment_pct")
    assert panel.period == "Year 2023/24" and panel.compared_with == "Previous year"
    assert panel.current.period_end == date(2024, 3, 31) and panel.previous.period_end == date(2023, 3, 31)
    monthly = _panel(report, "reviews_on_time_pct")
    assert monthly.compared_with == "Previous month" and monthly.previous == monthly.trend[-2]


def test_aprils_year_to_date_is_not_compared_with_the_whole_of_last_year(tmp_path):
    """Seen: in April, 1 of 1 care leavers NEET so far this year was 'worse' than March's figure, the whole of last
    year. A year-to-date figure is compared with the month before only within its year."""
    paths = write_returns(tmp_path / "in", whole(with_headers({
        2025: {"episodes": [ep("A", "01/05/2024")], "reviews": [{"CHILD": "A", "DOB": "01/01/2015",
                                                                  "REVIEW": "29/05/2024", "REVIEW_CODE": "PN1"}]},
        2026: {"episodes": [ep("A", "01/05/2024")]}})))
    con = open_store(tmp_path / "s.duckdb")
    load(con, paths, as_at=date(2025, 4, 30))
    report = build_report(con, Inputs(load_council_config(COUNCIL), None, "Benchmarks are not loaded."))
    ytd = _panel(report, "reviews_on_time_ytd_pct")
    assert ytd.current.period_start == date(2025, 4, 1) and ytd.previous is None
    monthly = _panel(report, "reviews_on_time_pct")
    assert monthly.previous is not None and monthly.previous == monthly.trend[-2]


@pytest.mark.parametrize("indicator_id, period", [
    ("cla_count", "Month end"), ("starts_count", "Rolling 12 months"), ("reviews_on_time_pct", "Month"),
    ("reviews_on_time_ytd_pct", "Year to date"), ("adopt_a1_days_3yr", "Rolling 3 years"),
    ("cl_eet_pct_19_21", "Year 2023/24"),
])
def test_each_panel_says_what_period_it_covers(report, indicator_id, period):
    assert _panel(report, indicator_id).period == period


def test_year_to_date_panels_chart_this_year_only(report):
    # the trend runs from March 2024, but last year's running total is not this year's
    panel = _panel(report, "cl_neet_ytd_pct_19_21")
    assert panel.trend and all(point.period_start == date(2024, 4, 1) for point in panel.trend)
    assert [point.as_at for point in panel.trend][0] == date(2024, 4, 30)


def test_empty_figures_say_why(report):
    assert _panel(report, "cla_rate_10k").sentence.startswith(
        "The rate per 10,000 children cannot be worked out: the number of children aged 0 to 17 living in the "
        "area (the ONS population estimate) is not available to this report.")
    assert _panel(report, "cl_neet_ytd_pct_19_21").sentence == (
        "There is no figure yet for April 2024 to February 2025: nobody in the group this measure is worked "
        "out over has been recorded so far this year.")
    assert _panel(report, "adopt_a1_days").sentence == (
        "There is no figure for the 12 months to February 2025: there were no adoptions to count.")
    assert not any("cohort" in p.sentence or "neet" in p.sentence for p in report.panels)


@pytest.mark.parametrize("dates, note", [
    ([date(2025, 4, 30), date(2025, 5, 31), date(2025, 6, 30)], ""),
    # seen: May's snapshot removed, the change column read as one month's
    ([date(2025, 4, 30), date(2025, 6, 30)], "There is no column for 31 May 2025: no data was loaded as at that date. "
                                             "The change shown is over the 2 months since April 2025."),
    ([date(2025, 3, 31), date(2025, 6, 30), date(2025, 7, 31)],
     "There is no column for 30 April 2025 and 31 May 2025: no data was loaded as at those dates."),
    ([date(2025, 6, 15), date(2025, 7, 31)], ""),
])
def test_the_profile_tables_say_which_months_between_their_columns_were_not_loaded(dates, note):
    from careboard.report.committee import snapshot_gaps

    assert snapshot_gaps(dates) == note
