"""A council's choice of what the report shows ([report] in its council file): sections and indicators in
its own order, profile tables at quarter ends; and the report command's --docx, --xlsx, --commentary and
--profile-dates on a small hand-made store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from careboard.cli import main
from careboard.cli.outputs import PROFILE_DATES as CLI_PROFILE_DATES
from careboard.indicators.registry import BY_ID, INDICATORS
from careboard.judge.council import PROFILE_DATES, CouncilConfigError, load_council_config
from careboard.report.committee import Inputs, build_report, quarter_ends
from careboard.store import open_store
from tests.cli_runs import assert_clean, run_cli
from tests.cohort import ep, whole, with_headers, write_returns
from tests.loading import load

GOOD_COUNCIL = '[council]\nname = "Eastshire"\nla_code = "874"\n'
SECTIONS = list(dict.fromkeys(ind.group for ind in INDICATORS))


def council(tmp_path: Path, report: str) -> Path:
    path = tmp_path / "council.toml"
    path.write_text(GOOD_COUNCIL + "[report]\n" + report, encoding="utf-8")
    return path


# ---- the council file's [report] table ---------------------------------------------------------------

def test_without_a_choice_every_indicator_is_shown_in_catalogue_order(tmp_path):
    config = load_council_config(council(tmp_path, ""))
    assert config.shown_indicators() == INDICATORS and config.profile_dates == "snapshots"


def test_sections_are_shown_in_the_order_listed(tmp_path):
    config = load_council_config(council(tmp_path, 'sections = ["Missing", "adoption"]\n'))
    shown = config.shown_indicators()
    assert config.sections == ("Missing", "Adoption")
    assert [ind.group for ind in shown] == [i.group for g in ("Missing", "Adoption") for i in INDICATORS if i.group == g]
    assert {ind.group for ind in shown} == {"Missing", "Adoption"}
    assert [ind.id for ind in shown if ind.group == "Adoption"] == [i.id for i in INDICATORS if i.group == "Adoption"]


def test_indicators_are_shown_in_the_order_listed(tmp_path):
    config = load_council_config(council(tmp_path, 'indicators = ["reviews_on_time_pct", "cla_count", '
                                                   '"missing_children_month"]\n'))
    assert [ind.id for ind in config.shown_indicators()] == ["reviews_on_time_pct", "cla_count",
                                                              "missing_children_month"]


def test_sections_and_indicators_together(tmp_path):
    config = load_council_config(council(tmp_path, 'sections = ["Reviews", "Children in care"]\n'
                                                   'indicators = ["cla_count", "reviews_on_time_pct"]\n'))
    assert [ind.id for ind in config.shown_indicators()] == ["reviews_on_time_pct", "cla_count"]


@pytest.mark.parametrize("report, message", [
    ('sections = ["Adopton"]\n', "report.sections: careboard has no section 'Adopton' (did you mean 'Adoption' or "
                                  "'Adoption support'?)"),
    ('sections = ["Youth justice"]\n', "report.sections: careboard has no section 'Youth justice'"),
    ('indicators = ["cla_cont"]\n', "report.indicators: careboard has no indicator id 'cla_cont' (did you mean "
                                    "'cla_count'"),
    ('sections = "Adoption"\n', "report.sections: expected a list of sections in quotes"),
    ('sections = []\n', "report.sections: expected a list"),
    ('indicators = ["cla_count", "cla_count"]\n', "report.indicators: 'cla_count' is listed twice"),
    ('sections = ["Adoption"]\nindicators = ["cla_count"]\n',
     "report.indicators: 'cla_count' is in the section 'Children in care', which report.sections leaves out"),
    ('profile_dates = "quarters"\n', "report.profile_dates: must be one of 'snapshots', 'quarter-ends'"),
    ('section = ["Adoption"]\n', "report.section: unknown key (did you mean 'sections'?)"),
])
def test_a_wrong_choice_is_named_with_the_nearest_match(tmp_path, report, message):
    with pytest.raises(CouncilConfigError) as caught:
        load_council_config(council(tmp_path, report))
    assert message in str(caught.value)


def test_the_command_line_offers_the_council_files_profile_dates():
    assert CLI_PROFILE_DATES == PROFILE_DATES


def test_careboard_init_writes_the_choice_ready_to_uncomment(tmp_path, monkeypatch):
    from careboard.published import load_published
    from careboard.published.location import SHIPPED
    from careboard.published.lookup import find_la
    from careboard.judge.council_init import council_toml

    path = tmp_path / "p.toml"
    text = council_toml(load_published(SHIPPED), find_la(load_published(SHIPPED), "874"), date(2026, 1, 1), path)
    assert "\n[report]\n# sections = [" in text
    path.write_text(text.replace("# sections = ", "sections = ").replace("# profile_dates = ", "profile_dates = "))
    config = load_council_config(path)
    assert config.sections == tuple(SECTIONS) and config.profile_dates == "quarter-ends"


# ---- quarter ends --------------------------------------------------------------------------------------

@pytest.mark.parametrize("as_at, data_from, dates, missing", [
    # the seeds' layout: four quarter ends and the latest month (Mar-18 Jun-18 Sep-18 Dec-18 Jan-19)
    (date(2019, 1, 31), None, [date(2018, 3, 31), date(2018, 6, 30), date(2018, 9, 30), date(2018, 12, 31),
                               date(2019, 1, 31)], []),
    # at a quarter end itself: five quarter ends
    (date(2019, 3, 31), None, [date(2018, 3, 31), date(2018, 6, 30), date(2018, 9, 30), date(2018, 12, 31),
                               date(2019, 3, 31)], []),
    (date(2024, 6, 30), None, [date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31), date(2024, 3, 31),
                               date(2024, 6, 30)], []),
    # data starting 1 April 2018 cannot give 31 March 2018
    (date(2019, 1, 31), date(2018, 4, 1), [date(2018, 6, 30), date(2018, 9, 30), date(2018, 12, 31),
                                           date(2019, 1, 31)], [date(2018, 3, 31)]),
    (date(2018, 5, 31), date(2018, 4, 1), [date(2018, 5, 31)],
     [date(2017, 6, 30), date(2017, 9, 30), date(2017, 12, 31), date(2018, 3, 31)]),
])
def test_quarter_end_dates(as_at, data_from, dates, missing):
    shown, note = quarter_ends(as_at, 5, data_from)
    assert shown == dates
    assert note.startswith("The profile tables show the children looked after at the end of each quarter")
    for day in missing:
        assert f"{day.day} {day:%B %Y}" in note.split("There is no column for")[1]
    assert ("There is no column" in note) == bool(missing)
    assert ("at the latest month end" in note) == (as_at.month % 3 != 0)


def test_the_quarter_note_names_each_date():
    _, note = quarter_ends(date(2019, 1, 31), 5, None)
    assert note == ("The profile tables show the children looked after at the end of each quarter (31 March 2018, "
                    "30 June 2018, 30 September 2018, 31 December 2018) and at the latest month end, "
                    "31 January 2019.")


# ---- on a store ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Two years' returns: A in care throughout, B from July 2024, C from October 2024 to January 2025."""
    tmp = tmp_path_factory.mktemp("choice")
    paths = write_returns(tmp / "in", whole(with_headers({
        2024: {"episodes": [ep("A", "01/05/2023")]},
        2025: {"episodes": [ep("A", "01/05/2023"), ep("B", "01/07/2024"), ep("C", "01/10/2024", "15/01/2025", "E4A")]},
    })))
    db = tmp / "s.duckdb"
    con = open_store(db)
    load(con, paths, as_at=date(2025, 1, 31))
    load(con, paths, as_at=date(2025, 2, 28))
    con.close()
    return db


