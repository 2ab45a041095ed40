"""The scorecard and every table as an Excel workbook, read back with openpyxl: numbers as numbers, dates
as dates, "c" where the public version withholds a figure (tests/report_fixture.py has the figures)."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

import tests.report_fixture as fx
from careboard.report import render_xlsx, suppress
from careboard.report.view import build
from careboard.report.xlsx import SCORECARD_COLUMNS, sheet_name
from tests.test_report_commentary import with_commentary

HEADERS = [title for title, _ in SCORECARD_COLUMNS]


def read(report, tmp_path):
    return openpyxl.load_workbook(render_xlsx(report, tmp_path / "report.xlsx"))


def records(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_sheets_are_the_scorecard_trend_each_profile_table_and_notes(tmp_path):
    book = read(fx.report(), tmp_path)
    assert book.sheetnames == ["Scorecard", "Trend", "Age", "Ethnicity", "Notes"]
    for name in ("Scorecard", "Trend", "Age", "Ethnicity"):
        assert book[name].freeze_panes in ("B2", "C2")


def test_one_scorecard_row_per_panel_with_numbers_as_numbers(tmp_path):
    book = read(fx.report(), tmp_path)
    rows = records(book["Scorecard"])
    assert list(rows[0]) == HEADERS
    assert [r["Indicator id"] for r in rows] == [p.indicator_id for p in fx.report().panels]
    rate = rows[0]
    assert rate["Value"] == pytest.approx(76.0) and rate["Numerator"] == 380 and rate["Denominator"] == 50_000
    # figures as the report prints them: (76 - 74) / 74 = 2.7027...% is +2.7%
    assert rate["Target"] == 74 and rate["Variance"] == 2.7 and rate["Variance unit"] == "%"
    assert rate["Previous"] == 72 and rate["RAG"] == "Red" and rate["Change"] == "▼ Worse"
    assert (rate["Benchmark year"], rate["Local Authority"], rate["Stat Neighbours"], rate["Region"],
            rate["England"]) == ("2023/24", 74, 87.3, 49, 70)
    # what the report says beside a benchmark (a mean of how many neighbours, why one is blank) goes with it
    assert rate["Benchmark notes"] == "; ".join(f"{b.label}: {b.note}" for b in fx.rate_panel().benchmarks if b.note)
    assert rate["Benchmark notes"].startswith("Stat Neighbours: ")
    assert rate["To"] == datetime(2025, 1, 31) and rate["From"] is None
    missing = rows[2]
    assert missing["From"] == datetime(2025, 1, 1) and missing["Target"] is None and missing["RAG"] == "No target"
    assert book["Scorecard"]["G2"].number_format == "#,##0.0"
    assert book["Scorecard"]["Q2"].fill.fgColor.rgb.endswith("F4C7C3")


def test_public_scorecard_writes_c_where_the_report_does(tmp_path):
    public = suppress(fx.report())
    rows = records(read(public, tmp_path)["Scorecard"])
    view = build(public)
    for row, panel, shown in zip(rows, public.panels, view["panels"]):
        assert (row["Value"] == "c") == (shown.value == "c")
        assert (row["Numerator"] == "c") == ("numerator" in panel.current.suppressed)
        assert row["RAG"] == shown.rag.word
    missing = rows[2]
    assert missing["Value"] == "c" and missing["Numerator"] == "c" and missing["Change"] == "c"


def test_profile_sheets_have_date_headers_counts_and_withheld_cells(tmp_path):
    full = list(read(fx.report(), tmp_path)["Ethnicity"].iter_rows(values_only=True))
    assert full[0][1:6] == tuple(datetime(d.year, d.month, d.day) for d in fx.SNAPSHOTS) and full[0][6] == "Change"
    white_british = next(r for r in full if r[0].strip() == "White British")
    assert white_british[1:] == (226, 239, 229, 219, 229, 10)
    public = list(read(suppress(fx.report()), tmp_path)["Ethnicity"].iter_rows(values_only=True))
    assert next(r for r in public if r[0].strip() == "White Irish")[5:] == ("c", "c")


def test_trend_sheet_has_each_month(tmp_path):
    trend = list(read(fx.report(), tmp_path)["Trend"].iter_rows(values_only=True))
    assert trend[0][3:] == tuple(datetime(d.year, d.month, d.day) for d in fx.MONTHS)
    assert trend[3][0] == "missing_children" and trend[3][3:] == (6, 8, 5, 9, 7, 10, 6, 8, 11, 7, 9, 4)


def test_commentary_is_a_column_beside_its_indicator(tmp_path):
    rows = records(read(with_commentary(), tmp_path)["Scorecard"])
    assert rows[0]["Commentary"] == ("Numbers rose after two large sibling groups (of 4 & 5) came into care <late> "
                                     "in January.\n\nWe expect the rate to fall back by March.")
    assert rows[2]["Commentary"] is None or rows[2]["Commentary"] == ""


def test_notes_sheet_carries_the_reports_notes(tmp_path):
    notes = dict(read(fx.report(), tmp_path)["Notes"].iter_rows(values_only=True))
    assert notes["Council"] == "Northfield City Council" and notes["Position at"] == "31 January 2025"
    assert notes["Note 1"] == build(fx.report())["footnotes"][0]


@pytest.mark.parametrize("title, taken, expected", [
    ("Legal status", set(), "Legal status"),
    ("Placement type: [area] / provider?", set(), "Placement type- -area"),
    ("Unaccompanied asylum-seeking children", set(), "Unaccompanied asylum-seeking"),   # cut after a whole word
    ("Abcdefghijklmnopqrstuvwxyz0123456789", set(), "Abcdefghijklmnopqrstuvwxyz01234"),
    ("Age", {"age"}, "Age 2"),
])
def test_sheet_names_follow_excels_rules(title, taken, expected):
    assert sheet_name(title, set(taken)) == expected


def test_rows_follow_the_reports_sections_not_the_panels_list(tmp_path):
    # the HTML prints a section's panels together, wherever they come in the list
    from dataclasses import replace

    report = fx.report()
    rate, stability, _, adoption = report.panels
    rows = records(read(replace(report, panels=[rate, adoption, stability]), tmp_path)["Scorecard"])
    assert [r["Indicator id"] for r in rows] == ["cla_rate", "placements_3plus_pct", "adopt_a1_days"]


def test_each_figure_is_the_one_the_report_prints(tmp_path):
    from careboard.report.formatting import format_value

    report = fx.report()
    rows = records(read(report, tmp_path)["Scorecard"])
    for row, panel, shown in zip(rows, report.panels, build(report)["panels"]):
        assert format_value(row["Value"], panel.unit, panel.decimals) == shown.value
        assert format_value(row["Previous"], panel.unit, panel.decimals) == shown.previous
    assert [row["Value"] for row in rows] == [76.0, 5.8, 4, 566]   # 22 / 380 = 5.789...%; 10,181 / 18 = 565.6 days


def test_rows_with_wrapped_commentary_are_tall_enough_to_read(tmp_path):
    sheet = read(with_commentary(), tmp_path)["Scorecard"]
    # two paragraphs (88 and 41 characters) in a 60-character column: 2 + 1 lines and the blank line between
    assert sheet.row_dimensions[2].height == 15 * 4
    assert sheet.row_dimensions[1].height == 30 and sheet.row_dimensions[4].height is None
