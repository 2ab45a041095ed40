"""The collection year of a return and the as-at date, on small hand-written returns shaped like a council's:
old years, folders named by a year alone, several years in one file, future-dated rows, XML headers, names
the data contradict, and impossible as-at dates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from careboard.cli import build_parser, main
from careboard.dates import parse_collection_year
from careboard.errors import InputError
from careboard.ingest.files import discover
from careboard.ingest.year_names import year_in_name, year_in_xml_header
from careboard.store import open_store
from tests.loading import load
from careboard.validate.codes import placeholders
from careboard.validate.years import codes_for, rule_set_year, supported_years
from tests.year_returns import busy_year, write_return, xml_return, year_2017_18

# ---- the year as people type it (--year) ---------------------------------------------------------------

TYPED = [("25/26", 2026), ("2025/26", 2026), ("2025-26", 2026), ("25-26", 2026), ("2025_26", 2026),
         ("2025/2026", 2026), ("2026", 2026), (" 2018/19 ", 2019), ("99/00", 2000), ("1999/2000", 2000),
         ("2025\u201326", 2026)]   # an en dash, pasted from a document


@pytest.mark.parametrize("text,year", TYPED)
def test_a_typed_year_is_the_year_ending_march(text, year):
    assert parse_collection_year(text) == year
    assert build_parser().parse_args(["validate", "x", "--year", text]).year == year


@pytest.mark.parametrize("text,says", [("25/27", "must follow the first"), ("2025/25", "must follow the first"),
                                       ("26", "write it like 2024/25"), ("last year", "write it like 2024/25"),
                                       ("1066", "between"), ("2090/91", "between"), ("2024/25/26", "like 2024/25")])
def test_nonsense_years_are_refused_in_one_line(text, says, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["load", "x", "--year", text])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "argument --year" in err and says in err and "Traceback" not in err


# ---- the year a name claims ----------------------------------------------------------------------------

NAMES = [("2024-25", 2025, False), ("2024_25", 2025, False), ("2024 25", 2025, False), ("202425", 2025, False),
         ("2024-2025", 2025, False), ("24-25", 2025, False), ("SSDA903_2024-25", 2025, False),
         ("874 Children 2025-26", 2026, False), ("2025", 2025, True), ("903 2025", 2025, True),
         ("SSDA903 2025", 2025, True), ("episodes_2017", 2017, True),
         ("as_at_2026-11-30", None, None), ("extract 20250331", None, None), ("31-03-2025", None, None),
         ("2018 to 2020", None, None), ("returns", None, None), ("tmp2025x", None, None), ("2023-25", None, None),
         ("2019-20 and 2020-21", None, None), ("99-00", 2000, False),
         # dashes Word and Outlook type for a hyphen
         ("SSDA903 return \u2013 2023\u201324", 2024, False), ("903 2024\u201425", 2025, False), ("2024\u2212 25", 2025, False),
         # two two-digit years run together: '1920' is 2019/20, not the year 1920; '2021' stays a year alone
         ("903_1920", 2020, False), ("CLA 2425", 2025, False), ("2021", 2021, True), ("v1011", None, None),
         ("episodes 0001", None, None), ("1234", None, None)]


@pytest.mark.parametrize("name,year,bare", NAMES)
def test_year_in_a_name(name, year, bare):
    got = year_in_name(name, "the folder name")
    assert (got.year, got.bare) == (year, bare) if year else got is None


def test_names_are_read_from_enclosing_folders_and_file_names(tmp_path):
    write_return(tmp_path / "903 2025" / "csv", ["C1 10/05/2024"])
    write_return(tmp_path / "loose", ["C1 10/05/2017"], name="SSDA903_2017-18_")
    found = {r.folder.name: r.named for r in discover([tmp_path])}
    assert (found["csv"].year, found["csv"].text, found["csv"].bare) == (2025, "2025", True)
    assert found["csv"].where == "the folder name '903 2025'"
    assert (found["loose"].year, found["loose"].where) == (2018, "the file name 'SSDA903_2017-18_episodes.csv'")


def test_the_current_folder_given_as_dot_is_read_by_its_name(tmp_path, monkeypatch):
    write_return(tmp_path / "2021-22", ["C1 10/05/2021"])
    monkeypatch.chdir(tmp_path / "2021-22")
    (r,) = discover([Path(".")])
    assert (r.named.year, r.named.where) == (2022, "the folder name")


@pytest.mark.parametrize("fields,year", [({"Year": "2025"}, 2025), ({"CollectionYear": "2024/25"}, 2025),
                                          ({"ReferenceDate": "2025-03-31"}, 2025), ({"ReferenceDate": "2025-04-01"}, 2026),
                                          ({"ReferenceDate": "31/03/2025"}, 2025),        # as the CSV files write dates
                                          ({"Collection": "SSDA903"}, None), ({"Year": "soon"}, None)])
def test_year_in_an_xml_collection_header(fields, year):
    got = year_in_xml_header(fields)
    assert (got.year if got else None) == year
    if got:     # named as the file names its element
        assert got.describe().startswith(f"'{next(iter(fields))} "), got.describe()


# ---- the year a return is loaded as --------------------------------------------------------------------

def _load(tmp_path, paths, capsys=None, **kw):
    con = open_store(":memory:")
    result = load(con, paths, **kw)
    years = dict(con.execute("SELECT DISTINCT path, return_year FROM source_files").fetchall())
    by_folder = {Path(p).parent.name: y for p, y in years.items()}
    return con, result, by_folder


def test_folders_named_by_a_year_alone_load_as_their_own_years(tmp_path):
    for y in range(2018, 2023):
        write_return(tmp_path / str(y), ["L1 12/03/2015", f"C{y} 10/05/{y - 1} 03/02/{y}", f"D{y} 20/11/{y - 1}"])
    _, result, years = _load(tmp_path, [tmp_path])
    assert years == {str(y): y for y in range(2018, 2023)}
    assert result.collection_year == 2022
    assert sum("read as the year ending 31 March" in n for n in result.notes) == 5
    assert any(n.startswith("2017/18, 2018/19, 2019/20, 2020/21, 2021/22 were loaded but not validated") for n in result.notes)


def test_folders_named_by_the_year_they_start_are_recognised_by_their_dates(tmp_path):
    for y in (2018, 2019):      # '2018' holds 2018/19: its episodes run into 2019
        busy_year(tmp_path / str(y), y + 1)
    _, result, years = _load(tmp_path, [tmp_path])
    assert years == {"2018": 2019, "2019": 2020}
    assert any("from '2018' in the folder name, read as the year starting April 2018" in n for n in result.notes)


def test_a_review_dated_years_ahead_is_a_finding_not_the_year(tmp_path):
    year_2017_18(tmp_path / "extract", reviews=["C1 12/09/2017", "C3 05/06/2030"])
    con, result, years = _load(tmp_path, [tmp_path / "extract"])
    assert years == {"extract": 2018} and result.collection_year == 2018
    assert result.as_at == date(2018, 3, 31)
    finding = con.execute("SELECT severity, code, table_name, line_no, field, value, child FROM dq_findings").fetchall()
    assert finding == [("warning", "date_after_year_end", "reviews", 3, "REVIEW", "05/06/2030", "C3")]


@pytest.mark.parametrize("stray", ["C2 10/05/2017 03/02/2031",      # a ceased date in the future
                                   "C2 10/05/2017 03/02/2022",      # ... or years later, but past
                                   "C9 10/05/2029"])                # an episode starting in the future
def test_a_stray_episode_date_does_not_move_the_year(tmp_path, stray):
    write_return(tmp_path / "extract", ["C1 12/03/2015", "C3 20/11/2017", "C4 02/01/2018 10/03/2018",
                                        "C5 14/04/2017 01/07/2017", stray])
    con, result, years = _load(tmp_path, [tmp_path / "extract"], validate=False)
    assert years == {"extract": 2018}
    codes = {c for (c,) in con.execute("SELECT code FROM dq_findings").fetchall()}
    assert codes == {"date_after_year_end"}
    assert "Left out in working out the year" in result.notes[0]


def test_a_small_returns_name_holds_against_one_date_typed_a_year_ahead(tmp_path):
    # Six children of 2024/25 and one start typed as April 2025: one date in twenty is too many to be stray
    # by the dates alone, but not against the year every name gives.
    write_return(tmp_path / "2024_25 final", ["C1 12/03/2023", "C2 20/11/2024", "C3 02/01/2025 10/03/2025",
                                              "C4 14/04/2024 01/07/2024", "C5 01/06/2024", "C6 05/04/2025"])
    con, result, years = _load(tmp_path, [tmp_path / "2024_25 final"], validate=False)
    assert years == {"2024_25 final": 2025}
    assert "'2024_25' in the folder name, which its episodes bear out" in result.notes[0]
    assert con.execute("SELECT code, value FROM dq_findings").fetchall() == [("date_after_year_end", "05/04/2025")]


def test_several_years_in_one_file_are_the_latest_years_return_with_history(tmp_path):
    episodes = [f"C{y} 10/05/{y - 1} 03/02/{y}" for y in range(2016, 2021)] + ["L1 12/03/2015", "D1 20/11/2019"]
    # B1 ended in 2015/16 too, begun a year before C2016: every one is counted (seen: one per year that ended)
    write_return(tmp_path / "all years", episodes + ["B1 10/05/2014 01/03/2016",
                                                     "Z1 01/01/2019 05/05/2023"])   # one ceased date years later
    con, result, years = _load(tmp_path, [tmp_path / "all years"], validate=False)
    assert years == {"all years": 2020}
    assert "It also holds 5 episodes that ended before 2019/20 (from 2015/16 on), kept as its history" in result.notes[0]


def test_an_xml_collection_header_names_the_year(tmp_path):
    xml_return(tmp_path / "upload" / "return.xml", "<Header><CollectionDetails><Collection>SSDA903</Collection>"
                                                   "<Year>2025</Year></CollectionDetails></Header>")
    _, result, years = _load(tmp_path, [tmp_path / "upload"], validate=False)
    assert years == {"upload": 2025}
    assert "from 'Year 2025' in the XML collection header, which its episodes bear out" in result.notes[0]


def test_an_xml_header_is_a_claim_before_the_folder_name_and_the_dates_decide(tmp_path):
    xml_return(tmp_path / "2023-24" / "return.xml", "<Header><Year>2025</Year></Header>")
    _, result, years = _load(tmp_path, [tmp_path / "2023-24"], validate=False)
    assert years == {"2023-24": 2025}
    xml_return(tmp_path / "late" / "return.xml", "<Header><Year>2020</Year></Header>", "01/06/2024", "05/02/2025")
    _, result, years = _load(tmp_path, [tmp_path / "late"], validate=False)
    assert years == {"late": 2025}
    assert "'Year 2020' in the XML collection header says 2019/20, but its episodes run into 2024/25" in result.notes[0]


def test_a_name_the_data_contradict_gives_way_to_the_data(tmp_path):
    busy_year(tmp_path / "2024-25", 2023)
    _, result, years = _load(tmp_path, [tmp_path / "2024-25"], validate=False)
    assert years == {"2024-25": 2023}
    assert ("'2024-25' in the folder name says 2024/25, but its episodes end in 2022/23 and none starts or ends in "
            "2024/25. Pass --year to choose otherwise") in result.notes[0]


def test_year_given_wins_with_a_note_when_the_data_disagree(tmp_path):
    busy_year(tmp_path / "extract", 2023)
    _, result, years = _load(tmp_path, [tmp_path / "extract"], validate=False, year=2025, as_at=date(2025, 4, 30))
    assert years == {"extract": 2025}
    assert "collection year 2024/25, as given (--year), although its episodes end in 2022/23" in result.notes[0]


def test_a_name_the_data_bear_out_keeps_an_early_extract_in_its_new_year(tmp_path):
    # As at 3 April 2025 nothing has happened yet in 2025/26: the folder's year stands.
    busy_year(tmp_path / "2025-26", 2025)
    _, result, years = _load(tmp_path, [tmp_path / "2025-26"], validate=False, as_at=date(2025, 4, 3))
    assert years == {"2025-26": 2026}


def test_two_folders_of_one_year_are_refused_saying_how_each_was_read(tmp_path):
    year_2017_18(tmp_path / "a")
    year_2017_18(tmp_path / "b")
    with pytest.raises(InputError, match=r"is a second return for 2017/18 .*collection year 2017/18, from its episodes"):
        _load(tmp_path, [tmp_path])


def test_a_return_with_no_dates_and_no_year_in_its_name_asks_for_one(tmp_path):
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/01/2010,WBRI,UN1,,\n")
    with pytest.raises(InputError, match="cannot tell which collection year .* pass --year"):
        _load(tmp_path, [tmp_path / "extract"])


def test_an_undated_file_beside_the_years_folders_is_to_be_moved_into_one(tmp_path):
    busy_year(tmp_path / "903" / "2024-25", 2025)
    (tmp_path / "903" / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/01/2010,WBRI,UN1,,\n")
    with pytest.raises(InputError, match=r"903: cannot tell which collection year this return covers \(the return has "
                                         r"no dated episodes or other dated rows, .*\): its files \(header.csv\) lie beside the folders "
                                         r"2024-25: move them into the folder of their year, or leave them out"):
        _load(tmp_path, [tmp_path / "903"])


def test_a_dated_file_beside_its_years_folder_is_to_be_moved_into_it(tmp_path):
    busy_year(tmp_path / "903" / "2024-25", 2025)
    busy_year(tmp_path / "903", 2025, name="latest ")      # 'latest episodes.csv' ... outside the year's folder
    with pytest.raises(InputError, match=r"903: is a second return for 2024/25: its files \(latest episodes.csv, "
                                         r"latest header.csv\) lie beside the folders 2024-25: move them into the "
                                         r"folder of their year, or leave them out"):
        _load(tmp_path, [tmp_path / "903"])


def test_an_old_copy_inside_the_years_folder_is_to_be_moved_out_of_it(tmp_path):
    """Seen: 2024-25/ holding its files and archive/ with an older copy was told to move its files into the
    folder of their year (load) or that it held several folders (validate)."""
    from careboard.validate.session import validate_paths

    busy_year(tmp_path / "2024-25", 2025)
    busy_year(tmp_path / "2024-25" / "archive", 2025)
    said = (r"2024-25: holds its return's files and, in archive inside it, another return for 2024/25 \(an archive "
            r"or an old copy, it seems\); careboard reads every folder inside the one given: move archive out of it, "
            r"or give the files themselves")
    with pytest.raises(InputError, match=said):
        _load(tmp_path, [tmp_path / "2024-25"])
    with pytest.raises(InputError, match=said):
        validate_paths([tmp_path / "2024-25"])


def test_reviews_tell_the_year_of_a_return_without_episodes(tmp_path):
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/01/2010,12/09/2020,PN1\n"
                                                      "C1,01/01/2010,12/02/2021,PN1\n")
    _, result, years = _load(tmp_path, [tmp_path / "extract"], validate=False)
    assert years == {"extract": 2021} and "from its dated rows" in result.notes[0]


# ---- the as-at date ------------------------------------------------------------------------------------

@pytest.mark.parametrize("as_at,year,says", [
    (date(2025, 1, 31), 2026, r"the as-at date 31/01/2025 is before 2025/26 begins \(01/04/2025\)"),
    ("tomorrow", None, "is in the future"),
    # naming the first of them by file, line and field
    (date(2017, 6, 30), None, r"extract/episodes.csv, line 2: field DEC: 6 dates in the return's episodes are "
                              r"after the as-at date 30/06/2017 \(the first: DEC 21/01/2018\): give the date "
                              r"the data were extracted \(--as-at\), or correct the dates"),
])
def test_impossible_as_at_dates_are_refused(tmp_path, as_at, year, says):
    if as_at == "tomorrow":     # worked out as the test runs, not as the tests are collected (which may be before midnight)
        as_at = date.today() + timedelta(days=1)
    busy_year(tmp_path / "extract", 2018)
    con = open_store(":memory:")
    with pytest.raises(InputError, match=says):
        load(con, [tmp_path / "extract"], as_at=as_at, year=year)
    assert con.execute("SELECT count(*) FROM snapshots").fetchone() == (0,)


@pytest.mark.parametrize("as_at,says", [
    (date(2019, 3, 31), None),                      # a year after: a late extract, said nothing of
    (date(2019, 4, 1), "more than a year after the latest return's year ended (31/03/2018)"),
    (date(2025, 6, 30), "7 years after the latest return's year ended (31/03/2018)"),
])
def test_an_as_at_date_long_after_the_return_is_loaded_with_a_warning(tmp_path, as_at, says):
    busy_year(tmp_path / "2017-18", 2018)
    result = load(open_store(":memory:"), [tmp_path / "2017-18"], validate=False, as_at=as_at)
    late = [n for n in result.notes if "after the latest return's year ended" in n]
    assert len(late) == (0 if says is None else 1)
    if says:
        assert says in late[0] and "counted as still in care" in late[0]


def test_rows_dated_after_the_as_at_date_are_findings(tmp_path):
    write_return(tmp_path / "2024-25", ["C1 12/03/2020", "C2 10/05/2024", "C3 20/01/2025", "C4 02/09/2024 15/02/2025"])
    con, result, _ = _load(tmp_path, [tmp_path / "2024-25"], validate=False, as_at=date(2025, 2, 1))
    rows = con.execute("SELECT code, field, value, line_no FROM dq_findings").fetchall()
    assert rows == [("date_after_as_at", "DEC", "15/02/2025", 5)]
    # Loaded again as at the year end, the same file has nothing after its as-at date.
    again = load(con, [tmp_path / "2024-25"], validate=False, as_at=date(2025, 3, 31))
    assert con.execute("SELECT count(*) FROM dq_findings WHERE snapshot_id = ?", [again.snapshot_id]).fetchone() == (0,)


# ---- old years: loaded, checked with the nearest rules or not at all, and usable -----------------------

def test_years_without_their_own_rules_use_the_nearest_rule_set():
    first, last = supported_years()[0], supported_years()[-1]
    assert (rule_set_year(2018), rule_set_year(first + 1), rule_set_year(2031)) == (first, first + 1, last)
    assert codes_for(2018) == codes_for(first)
    fill = placeholders(2018)
    assert (fill["start"], fill["end"], fill["year"]) == ("DATE '2017-04-01'", "DATE '2018-03-31'", "2018")
    assert fill["LS"] == placeholders(first)["LS"]


def test_validate_checks_an_old_return_with_the_earliest_rules_and_says_so(tmp_path, capsys):
    year_2017_18(tmp_path / "2017-18")
    code = main(["validate", str(tmp_path / "2017-18")])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "2017/18 is checked with the 2023/24 rules, the earliest careboard has" in out
    assert "\n2017/18: " in out and "rules run" in out


def test_an_old_return_is_not_checked_by_the_rules_of_a_table_collected_since(tmp_path, capsys):
    """Seen: a 2017/18 return failed SW01STG1 for every child, the social workers' episodes being collected
    from 2023/24 on."""
    year_2017_18(tmp_path / "2017-18")
    main(["validate", str(tmp_path / "2017-18"), "-v"])
    out = capsys.readouterr().out
    assert "rule SW01STG1 not applicable: SWEpisodes were first collected in 2023/24" in out
    assert "rule SW01STG1 error" not in out


@pytest.mark.parametrize("year", ["25/26", "2026"])
def test_load_with_a_short_year_and_an_old_return_has_no_code_list_error(tmp_path, capsys, year):
    year_2017_18(tmp_path / "old")
    assert main(["load", str(tmp_path / "old"), "--year", year, "--db", str(tmp_path / "s.duckdb"),
                 "--la", "874"]) == 0
    assert "collection year 2025/26" in capsys.readouterr().out


@pytest.fixture(scope="module")
def old_store(tmp_path_factory):
    """Five old years loaded from folders named by a year alone, one with a review dated years ahead."""
    base = tmp_path_factory.mktemp("old")
    for y in range(2018, 2023):
        write_return(base / "in" / str(y), ["L1 12/03/2015", f"C{y} 10/05/{y - 1} 03/02/{y}", f"D{y} 20/11/{y - 1}"],
                     ["L1 02/06/2030"] if y == 2018 else [f"D{y} 10/12/{y - 1}"])
    db = base / "s.duckdb"
    assert main(["load", str(base / "in"), "--db", str(db)]) == 0
    return base, db


@pytest.mark.parametrize("command", [["children", "cla_count"], ["due"], ["snapshots"]])
def test_commands_work_on_a_store_of_old_years(old_store, command, capsys):
    _, db = old_store
    assert main([*command, "--db", str(db)]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_indicators_compute_on_a_store_of_old_years(old_store):
    from careboard.indicators import calculate, registry
    from careboard.indicators.calculate import Context

    _, db = old_store
    con = open_store(db, read_only=True)
    ctx = Context.open(con, 1)
    values = calculate.compute_all(ctx, registry.INDICATORS, ctx.as_at)
    assert ctx.as_at == date(2022, 3, 31) and set(values) == {i.id for i in registry.INDICATORS}
    # L1, open since 2015, and D2022; D2018-D2021 are open only in their own year's file, so they are stale
    # open episodes, read as ending when the next year began (see docs/indicators.md)
    assert values["cla_count"].value == 2


def test_report_builds_on_a_store_of_old_years(old_store):
    base, db = old_store
    assert main(["report", "--db", str(db), "--out", str(base / "report"), "--no-pdf"]) == 0
    (page,) = (base / "report").glob("*.html")
    assert "most recent children-in-care return" not in page.read_text(encoding="utf-8")   # as at its own year's end


def test_a_report_long_after_the_latest_return_says_so_on_its_front_page(tmp_path):
    busy_year(tmp_path / "2017-18", 2018)
    db = tmp_path / "s.duckdb"
    assert main(["load", str(tmp_path / "2017-18"), "--db", str(db), "--as-at", "2025-06-30", "--no-validate"]) == 0
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "report"), "--no-pdf", "--xlsx"]) == 0
    (page,) = (tmp_path / "report").glob("*.html")
    assert ("The most recent children-in-care return in these figures covers the year to 31 March 2018, 7 years "
            "before the position shown") in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("as_at,says", [(date(2019, 3, 31), ""), (date(2019, 4, 1), "more than a year before"),
                                        (date(2021, 6, 30), "3 years before")])
def test_the_front_page_note_on_old_data_starts_after_a_year(as_at, says):
    from careboard.report.committee import stale_data_note

    note = stale_data_note(as_at, 2018)
    assert (says in note) if says else note == ""


def test_a_return_with_only_undated_rows_loads_by_its_name_with_an_as_at(tmp_path):
    (tmp_path / "2024-25").mkdir()
    (tmp_path / "2024-25" / "oc3.csv").write_text("CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nC1,01/06/2005,YES,F2,D1\n")
    _, result, years = _load(tmp_path, [tmp_path / "2024-25"], validate=False, as_at=date(2025, 6, 30))
    assert years == {"2024-25": 2025}
    assert "from '2024-25' in the folder name (the return has no dated episodes or other dated rows to check it against)" in result.notes[0]


def test_a_snapshot_whose_years_were_misread_before_is_refused_in_one_line(tmp_path, capsys):
    """A store written before years were checked can hold a 2017/18 return stored as 2030/31."""
    year_2017_18(tmp_path / "extract")
    db = tmp_path / "s.duckdb"
    assert main(["load", str(tmp_path / "extract"), "--db", str(db), "--no-validate"]) == 0
    con = open_store(db)
    con.execute("UPDATE snapshots SET first_year = 2031, collection_year = 2031")
    con.close()
    assert main(["due", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "its first collection year, 2030/31, begins after its as-at date 31/03/2018" in err
    assert "careboard snapshots --remove 1" in err and "Traceback" not in err


# ---- validate reads the year as load does ---------------------------------------------------------------

def _stray_review(folder: Path) -> None:
    year_2017_18(folder, reviews=["C1 12/09/2017", "C3 05/06/2030"])


def _several_years(folder: Path) -> None:
    write_return(folder, [f"C{y} 10/05/{y - 1} 03/02/{y}" for y in range(2016, 2021)] + ["Z1 01/01/2019 05/05/2023"])


def _reviews_only(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\nC1,01/01/2010,12/09/2020,PN1\n")


@pytest.mark.parametrize("name,make", [
    ("extract", _stray_review), ("all years", _several_years), ("2024-25", lambda f: busy_year(f, 2023)),
    ("2018", lambda f: busy_year(f, 2019)), ("extract", _reviews_only),
    ("upload", lambda f: xml_return(f / "return.xml", "<Header><Year>2020</Year></Header>", "01/06/2024", "05/02/2025"))])
def test_validate_works_out_the_year_as_load_does(tmp_path, name, make):
    from careboard.backends import engine
    from careboard.store.return_year import years_of_returns
    from careboard.validate.session import validate_paths

    make(tmp_path / name)
    loaded = discover([tmp_path / name])[0]
    years_of_returns(engine().connect(":memory:"), [loaded])
    outcome = validate_paths([tmp_path / name])
    assert outcome.year == loaded.year
    assert loaded.notes[0] in outcome.notes


def test_validate_asks_for_the_year_of_a_return_without_dates(tmp_path):
    from careboard.validate.session import validate_paths

    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nC1,1,01/01/2010,WBRI,UN1,,\n")
    with pytest.raises(InputError, match="cannot tell which collection year .* pass --year"):
        validate_paths([tmp_path / "extract"])


@pytest.mark.parametrize("last,says", [
    ("2023-24", None),                           # the year before: nothing to say
    ("2024", None),                              # a year alone may be the year starting in April of it
    ("2021-22", "'2021-22' in the folder name says it is 2021/22, not 2023/24"),
    ("2025-26", "says it is 2025/26, not 2023/24"),
])
def test_validate_says_when_last_years_return_is_named_for_another_year(tmp_path, last, says):
    from careboard.validate.session import validate_paths

    busy_year(tmp_path / "2024-25", 2025)
    busy_year(tmp_path / last, 2024)
    outcome = validate_paths([tmp_path / "2024-25"], last_year=[tmp_path / last])
    noted = [n for n in outcome.notes if n.startswith("--last-year")]
    assert (says in noted[0]) if says else noted == []


def test_validate_refuses_the_return_itself_as_last_years(tmp_path):
    from careboard.validate.session import validate_paths

    busy_year(tmp_path / "2024-25", 2025)
    with pytest.raises(InputError, match="--last-year names the return being validated"):
        validate_paths([tmp_path / "2024-25"], last_year=[tmp_path / "2024-25"])


@pytest.mark.parametrize("text", ["31/03/2025", "2025-03-31", " 2025\u201303\u201331 ", "31-03-2025", "31.3.2025",
                                  "31 March 2025", "31 mar  2025"])
def test_a_typed_date(text):
    from careboard.dates import parse_date

    assert parse_date(text) == date(2025, 3, 31)


@pytest.mark.parametrize("text, message", [
    ("30/02/2025", "'30/02/2025' is not a date: February 2025 has 28 days"),
    ("2024-02-30", "'2024-02-30' is not a date: February 2024 has 29 days"),
    ("31/04/2025", "'31/04/2025' is not a date: April 2025 has 30 days"),
    ("03/31/2025", "'03/31/2025' is not a date: there is no month 31 (dates are written day first, dd/mm/yyyy)"),
    ("2025-13-01", "'2025-13-01' is not a date: there is no month 13"),
    ("yesterday", "'yesterday' is not a date (use dd/mm/yyyy or yyyy-mm-dd)"),
    ("31/3/25", "'31/3/25' is not a date (use dd/mm/yyyy or yyyy-mm-dd)"),     # which century: say it
    ("31-03/2025", "'31-03/2025' is not a date (use dd/mm/yyyy or yyyy-mm-dd)"),
    ("31.13.2025", "'31.13.2025' is not a date: there is no month 13"),
])
def test_a_typed_date_that_is_none_says_why(text, message):
    from careboard.dates import parse_date

    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_year_given_for_several_folders_says_what_to_do_instead(tmp_path, capsys):
    busy_year(tmp_path / "2023_24", 2024)
    busy_year(tmp_path / "2024_25 final", 2025)
    argv = ["load", str(tmp_path / "2023_24"), str(tmp_path / "2024_25 final"), "--year", "2024/25",
            "--db", str(tmp_path / "s.duckdb")]
    assert main(argv) == 2
    said = capsys.readouterr().err.strip().splitlines()[-1]     # after the line of progress reading them
    assert said.startswith("careboard: ") and ": --year applies to a single return, but several folders were given: " \
           "leave --year out to load each by the year its names and dates give" in said
