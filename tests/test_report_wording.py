"""Plain English in the committee paper: a demo-like report, rendered as HTML and PDF, must hold none of the
jargon a committee member should never meet (field codes, developer names, "error(s)" ...) outside its
glossary, and every term it does use must be in that glossary.

The report is built the way `careboard demo` builds it, on a smaller synthetic council: two monthly
snapshots with the published benchmarks (full and public versions) and once without them, so the empty
states (no population for rates, no care-leaver records yet this year) are printed too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph, Table

from careboard.report.committee import Inputs, build_report, month_ends
from careboard.judge.council import load_council_config
from careboard.report import render_pdf, suppress
from careboard.report.glossary import TERMS
from careboard.report.html import report_html
from careboard.report.pdf import report_story
from careboard.report.pdf_parts import Heading
from careboard.formats.registry import SSDA903 as spec
from careboard.store import open_store
from tests.loading import load
from careboard.synth import write_demo_extracts
from careboard.synth.demo import DEMO_COUNCIL
from tests.report_reading import tables
from tests.test_report_pdf import text, walk

ROOT = Path(__file__).parents[1]
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
AS_AT = date(2026, 11, 30)
MONTHS = 3   # months of trend: enough for charts, changes and empty year-to-date panels, at a quarter of the time

# The national adoption measures keep their codes (A1 ...), explained in the glossary.
MEASURE_CODES = {"A1", "A2", "A3", "A10"}
FIELD_NAMES = sorted({column for table in spec.tables().values() for column in table.columns}, key=len,
                     reverse=True)

# (what is wrong, pattern): each must find nothing in the report outside the glossary.
JARGON = [
    ("backticks around a name", r"`"),
    ("a plural written (s)", r"\w\(s\)"),
    ("a code or variable name in snake_case", r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    ("a field name in capitals", r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"),
    ("a field of the return", r"\b(?:" + "|".join(FIELD_NAMES) + r")\b"),
    ("a code of the return", r"\b(?!(?:" + "|".join(MEASURE_CODES) + r")\b)(?:[A-Z]{1,3}\d{1,2}[A-Z]?)\b"),
    ("NEET in lower case", r"\bneet\b"),
    ("a note to developers", r"\b(?:TODO|FIXME|XXX)\b"),
    ("an unresolved local convention", r"confirm with the service"),
    ("a command name", r"\bcareboard\s+(?:load|validate|report|indicators|children|due|docs|findings|demo|init|benchmarks|snapshots)\b"),
    ("a Python value", r"\b(?:None|nan|NaN|True|False)\b"),
    ("a template field not filled in", r"\{[a-z_]+\}"),
    ("the tool's own words for data", r"\b(?:snapshots?|as-at|cohort|OC2|OC3|SSDA903)\b"),
]


def jargon(text_: str) -> list[str]:
    """Every jargon match in ``text_``, as "what: the words around it"."""
    found = []
    for what, pattern in JARGON:
        for match in re.finditer(pattern, text_):
            around = " ".join(text_[max(match.start() - 40, 0):match.end() + 40].split())
            found.append(f"{what}: …{around}…")
    return found


def html_text(html: str) -> tuple[str, str]:
    """(the report's words outside the glossary, the glossary's words) of an HTML report."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    body, _, glossary = html.partition('<section class="glossary"')
    return _words(body), _words(glossary)


def _words(html: str) -> str:
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def story_text(report) -> tuple[str, str]:
    """(words outside the glossary, glossary words) of the PDF's story, read back before layout."""
    story = report_story(report)
    keys = [getattr(item, "key", None) for item in story]
    cut = keys.index("glossary") if "glossary" in keys else len(story)
    return (_story_words(story[:cut]), _story_words(story[cut:]))


def _story_words(story) -> str:
    words = []
    for item in walk(story):
        if isinstance(item, Paragraph):
            words.append(text(item))
        elif isinstance(item, Table):
            words += [text(cell) for row in item._cellvalues for cell in row if isinstance(cell, str)]
        elif isinstance(item, Heading):
            words.append(item.title)
    return " ".join(words)


