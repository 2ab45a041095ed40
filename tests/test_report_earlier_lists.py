"""Earlier months of the figures drawn from the council's lists alone (report/earlier_lists.py): from the lists
taken in those months where a snapshot holds them, else none, as a list reaches back only 12 months."""

from __future__ import annotations

from datetime import date

from careboard.judge.council import no_council
from careboard.report.committee import Inputs, build_report
from careboard.store import open_store
from tests.loading import load

HEADER = "CHILD,NOTIFIED,NOTIFIED_BY,FIRST_VISIT,ASSESSED,LATEST_VISIT,ENDED\n"
# Taken on 31/12/2025: the notifications since 1 January 2025. Taken on 31/01/2026: since 1 February 2025, so
# P1 (notified in January 2025) has gone from it, and P4 has come.
DECEMBER = HEADER + "P1,15/01/2025,SCHOOL,,,,\nP2,01/06/2025,PARENT,,,,\nP3,01/12/2025,HEALTH,,,,\n"
JANUARY = HEADER + "P2,01/06/2025,PARENT,,,,\nP3,01/12/2025,HEALTH,,,,\nP4,10/01/2026,SCHOOL,,,,\n"


def _store(tmp_path, *lists: tuple[str, date]):
    con = open_store(tmp_path / "s.duckdb")
    for i, (text, as_at) in enumerate(lists):
        folder = tmp_path / f"lists {i}"
        folder.mkdir()
        (folder / "private fostering.csv").write_text(text)
        load(con, [folder], as_at=as_at, validate=False)
    return con


def _notifications(report):
    panel = next(p for p in report.panels if p.indicator_id == "private_fostering_notifications_count")
    return {point.as_at: point.value for point in panel.trend}, panel


def test_a_months_figure_is_the_one_the_lists_taken_that_month_give(tmp_path):
    con = _store(tmp_path, (DECEMBER, date(2025, 12, 31)), (JANUARY, date(2026, 1, 31)))
    report = build_report(con, Inputs(no_council(), None))
    trend, panel = _notifications(report)
    # December's 12 months (January to December 2025) from December's lists: P1, P2, P3. January's: P2, P3, P4.
    assert (trend[date(2025, 12, 31)], trend[date(2026, 1, 31)]) == (3.0, 3.0)
    assert panel.previous.value == 3.0
    # no lists were taken in November: from January's, its 12 months would lack December 2024 and January 2025
    assert trend[date(2025, 11, 30)] is None
    assert "shown only where the lists taken in that month were loaded" in report.data_note


def test_with_the_lists_of_one_day_only_that_days_figure_is_shown(tmp_path):
    con = _store(tmp_path, (JANUARY, date(2026, 1, 31)))
    trend, panel = _notifications(build_report(con, Inputs(no_council(), None)))
    assert [v for _, v in sorted(trend.items())] == [None] * 11 + [3.0]
    assert panel.previous.value is None


APPLICATIONS = "APPLICANT,APPLICATION_TYPE,ENQUIRY,APPLICATION,ALLOCATED,PANEL_PREDICTED,PANEL,OUTCOME,TEAM,WORKER\n"


def test_a_position_at_an_earlier_month_end_comes_from_that_months_lists_too(tmp_path):
    """A0 applied in November 2024 and was approved in January 2026: in December's list, still in assessment, but
    not in January's (which holds the applications of its 12 months and those still in assessment). From January's
    list December would count 1 in assessment; its own says 2."""
    december = APPLICATIONS + ("A0,MAINSTREAM,01/10/2024,01/11/2024,15/11/2024,,,,,\n"
                               "A1,MAINSTREAM,01/05/2025,01/06/2025,15/06/2025,,,,,\n")
    january = APPLICATIONS + "A1,MAINSTREAM,01/05/2025,01/06/2025,15/06/2025,,,,,\n"
    con = open_store(tmp_path / "s.duckdb")
    for i, (text, as_at) in enumerate(((december, date(2025, 12, 31)), (january, date(2026, 1, 31)))):
        (tmp_path / f"l{i}").mkdir()
        (tmp_path / f"l{i}" / "fostering applications.csv").write_text(text)
        load(con, [tmp_path / f"l{i}"], as_at=as_at, validate=False)
    panel = next(p for p in build_report(con, Inputs(no_council(), None)).panels
                 if p.indicator_id == "fostering_in_assessment_count")
    trend = {point.as_at: point.value for point in panel.trend}
    assert (trend[date(2025, 12, 31)], trend[date(2026, 1, 31)], trend[date(2025, 11, 30)]) == (2.0, 1.0, None)