def report_for(db: Path, config):
    con = open_store(db, read_only=True)
    try:
        return build_report(con, Inputs(config, None, "Benchmarks are not loaded."))
    finally:
        con.close()


def test_a_section_choice_removes_the_other_sections(store, tmp_path):
    report = report_for(store, load_council_config(council(tmp_path, 'sections = ["Reviews", "Missing"]\n')))
    assert [p.section for p in report.panels] == ["Reviews"] * 3 + ["Missing"] * 4
    assert not any(p.indicator_id == "cla_count" for p in report.panels)


def test_quarter_end_profile_columns_count_each_quarter(store, tmp_path):
    report = report_for(store, load_council_config(council(tmp_path, 'profile_dates = "quarter-ends"\n')))
    gender = report.profiles[0]
    # the data reach back to 1 April 2023 (the 2023/24 return), so every quarter end is there
    assert gender.dates == [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31),
                            date(2025, 2, 28)]
    totals = [sum(counts[i] for _, counts, subtotal in gender.rows if not subtotal) for i in range(5)]
    assert totals == [1, 1, 2, 3, 2]    # A; A; A and B; A, B and C; C left in January
    assert report.profile_note.endswith("and at the latest month end, 28 February 2025.")


def test_snapshot_profile_columns_are_unchanged_by_default(store, tmp_path):
    report = report_for(store, load_council_config(council(tmp_path, "")))
    assert report.profiles[0].dates == [date(2025, 1, 31), date(2025, 2, 28)] and report.profile_note == ""