def _spoil_a_care_leaver_row(year_folder: Path) -> None:
    """An activity code no care leaver can have, so validation finds an error and panels print a
    data-quality note (where "1 error(s) ... see `careboard validate`" was seen)."""
    (oc3,) = [path for path in year_folder.glob("*.csv") if "ACTIV" in path.read_text().partition("\n")[0]]
    header, first, rest = oc3.read_text().split("\n", 2)
    cells = first.split(",")
    cells[header.split(",").index("ACTIV")] = "ZZ"
    oc3.write_text("\n".join([header, ",".join(cells), rest]))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Demo-like reports: full and public with benchmarks, and full without them."""
    tmp = tmp_path_factory.mktemp("wording")
    dates = month_ends(AS_AT, 2)
    extracts = write_demo_extracts(tmp / "extracts", seed=3, children_in_care=150, years=3, as_at_dates=dates)
    _spoil_a_care_leaver_row(extracts[-1] / "2025-26")
    con = open_store(tmp / "store.duckdb")
    for as_at, folder in zip(dates, extracts):
        load(con, [folder], as_at=as_at)
    council = load_council_config(DEMO_COUNCIL)
    out = {}
    if BENCHMARKS.is_dir():
        from careboard.published.published import load_published_or_note

        published, note = load_published_or_note(BENCHMARKS)
        full = build_report(con, Inputs(council, published, note), months=MONTHS)
        out |= {"with benchmarks": full, "public": suppress(full)}
    out["without benchmarks"] = build_report(con, Inputs(council, None, "Benchmarks are not loaded."), months=MONTHS)
    return out


def test_jargon_patterns_catch_what_the_issue_saw():
    # the check must be able to fail: each phrase seen in a committee paper before is caught
    seen = ["Care leavers in education (ACTIV F1-F5, P1-P5)", "Children in care (as cla_count) divided by",
            "Extra within_121: children matched", "(see `careboard validate`)", "The oc3 data has 1 error(s)",
            "Care leavers aged 19-21 neet (year to date)", "A local convention: confirm with the service.",
            "whose UASC status had not ceased (DUC blank)", "an episode starting a period of care (RNE S)",
            "a value of None", "TODO reword", "left care (E11, E12)", "the {within_426} children"]
    assert all(jargon(phrase) for phrase in seen), [phrase for phrase in seen if not jargon(phrase)]
    assert jargon("A1: days from entering care; 28.6% of 7 children; NEET; Year 2025/26; SDQ score") == []


@pytest.mark.parametrize("version", ["with benchmarks", "public", "without benchmarks"])
def test_html_has_no_jargon_outside_the_glossary(reports, version):
    if version not in reports:
        pytest.skip(f"no published benchmarks at {BENCHMARKS}")
    words, glossary = html_text(report_html(reports[version]))
    assert jargon(words) == []
    assert glossary, "the report has no glossary"


@pytest.mark.parametrize("version", ["with benchmarks", "public", "without benchmarks"])
def test_pdf_has_no_jargon_outside_the_glossary(reports, version, tmp_path):
    if version not in reports:
        pytest.skip(f"no published benchmarks at {BENCHMARKS}")
    words, glossary = story_text(reports[version])
    assert jargon(words) == [] and glossary
    if shutil.which("pdftotext"):   # the written file too, as a reader's PDF viewer extracts it
        path = render_pdf(reports[version], tmp_path / "report.pdf")
        printed = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                 check=True).stdout.decode("utf-8")
        before_glossary = printed[:printed.rindex("\nGlossary\n")]
        assert jargon(" ".join(before_glossary.split())) == []


@pytest.mark.parametrize("version", ["with benchmarks", "without benchmarks"])
def test_every_code_and_term_used_is_in_the_glossary(reports, version):
    if version not in reports:
        pytest.skip(f"no published benchmarks at {BENCHMARKS}")
    html = report_html(reports[version])
    words, _ = html_text(html)
    (rows,) = tables(html, "glossary-table")
    listed = [row[0] for row in rows[1:]]
    used = set(re.findall(r"\b(?:A1|A2|A3|A10|NEET|SDQ|ONS|RAG|pp|SN model)\b", words))
    assert used and used <= set(listed), used - set(listed)
    by_name = {term.term: term for term in TERMS}
    assert all(by_name[name].used_in(words) for name in listed)   # and nothing the report does not use


def test_data_quality_notes_are_printed_and_in_words(reports):
    notes = {panel.dq_note for panel in reports["without benchmarks"].panels if panel.dq_note}
    assert notes and all(note.endswith("The data team can see each one in the list of data-quality findings.") for note in notes)
    assert not [j for note in notes for j in jargon(note)]


def test_children_in_care_is_one_section(reports):
    report = next(iter(reports.values()))
    html = report_html(report)
    headings = re.findall(r'<h2 class="section-heading">(.*?)</h2>', html)
    assert headings.count("Children in care") == 1 and len(headings) == len(set(headings))


def test_notes_say_each_thing_once(reports):
    for report in reports.values():
        notes = re.findall(r"<li>(.*?)</li>", report_html(report).partition('class="footnotes"')[2], re.S)
        assert len(notes) == len(set(notes))
        assert sum(note.count("Variance is the value minus the target") for note in notes) == 1


def test_a_figures_note_on_errors_counts_its_own_children_and_names_each_table_in_words(tmp_path):
    """A figure's note counts the children it counts whose records have errors, not every error in the tables it
    reads (which said the same on nearly every card); it names a return's table and a local list as a committee
    member knows them, never by the name careboard stores it under. C102's episode has an end date that is no date;
    another episode names no child; a temporary approval has a code the list does not allow."""
    from careboard.indicators import calculate, registry
    from careboard.report.data_quality import figure_notes
    from careboard.store import open_store
    from tests.loading import load

    folder = tmp_path / "2024-25"
    shutil.copytree(Path(__file__).parent / "data" / "local_lists" / "with_903" / "2024-25", folder)
    episodes = folder / "episodes.csv"
    episodes.write_text(episodes.read_text().replace("C102,02/12/2024,S,C2,N4,U4,PR1,,", "C102,02/12/2024,S,C2,N4,U4,PR1,31/02/2025,")
                        + ",01/09/2024,S,C2,N1,U4,PR1,,,,AB1 2CD,AB3 4EF,SC123456\n")
    with (folder / "temporary approvals.csv").open("a") as f:
        f.write("C103,K-JONES,01/10/2024,21/01/2025,,,NOT_A_CODE\n")
    con = open_store(tmp_path / "s.duckdb")
    sid = load(con, [folder], validate=False).snapshot_id
    ctx = calculate.Context.open(con, sid)
    notes = figure_notes(ctx, registry.INDICATORS, ctx.as_at)
    assert notes["cla_count"] == (
        "1 of the 2 children counted here has errors in the records this figure is worked out from (1 error found by 1 "
        "data check), which may affect it. 1 error in the episodes of care is in a row naming no child, whom no figure "
        "counts. The data team can see each one in the list of data-quality findings.")
    assert notes["temporary_approvals_past_deadline_count"] == (
        "1 error was found in the list of connected carers' temporary approvals by 1 data check, which may affect this "
        "figure. The data team can see each one in the list of data-quality findings.")
    # a count's children are those it counts: no child is an unaccompanied asylum seeker, so C102 is none of them
    assert notes["uasc_count"] == ("1 error in the episodes of care is in a row naming no child, whom no figure "
                                   "counts. The data team can see each one in the list of data-quality findings.")
    # no child has left care (C102's end date is no date): the figure says only what no figure counts
    assert calculate.rows(ctx, registry.get("ceased_count"))[1] == []
    assert notes["ceased_count"] == ("1 error in the episodes of care is in a row naming no child, whom no figure "
                                     "counts. The data team can see each one in the list of data-quality findings.")
    assert not [j for note in notes.values() for j in jargon(note)]


def test_a_figures_note_counts_only_the_errors_of_checks_on_records_it_reads(tmp_path):
    """Seen: "All 5 children counted here have errors" under the count of children leaving care, the errors being
    missing social workers' and previous permanence records, reported on the children's episodes. A's episode
    here fails 191 (no OC2 row) and SW12STG2 (no social worker's episode): neither bears on the count of children
    in care, which reads the episodes alone; the health figures read the OC2 rows, and are said to."""
    from careboard.indicators import calculate, registry
    from careboard.report.data_quality import figure_notes
    from careboard.store import open_store
    from tests.cohort import ep, with_headers, write_returns
    from tests.loading import load

    paths = write_returns(tmp_path, with_headers({2025: {"episodes": [ep("A", "01/01/2020")], "oc2": [],
                                                         "reviews": [], "oc3": []}}))
    con = open_store(":memory:")
    ctx = calculate.Context.open(con, load(con, paths, as_at=date(2025, 3, 31)).snapshot_id)
    failing = {r for (r,) in con.execute("SELECT rule FROM validation_failures WHERE table_name = 'episodes'").fetchall()}
    assert failing == {"191", "SW12STG2"}
    notes = figure_notes(ctx, registry.INDICATORS, ctx.as_at)
    assert "cla_count" not in notes
    assert notes["health_assessment_pct"].startswith("The one child counted here has errors in the records")


@pytest.mark.parametrize("value, with_order, said", [
    (0.0, 0, "At the end of March 2025, no child in care had a placement order without having moved in with adopters."),
    (0.0, 2, "At the end of March 2025, 0 of the 2 children with a placement order had waited more than 121 days "
             "without moving in with adopters."),
])
def test_a_figure_with_nothing_at_all_to_count_says_so_in_words(value, with_order, said):
    """Not "0 of the 0 children with a placement order had waited ..."."""
    from careboard.indicators.registry import BY_ID
    from careboard.report.sentences import sentence
    from careboard.results import Value

    v = Value("placement_order_waiting_count", date(2025, 3, 31), None, date(2025, 3, 31), value, value, None,
              {"with_order": with_order})
    assert sentence(BY_ID["placement_order_waiting_count"], v, None) == said


@pytest.mark.parametrize("indicator_id, as_at, said", [
    ("reviews_on_time_pct", date(2025, 4, 30), "No review fell due in April 2025."),
    ("reviews_on_time_ytd_pct", date(2025, 4, 30),
     "No review has fallen due since the start of the financial year (April 2025)."),
])
def test_a_share_of_nothing_that_fell_due_says_so(indicator_id, as_at, said):
    """Seen: 'There is no figure for April 2025: there were no reviews to count', where none had fallen due."""
    from careboard.indicators.registry import BY_ID
    from careboard.report.sentences import sentence
    from careboard.results import Value

    ind = BY_ID[indicator_id]
    assert sentence(ind, Value(ind.id, as_at, None, as_at, None, 0, 0), None) == said
    # some due, none on time: the figure's own sentence
    late = sentence(ind, Value(ind.id, as_at, None, as_at, 0.0, 0, 3), None)
    assert late.endswith("held on time (0.0%).") and "0 " in late and "3 reviews due" in late
