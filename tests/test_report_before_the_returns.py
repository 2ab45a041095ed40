"""The report's months before the returns loaded begin (report/before_the_returns.py): no figure from the return."""

from __future__ import annotations

from datetime import date

from careboard.judge.council import no_council
from careboard.report.committee import Inputs, build_report
from careboard.store import open_store
from tests.cohort import ep, with_headers, write_returns
from tests.loading import load


def test_months_before_the_first_return_show_no_figure_and_the_front_page_says_why(tmp_path):
    """Seen: with the 2025/26 return alone, December 2024 showed 7 children in care (those who left before April
    2025 are in no return loaded) and 0 leaving care for December to April."""
    returns = with_headers({2026: {"episodes": [ep("A", "01/01/2024"), ep("B", "01/06/2025"),
                                                ep("C", "01/03/2024", "15/05/2025", "E4A")]}})
    con = open_store(tmp_path / "s.duckdb")
    load(con, write_returns(tmp_path / "in", returns), as_at=date(2025, 11, 30), validate=False)
    report = build_report(con, Inputs(no_council(), None))
    trend = {p.as_at: p.value for p in next(x for x in report.panels if x.indicator_id == "cla_count").trend}
    assert (trend[date(2024, 12, 31)], trend[date(2025, 3, 31)], trend[date(2025, 4, 30)], trend[date(2025, 11, 30)]) \
        == (None, None, 2.0, 2.0)
    assert "The months before April 2025, when the children-in-care returns loaded begin, show no figure" \
        in report.data_note
    assert "Figures over 12 months (or 3 years) that reach back before April 2025 count only" in report.data_note
