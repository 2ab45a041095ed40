"""The committee report as a Word document, read back with python-docx: the same words and figures as the
HTML (tests/report_fixture.py, figures worked out by hand there), in Word's own styles."""

from __future__ import annotations

from dataclasses import replace

import docx
import pytest

import tests.report_fixture as fx
from careboard.report import render_docx, suppress
from careboard.report.view import build
from tests.test_report_commentary import with_commentary

SCORECARD_HEADER = ["Indicator", "Period", "Value", "Target", "Variance", "RAG", "Previous period", "Change",
                    "Direction"]


def read(report, tmp_path):
    return docx.Document(str(render_docx(report, tmp_path / "report.docx")))


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def fill(cell) -> str | None:
    shade = cell._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
    return None if shade is None else shade.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")


def test_front_page_scorecard_sections_profiles_notes_and_glossary_in_the_html_order(tmp_path):
    document = read(fx.report(), tmp_path)
    assert [p.text for p in document.paragraphs[:2]] == ["Northfield City Council", "Corporate Parenting performance report"]
    assert document.paragraphs[1].style.name == "Title"
    assert headings(document, 1) == ["Summary scorecard", "Children in care", "Adoption",
                                     "Profile of children looked after", "Notes", "Glossary"]
    assert headings(document, 2) == ["How to read this report", *(p.title for p in fx.report().panels)]
    view = build(fx.report())
    notes = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert notes == view["footnotes"]
    glossary = rows(document.tables[-1])
    assert glossary[0] == ["Term", "Meaning"] and glossary[1:] == [[g.term, g.meaning] for g in view["glossary"]]
    assert all(table.style.name == "Table Grid" for table in document.tables)


def test_scorecard_rows_are_the_panels_with_rag_in_words_and_shading(tmp_path):
    document = read(fx.report(), tmp_path)
    scorecard = document.tables[0]
    got = rows(scorecard)
    assert got[0] == SCORECARD_HEADER
    # section rows span the table; then one row per panel, worked out by hand in report_fixture
    assert got[1] == ["Children in care"] * 9
    assert got[2] == ["Children looked after per 10,000 children", "Month end", "76.0", "74", "+2.7%", "Red", "72.0",
                      "▼ Worse", "Low is good"]
    assert got[3][:8] == ["Children with 3 or more placements in 12 months", "Rolling 12 months", "5.8%", "6%",
                          "-0.2 pp", "Green", "6.9%", "▲ Improved"]
    assert got[4][2:6] == ["4", "–", "–", "No target"]
    assert got[5] == ["Adoption"] * 9
    assert got[6][2:6] == ["566", "426", "+140 days", "Red"]
    assert [fill(row.cells[5]) for row in scorecard.rows[2:5]] == ["F4C7C3", "B7E1CD", None]


def test_each_panel_has_its_figures_sentence_benchmarks_and_definition_under_its_heading(tmp_path):
    document = read(fx.report(), tmp_path)
    body = [p.text for p in document.paragraphs]
    start = body.index("Children looked after per 10,000 children")
    assert body[start + 1] == "At 31 January 2025"
    assert body[start + 2] == fx.rate_panel().sentence
    facts, benchmarks = document.tables[1], document.tables[2]
    assert rows(facts) == [["Value", "RAG", "Target", "Variance", "Previous month", "Change", "Direction"],
                           ["76.0", "Red", "74", "+2.7%", "72.0", "▼ Worse", "Low is good"]]
    assert rows(benchmarks)[2] == ["Stat Neighbours", "2023/24", "87.3", "-12.9%", "mean of 10"]
    assert "Definition: " + fx.rate_panel().definition in body
    assert "Data quality: 2 episodes with a missing placement code were left out." in body


def test_profile_tables_have_dates_counts_change_and_bold_subtotals(tmp_path):
    document = read(fx.report(), tmp_path)
    ethnicity = next(t for t in document.tables if t.rows[0].cells[0].text == "Ethnicity")
    got = rows(ethnicity)
    assert got[0] == ["Ethnicity", "Mar 2024", "Jun 2024", "Sep 2024", "Dec 2024", "Jan 2025", "Change"]
    white = next(row for row in ethnicity.rows if row.cells[0].text == "White")
    assert all(run.bold for run in white.cells[1].paragraphs[0].runs)
    assert next(r for r in got if r[0].strip() == "White British")[0].startswith("    ")