def test_the_profile_tables_say_how_to_read_the_lengths_of_time_in_care(store, tmp_path):
    """Read literally, "7 - 12 months", "1 - 2 years", "3 - 5 years" leave gaps: the note under the tables says which
    whole years each is, after the note on their dates."""
    from careboard.report.view import build

    report = report_for(store, load_council_config(council(tmp_path, 'profile_dates = "quarter-ends"\n')))
    note = build(report)["profile_note"]
    assert note.startswith(report.profile_note) and note.endswith(
        "then in whole years, so that 1 - 2 years is from 12 months up to 3 years, and 3 - 5 years from 3 up to 6 years.")


def test_report_command_writes_word_and_excel_with_commentary_and_quarter_ends(store, tmp_path):
    commentary = tmp_path / "commentary.md"
    commentary.write_text("## cla_count\nTwo children came into care in the autumn.\n\n## Reviews\nAll on time.\n")
    out = tmp_path / "out"
    run = run_cli("report", "--db", str(store), "--out", str(out), "--no-pdf", "--docx", "--xlsx",
                  "--benchmarks", str(tmp_path / "none"), "--council", str(council(tmp_path, "")),
                  "--commentary", str(commentary), "--profile-dates", "quarter-ends")
    assert_clean(run, {0})
    assert sorted(p.name for p in out.iterdir()) == ["committee-report-2025-02.docx", "committee-report-2025-02.html",
                                                      "committee-report-2025-02.xlsx"]
    body = [p.text for p in docx.Document(str(out / "committee-report-2025-02.docx")).paragraphs]
    title = BY_ID["cla_count"].title
    at = body.index(title)
    assert "Two children came into care in the autumn." in body[at:at + 8]
    assert any(p.startswith("The profile tables show the children looked after at the end of each quarter")
               for p in body)
    book = openpyxl.load_workbook(out / "committee-report-2025-02.xlsx")
    row = next(r for r in book["Scorecard"].iter_rows(values_only=True) if r[0] == "cla_count")
    assert row[6] == 2 and row[24] == "Two children came into care in the autumn."
    assert [c.value for c in book["Gender"][1]][1:6][0].date() == date(2024, 3, 31)


