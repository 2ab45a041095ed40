"""Breakdown tables in the committee report: each in its section, in the HTML, PDF, Word and Excel versions;
small counts withheld in the public version with the percentages worked out from them; a table whose list
was not loaded left out and named."""

from __future__ import annotations

from datetime import date

import pytest

from careboard.judge.council import load_council_config
from careboard.report.committee import Inputs, build_report
from careboard.report.docx import render_docx
from careboard.report.html import render_html
from careboard.report.xlsx import render_xlsx
from careboard.synth.demo import DEMO_COUNCIL as COUNCIL
from tests.cohort import whole
from tests.indicators.test_local_lists import APPLICATIONS, AS_AT, PRIVATE
from tests.shared_context import shared_context

# Fostering applications and private fostering notifications beside a 903 return, nothing else.
BOTH = whole({2025: {**APPLICATIONS[2025], **PRIVATE[2025]}})


@pytest.fixture(scope="module")
def reports():
    con = shared_context(BOTH, AS_AT).con
    inputs = Inputs(load_council_config(COUNCIL), None, "Benchmarks are not loaded.")
    return build_report(con, inputs), build_report(con, inputs, public=True)


def _table(report, table_id):
    return next(t for t in report.tables if t.table_id == table_id)


def test_tables_sit_in_their_sections_and_lists_not_loaded_are_named(reports):
    full, _ = reports
    assert [(t.table_id, t.section) for t in full.tables] == [
        ("reviews_by_participation", "Reviews"), ("fostering_approvals_by_month", "Fostering"),
        ("private_fostering_by_source", "Private fostering")]
    # the support requests and Annex A were not loaded: their figures and tables are named as left out
    assert "Adoption and special guardianship support requests by month" in full.not_shown
    assert "adoption and special guardianship support requests" in full.not_shown
    assert "Annex A List 10 (adoption)" in full.not_shown      # a list's name keeps its capitals


def test_the_public_version_withholds_small_counts_and_what_follows_from_them(reports):
    full, public = reports
    october = next(i for i, row in enumerate(_table(full, "fostering_approvals_by_month").rows) if row[0] == "October 2024")
    assert _table(full, "fostering_approvals_by_month").rows[october] == ["October 2024", 1, 1, 2, 1, 50.0]
    shown = _table(public, "fostering_approvals_by_month")
    assert shown.rows[october] == ["October 2024", None, None, None, None, None]
    assert {(october, c) for c in range(1, 6)} <= shown.suppressed
    assert shown.rows[0] == ["February 2024", 0, 0, 0, 0, None]     # noughts are not withheld


def test_every_version_prints_the_tables(reports, tmp_path):
    full, public = reports
    html = render_html(full, tmp_path / "r.html").read_text()
    assert '<caption>Private fostering notifications by source</caption>' in html
    assert "<th scope=\"row\">Private foster carer</th><td class=\"num\">1</td><td class=\"num\">1</td>" \
           "<td class=\"num\">100.0%</td>" in html
    public_html = render_html(public, tmp_path / "p.html").read_text()
    assert "<th scope=\"row\">Private foster carer</th><td class=\"num\">c</td>" in public_html

    import docx
    import openpyxl

    document = docx.Document(render_docx(full, tmp_path / "r.docx"))
    assert "Fostering approvals by month" in [p.text for p in document.paragraphs]
    book = openpyxl.load_workbook(render_xlsx(full, tmp_path / "r.xlsx"))
    sheet = book["Private fostering by source"]
    assert [c.value for c in sheet[1]] == ["Notified by", "Notifications", "Visited within 7 working days",
                                           "Visited in time"]
    assert [c.value for c in sheet[3]] == ["Private foster carer", 1, 1, 100.0]