def test_every_table_keeps_its_rows_whole_and_repeats_its_header_row_on_each_page(tmp_path):
    document = read(fx.report(), tmp_path)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for table in document.tables:
        for n, row in enumerate(table.rows):
            properties = row._tr.trPr
            assert properties is not None and properties.find(f"{w}cantSplit") is not None
            assert (properties.find(f"{w}tblHeader") is not None) == (n == 0)


def test_public_version_withholds_exactly_what_the_html_withholds(tmp_path):
    public = suppress(fx.report())
    document = read(public, tmp_path)
    view = build(public)
    scorecard = [row for row in rows(document.tables[0]) if row[0] not in ("Children in care", "Adoption")][1:]
    assert [row[2] for row in scorecard] == [p.value for p in view["panels"]]
    assert [row[5] for row in scorecard] == [p.rag.word for p in view["panels"]]
    assert "c" in [row[2] for row in scorecard]    # the 4 missing children
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Public version: small numbers suppressed" in text
    assert "c means the figure is suppressed because it involves between 1 and 5 children" in text
    ethnicity = next(t for t in document.tables if t.rows[0].cells[0].text == "Ethnicity")
    assert [row for row in rows(ethnicity) if row[0].strip() == "White Irish"][0][5:] == ["c", "c"]


def test_no_council_settings_notice_is_on_the_front_page(tmp_path):
    note = "No council settings were given, so no figure has a target."
    document = read(replace(fx.report(), council_note=note), tmp_path)
    assert note in [p.text for p in document.paragraphs[:8]]


def test_commentary_follows_its_own_panels_sentence(tmp_path):
    document = read(with_commentary(), tmp_path)
    body = [p.text for p in document.paragraphs]
    rate = body.index(fx.rate_panel().sentence)
    assert body[rate + 1: rate + 4] == [
        "Service commentary",
        "Numbers rose after two large sibling groups (of 4 & 5) came into care <late> in January.",
        "We expect the rate to fall back by March."]
    adoption = body.index("Adoption")
    assert body[adoption + 1: adoption + 3] == ["Service commentary", "Two adoption orders were delayed by court listings."]
    missing = body.index(fx.missing_panel().sentence)
    assert body[missing + 1] != "Service commentary"


def test_profile_note_says_which_dates_the_columns_are(tmp_path):
    note = "The profile tables show the children looked after at the end of each quarter."
    document = read(replace(fx.report(), profile_note=note), tmp_path)
    assert note in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("style", ["Table Text", "Table Text Small"])
def test_table_text_has_its_own_style_a_clerk_can_restyle(tmp_path, style):
    document = read(fx.report(), tmp_path)
    assert document.styles[style].base_style.name == "Normal"
    used = {p.style.name for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs}
    assert style in used


@pytest.mark.parametrize("public, footer", [
    (False, "Generated 3 February 2025 at 09:15 · Page "),
    (True, "Generated 3 February 2025 at 09:15 · Public version: small numbers suppressed · Page "),
])
def test_header_and_footer_say_whose_report_and_which_edition(tmp_path, public, footer):
    document = read(suppress(fx.report()) if public else fx.report(), tmp_path)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == ("Northfield City Council · Corporate Parenting performance report · "
                                                 "Position at 31 January 2025")
    assert section.footer.paragraphs[0].text == footer   # the page number is a field Word fills in
    assert 'w:instr="PAGE"' in section.footer.paragraphs[0]._p.xml


def test_the_scorecard_fills_the_page_and_its_widest_words_keep_to_one_line():
    # Word wrapped 100.0% after its last digit and "No target" after "No" (seen rendered by LibreOffice). Set
    # in Helvetica, whose widths are Arial's, in the small table text, inside Word's 0.19 cm cell margins.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from careboard.report.docx import SCORECARD_WIDTHS, TABLE_TEXT

    assert sum(SCORECARD_WIDTHS) <= 17.0      # A4 less its 2 cm margins
    points_per_cm = 72 / 2.54
    for column, words in ((2, "100.0%"), (3, "100.0%"), (4, "-100.0 pp"), (5, "No target"), (6, "100.0%"),
                          (8, "High is good")):
        room = (SCORECARD_WIDTHS[column] - 2 * 0.19) * points_per_cm
        assert stringWidth(words, "Helvetica", TABLE_TEXT["Table Text Small"]) <= room, (column, words)