@pytest.mark.parametrize("text, message", [
    ("## cla_cont\nText.\n", "line 1: there is no indicator or section 'cla_cont' in this report; did you mean "
                             "'cla_count'"),
    ("## Adoption\nText.\n", "line 1: 'Adoption' is not shown in this report"),
])
def test_a_wrong_commentary_heading_is_one_line_and_exit_2(store, tmp_path, text, message):
    commentary = tmp_path / "commentary.md"
    commentary.write_text(text)
    run = run_cli("report", "--db", str(store), "--out", str(tmp_path / "out"), "--no-pdf",
                  "--benchmarks", str(tmp_path / "none"),
                  "--council", str(council(tmp_path, 'sections = ["Children in care"]\n')),
                  "--commentary", str(commentary))
    assert_clean(run, {2})
    assert message in run.err and len([line for line in run.err.splitlines() if "line 1" in line]) == 1
    assert not (tmp_path / "out").exists()


def test_a_quarter_end_the_data_do_not_reach_is_left_out_and_said(tmp_path):
    """Only the 2024/25 return is loaded: it starts on 1 April 2024, so 31 March 2024 has no column."""
    paths = write_returns(tmp_path / "in", with_headers({
        2025: {"episodes": [ep("A", "01/05/2023"), ep("B", "01/07/2024")]}}))
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    load(con, paths, as_at=date(2025, 1, 31))
    con.close()
    report = report_for(db, load_council_config(council(tmp_path, 'profile_dates = "quarter-ends"\n')))
    assert report.profiles[0].dates == [date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31), date(2025, 1, 31)]
    assert report.profile_note.endswith("There is no column for 31 March 2024: the data loaded starts on 1 April 2024.")


def test_the_readmes_examples_are_read_as_they_say(tmp_path):
    import re

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The committee report"):readme.index("## Operational lists")]
    markdown = re.search(r"```markdown\n(.*?)```", section, re.S).group(1)
    (tmp_path / "commentary.md").write_text(markdown, encoding="utf-8")
    from careboard.report.commentary import load_commentary

    commentary = load_commentary(tmp_path / "commentary.md", INDICATORS)
    assert list(commentary.by_section) == ["Children in care"]
    assert commentary.by_indicator["placements_3plus_pct"][1] == "• all three are now settled with in-house carers"
    toml = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    config = load_council_config(council(tmp_path, toml.replace("[report]\n", "")))
    assert [ind.id for ind in config.shown_indicators()] == ["cla_count", "cla_rate_10k", "cl_eet_pct_19_21"]
    assert config.profile_dates == "quarter-ends"


@pytest.mark.parametrize("option", ["--out", "--output"])
def test_the_report_folder_may_be_given_as_either_spelling_and_a_file_name_is_told_to_be_a_folder(tmp_path, option):
    r = run_cli("report", "--db", str(tmp_path / "none.duckdb"), option, str(tmp_path / "report.html"))
    assert r.code == 2 and ("'" + str(tmp_path / "report.html") + "' names a file: --out is the folder the report's "
                            "files go in") in r.err


def test_a_corrected_month_loaded_after_a_later_one_stands_for_its_month(tmp_path):
    """January, February, then January again corrected (D added): the report on February shows one January
    column, and keeps it when the first January is removed; it looked back over the snapshots loaded before
    February's only, so January went."""
    from careboard.store import remove_snapshot

    first = {2025: {"episodes": [ep("A", "01/05/2023"), ep("B", "01/07/2024")]}}
    corrected = {2025: {"episodes": [ep("A", "01/05/2023"), ep("B", "01/07/2024"), ep("D", "01/12/2024")]}}
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    (jan,) = write_returns(tmp_path / "jan", whole(with_headers(first)))
    (fixed,) = write_returns(tmp_path / "fixed", whole(with_headers(corrected)))
    load(con, [jan], as_at=date(2025, 1, 31))
    load(con, [jan], as_at=date(2025, 2, 28))
    load(con, [fixed], as_at=date(2025, 1, 31))
    remove_snapshot(con, 1)
    # As the command line asks for it: the latest as-at date's snapshot, February's (2).
    report = build_report(con, Inputs(load_council_config(council(tmp_path, "")), None, "Benchmarks are not loaded."),
                          snapshot_id=2)
    con.close()
    assert report.profiles[0].dates == [date(2025, 1, 31), date(2025, 2, 28)]
