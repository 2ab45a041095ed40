"""The service's commentary file: read as Notepad writes it, matched to indicators and sections, printed
beside the right figure in the HTML, PDF and Word report (tests/data/pack/ holds the files)."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest

import tests.report_fixture as fx
from careboard.errors import InputError
from careboard.report import suppress
from careboard.report.commentary import load_commentary, parse, resolve
from careboard.report.html import report_html

DATA = Path(__file__).parent / "data" / "pack"
# the fixture report's indicators, as the commentary reader sees them (id, title and section)
SHOWN = [SimpleNamespace(id=p.indicator_id, title=p.title, group=p.section) for p in fx.report().panels]


def with_commentary(path: Path = DATA / "commentary-jan-2025.md"):
    commentary = load_commentary(path, SHOWN)
    return replace(fx.report(), commentary=commentary.by_indicator, section_commentary=commentary.by_section)


def test_a_notepad_file_is_read_into_paragraphs_per_indicator_and_section():
    commentary = load_commentary(DATA / "commentary-jan-2025.md", SHOWN)
    assert commentary.by_indicator == {
        "cla_rate": ("Numbers rose after two large sibling groups (of 4 & 5) came into care <late> in January.",
                     "We expect the rate to fall back by March."),
        "placements_3plus_pct": ("The figure is on target for the first time this year.",),
    }
    assert commentary.by_section == {"Adoption": ("Two adoption orders were delayed by court listings.",
                                                  "• one hearing moved to February",
                                                  "• one awaiting a final hearing date")}


def test_a_file_saved_in_the_windows_code_page_is_read():
    commentary = load_commentary(DATA / "commentary-cp1252.md", SHOWN)
    assert commentary.by_indicator["cla_rate"] == ("The café – a place young people meet – reopened.",)


def test_headings_match_without_regard_to_case_or_spacing():
    blocks = parse("##  ADOPTION \nText.\n## CLA_Rate\nMore text\nover two lines.\n", "c.md")
    commentary = resolve(blocks, SHOWN, "c.md")
    assert commentary.by_section == {"Adoption": ("Text.",)}
    assert commentary.by_indicator == {"cla_rate": ("More text over two lines.",)}


def test_an_indicator_can_be_named_by_its_title_as_printed():
    blocks = parse("## Children missing from placement\nFewer this month.\n", "c.md")
    assert resolve(blocks, SHOWN, "c.md").by_indicator == {"missing_children": ("Fewer this month.",)}


@pytest.mark.parametrize("text, line, message", [
    ("## cla_rat\nText.\n", 1, "there is no indicator or section 'cla_rat' in this report; did you mean 'cla_rate'?"),
    ("\n\n## Adopton\nText.\n", 3, "did you mean 'Adoption'?"),
    ("## cla_rate_10k\nText.\n", 1, "'cla_rate_10k' is not shown in this report"),
    ("Our commentary\n## cla_rate\nText.\n", 1, "text before the first heading"),
    ("## cla_rate\nText.\n## Adoption\n\n## missing_children\nMore.\n", 3,
     "the heading 'Adoption' has no commentary under it"),
    ("## cla_rate\nOne.\n## CLA_RATE\nTwo.\n", 3, "'CLA_RATE' has commentary twice (also at line 1)"),
    ("## cla_rate\nOne.\n## Children looked after per 10,000 children\nTwo.\n", 3,
     "'Children looked after per 10,000 children' has commentary twice (also at line 1)"),
    ("## Children looked after per 10,000 childs\nText.\n", 1,
     "did you mean 'Children looked after per 10,000 children'?"),
    ("##\nText.\n", 1, "a ## heading needs an indicator id or a section name"),
])
def test_a_mistake_in_the_file_is_one_error_naming_the_line(tmp_path, text, line, message):
    path = tmp_path / "commentary.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_commentary(path, SHOWN)
    assert caught.value.line == line and message in caught.value.message
    assert str(caught.value).startswith(f"{path}, line {line}: ")


def test_a_file_saved_as_unicode_in_notepad_is_read(tmp_path):
    path = tmp_path / "commentary.txt"
    path.write_bytes((DATA / "commentary-cp1252.md").read_bytes().decode("cp1252").encode("utf-16"))
    commentary = load_commentary(path, SHOWN)
    assert commentary.by_indicator["cla_rate"] == ("The café – a place young people meet – reopened.",)


@pytest.mark.parametrize("start, kind", [(b"PK\x03\x04", "a Word document (or another Office file)"),
                                         (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 document"),
                                         (b"%PDF-1.7", "a PDF"), (b"{\\rtf1\\ansi", "a Rich Text (RTF) document")])
def test_a_document_instead_of_a_text_file_says_to_save_it_as_text(tmp_path, start, kind):
    path = tmp_path / "commentary.docx"
    path.write_bytes(start + b"\x00" * 64)
    with pytest.raises(InputError, match=re.escape(f"is {kind}, not a text file: save the commentary as plain text")):
        load_commentary(path, SHOWN)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(InputError, match="commentary file not found"):
        load_commentary(tmp_path / "nope.md", SHOWN)


def _article(html: str, anchor: str) -> str:
    return re.search(rf'<article class="panel" id="{anchor}".*?</article>', html, re.S).group(0)


def test_the_html_prints_commentary_inside_its_own_panel_escaped():
    html = report_html(with_commentary())
    rate, stability, missing = (_article(html, a) for a in ("ind-cla_rate", "ind-placements_3plus_pct",
                                                             "ind-missing_children"))
    assert "came into care &lt;late&gt; in January" in rate and "<late>" not in html
    assert "We expect the rate to fall back by March." in rate and "Service commentary" in rate
    assert "on target for the first time" in stability and "on target for the first time" not in rate
    assert "Service commentary" not in missing
    adoption = html[html.index('<h2 class="section-heading">Adoption</h2>'):]
    assert adoption.index("delayed by court listings") < adoption.index('<article class="panel"')


def test_without_commentary_the_html_is_unchanged():
    assert report_html(replace(fx.report(), commentary={}, section_commentary={})) == report_html(fx.report())
    assert "Service commentary" not in report_html(fx.report())


def test_the_public_version_keeps_the_commentary():
    html = unescape(report_html(suppress(with_commentary())))
    assert "We expect the rate to fall back by March." in html


def test_the_pdf_prints_commentary_in_the_right_card():
    from careboard.report.pdf import report_story
    from careboard.report.pdf_parts import Card
    from tests.test_report_pdf import text, walk

    cards = {card.key: " ".join(text(p) for p in walk(card.parts) if isinstance(p, (str, list)) or hasattr(p, "getPlainText"))
             for card in walk(report_story(with_commentary())) if isinstance(card, Card)}
    assert "came into care <late> in January" in cards["ind-cla_rate"]
    assert "on target for the first time" in cards["ind-placements_3plus_pct"]
    assert "Service commentary" not in cards["ind-missing_children"]


def test_commentary_longer_than_a_page_flows_on_in_the_pdf(tmp_path):
    from careboard.report import render_pdf
    from tests.report_reading import pdf_page_count

    long = ("The service explains at length what changed this month and why it changed. " * 14,) * 12
    report = replace(fx.report(), commentary={"cla_rate": long}, section_commentary={"Adoption": long})
    path = render_pdf(report, tmp_path / "long.pdf")     # a box taller than a page would not lay out at all
    assert pdf_page_count(path.read_bytes()) > pdf_page_count(render_pdf(fx.report(), tmp_path / "short.pdf").read_bytes()) + 2


def test_control_characters_and_tabs_in_the_file_become_spaces(tmp_path):
    from careboard.report import render_docx

    path = tmp_path / "commentary.md"
    path.write_bytes(b"## cla_rate\nPlacements\tfell\x0bsharply\x0c this month.\n")
    commentary = load_commentary(path, SHOWN)
    assert commentary.by_indicator["cla_rate"] == ("Placements fell sharply this month.",)
    report = replace(fx.report(), commentary=commentary.by_indicator)
    render_docx(report, tmp_path / "report.docx")   # Word's XML cannot hold a vertical tab
