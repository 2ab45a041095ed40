"""Cutting a timeline into returns: exact rows for a hand-made council, and the rules on real ones."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from careboard.formats.registry import SSDA903 as spec
from careboard.ingest.files import read_file
from careboard.synth import export, simulate
from careboard.synth.calendar import year_end
from careboard.synth.timeline import (OC2, OC3, Adoption, AdoptionDecision, Child, Episode,
                                      MissingIncident, Period, PrevPerm, Review, SWEpisode, Timeline)

from tests.synth_helpers import parse, read_return, small_timeline


def _ep(decom, rne, ls, place, provider, pl_post, urn, dec=None, rec="", why="", cin="N1", home="PE1 1AA"):
    return Episode(decom, rne, ls, cin, place, provider, home, pl_post, urn, dec, rec, why)


def _hand_made() -> Timeline:
    """Four children, 2023/24 to 2025/26, history known up to 30 September 2025."""
    a = Child("A1", "F", date(2010, 6, 15), "WBRI", "A874123456789")
    a.periods = [Period(date(2023, 5, 10), None, "long_term", [
        _ep(date(2023, 5, 10), "S", "C1", "U6", "PR1", "PE2 2BB", "SC100001", date(2024, 3, 20), "X1"),
        _ep(date(2024, 3, 20), "L", "C2", "U6", "PR1", "PE2 2BB", "SC100001", date(2024, 6, 1), "X1", "CARPL"),
        _ep(date(2024, 6, 1), "P", "C2", "K2", "PR4", "NN1 3CC", "SC100002", date(2025, 8, 10), "X1", "CREQB"),
        _ep(date(2025, 8, 10), "P", "C2", "U4", "PR4", "PE3 4DD", "SC100003"),
    ], prev_perm=PrevPerm("Z1", "", ""))]
    a.reviews = [Review(d, "PN1", d, True) for d in (date(2023, 6, 1), date(2023, 9, 1), date(2024, 2, 20),
                                                     date(2024, 8, 15), date(2025, 2, 10), date(2025, 8, 1))]
    a.missing = [MissingIncident("M", date(2024, 3, 30), date(2024, 4, 2))]
    a.oc2 = {2025: OC2("12", "", "0", "", "1", "1", "1", "0", "", ""),
             2026: OC2("13", "", "0", "", "1", "1", "1", "0", "", "")}   # 2025/26 is not complete
    a.sw_episodes = [SWEpisode("SW100001", date(2023, 4, 20), date(2025, 1, 5), "FCONTA"),
                     SWEpisode("SW100002", date(2025, 1, 5), None, "LEFTRL")]

    b = Child("B2", "M", date(2020, 1, 10), "MWBC", "B874123456780")
    b.periods = [Period(date(2023, 1, 5), date(2025, 1, 15), "adoption", [
        _ep(date(2023, 1, 5), "S", "C1", "U6", "PR1", "PE2 5EE", "SC100001", date(2024, 2, 1), "X1"),
        _ep(date(2024, 2, 1), "L", "E1", "U6", "PR1", "PE2 5EE", "SC100001", date(2024, 5, 1), "X1", "CARPL"),
        _ep(date(2024, 5, 1), "P", "E1", "A6", "PR2", "LE1 6FF", "XXXXXXX", date(2025, 1, 15), "E11"),
    ])]
    b.decisions = [AdoptionDecision(date(2023, 11, 20))]
    b.adoption = Adoption(date(2025, 1, 15), date(2023, 11, 20), date(2024, 3, 1), "0", "2", "MF", "L11")

    c = Child("C3", "M", date(2008, 2, 1), "AOTH", "C874123456781", uasc=True)
    c.periods = [Period(date(2025, 6, 1), None, "uasc", [
        _ep(date(2025, 6, 1), "S", "V2", "K3", "PR4", "PE3 3CC", "SC200002", cin="N8", home="")])]

    d = Child("D4", "F", date(2005, 7, 1), "WOTH", "D874123456782")
    d.periods = [Period(date(2021, 1, 1), date(2023, 7, 1), "long_term", [
        _ep(date(2021, 1, 1), "S", "V2", "U6", "PR4", "PE5 5EE", "SC300003", date(2023, 7, 1), "E17", cin="N5")])]
    d.oc3 = {2025: OC3("YES", "F2", "D1")}
    return Timeline(0, "874", 2024, date(2025, 9, 30), [a, b, c, d])


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory):
    out = tmp_path_factory.mktemp("hand")
    result = export(_hand_made(), date(2025, 8, 31), out)
    return result, {y: read_return(result.folder(y)) for y in result.years}


def _rows(returns, year, table):
    return [list(r.values()) for r in returns[year][table]]


EXPECTED = {
    (2024, "episodes"): [
        ["A1", "10/05/2023", "S", "C1", "N1", "U6", "PR1", "20/03/2024", "X1", "", "PE1 1AA", "PE2 2BB", "SC100001"],
        ["A1", "20/03/2024", "L", "C2", "N1", "U6", "PR1", "", "", "", "PE1 1AA", "PE2 2BB", "SC100001"],
        ["B2", "05/01/2023", "S", "C1", "N1", "U6", "PR1", "01/02/2024", "X1", "", "PE1 1AA", "PE2 5EE", "SC100001"],
        ["B2", "01/02/2024", "L", "E1", "N1", "U6", "PR1", "", "", "", "PE1 1AA", "PE2 5EE", "SC100001"],
        ["D4", "01/01/2021", "S", "V2", "N5", "U6", "PR4", "01/07/2023", "E17", "", "PE1 1AA", "PE5 5EE", "SC300003"]],
    (2025, "episodes"): [
        ["A1", "20/03/2024", "L", "C2", "N1", "U6", "PR1", "01/06/2024", "X1", "CARPL", "PE1 1AA", "PE2 2BB", "SC100001"],
        ["A1", "01/06/2024", "P", "C2", "N1", "K2", "PR4", "", "", "", "PE1 1AA", "NN1 3CC", "SC100002"],
        ["B2", "01/02/2024", "L", "E1", "N1", "U6", "PR1", "01/05/2024", "X1", "CARPL", "PE1 1AA", "PE2 5EE", "SC100001"],
        ["B2", "01/05/2024", "P", "E1", "N1", "A6", "PR2", "15/01/2025", "E11", "", "PE1 1AA", "LE1 6FF", "XXXXXXX"]],
    (2026, "episodes"): [
        ["A1", "01/06/2024", "P", "C2", "N1", "K2", "PR4", "10/08/2025", "X1", "CREQB", "PE1 1AA", "NN1 3CC", "SC100002"],
        ["A1", "10/08/2025", "P", "C2", "N1", "U4", "PR4", "", "", "", "PE1 1AA", "PE3 4DD", "SC100003"],
        ["C3", "01/06/2025", "S", "V2", "N8", "K3", "PR4", "", "", "", "", "PE3 3CC", "SC200002"]],
    (2024, "header"): [["A1", "2", "15/06/2010", "WBRI", "A874123456789", "0", ""],
                       ["B2", "1", "10/01/2020", "MWBC", "UN1", "", ""],
                       ["D4", "2", "01/07/2005", "WOTH", "D874123456782", "0", ""]],
    (2025, "header"): [["A1", "F", "15/06/2010", "WBRI", "A874123456789", "0", ""],
                       ["B2", "M", "10/01/2020", "MWBC", "B874123456780", "", ""],
                       ["D4", "F", "01/07/2005", "WOTH", "D874123456782", "", ""]],
    (2026, "header"): [["A1", "F", "15/06/2010", "WBRI", "A874123456789", "0", ""],
                       ["C3", "M", "01/02/2008", "AOTH", "UN2", "", ""]],
    (2024, "reviews"): [["A1", "15/06/2010", d, "PN1"] for d in ("01/06/2023", "01/09/2023", "20/02/2024")],
    (2025, "reviews"): [["A1", "15/06/2010", d, "PN1"] for d in ("15/08/2024", "10/02/2025")],
    (2026, "reviews"): [["A1", "15/06/2010", "01/08/2025", "PN1"]],
    (2024, "missing"): [["A1", "15/06/2010", "M", "30/03/2024", ""]],
    (2025, "missing"): [["A1", "15/06/2010", "M", "30/03/2024", "02/04/2024"]],
    (2026, "missing"): [],
    (2024, "oc2"): [],
    (2025, "oc2"): [["A1", "15/06/2010", "12", "", "0", "", "1", "1", "1", "0", "", ""]],
    (2026, "oc2"): [],
    (2025, "oc3"): [["D4", "01/07/2005", "YES", "F2", "D1"]],
    (2024, "ad1"): [],
    (2025, "ad1"): [["B2", "10/01/2020", "20/11/2023", "01/03/2024", "0", "2", "MF", "L11"]],
    (2024, "placed_for_adoption"): [["B2", "10/01/2020", "20/11/2023", "", ""]],
    (2025, "placed_for_adoption"): [["B2", "10/01/2020", "20/11/2023", "", ""]],
    (2026, "placed_for_adoption"): [],
    (2024, "previous_permanence"): [["A1", "15/06/2010", "Z1", "", ""]],
    (2026, "uasc"): [["C3", "M", "01/02/2008", ""]],
    (2024, "sw_episodes"): [["A1", "15/06/2010", "SW100001", "20/04/2023", "", "FCONTA"]],
    (2025, "sw_episodes"): [["A1", "15/06/2010", "SW100001", "20/04/2023", "05/01/2025", "FCONTA"],
                            ["A1", "15/06/2010", "SW100002", "05/01/2025", "", "LEFTRL"]],
    (2026, "sw_episodes"): [["A1", "15/06/2010", "SW100002", "05/01/2025", "", "LEFTRL"]],
}


@pytest.mark.parametrize("year, table", list(EXPECTED), ids=[f"{y}-{t}" for y, t in EXPECTED])
def test_hand_made_council_gives_the_rows_worked_out_by_hand(hand_made, year, table):
    _, returns = hand_made
    assert _rows(returns, year, table) == EXPECTED[year, table]


def test_every_year_has_each_table_of_its_year_once(hand_made):
    result, returns = hand_made
    assert result.years == [2024, 2025, 2026]
    for year, tables in returns.items():
        expected = {t for t, s in spec.tables().items() if s.first_year is None or s.first_year <= year}
        assert set(tables) == expected
        assert len(list(result.folder(year).glob("*.csv"))) == len(expected)


def test_the_same_hand_made_council_reads_the_same_from_xml(hand_made, tmp_path):
    result, returns = hand_made
    xml = export(_hand_made(), date(2025, 8, 31), tmp_path, fmt="xml")
    for year in xml.years:
        (path,) = xml.folder(year).glob("*.xml")
        for t in read_file(path).tables:
            wanted = [list(t.columns).index(c) for c in spec.table(t.table).columns]
            from_xml = [[row[i] for i in wanted] for row in zip(*t.cells)]
            assert from_xml == _rows(returns, year, t.table), (year, t.table)


def test_as_at_must_fall_inside_the_simulated_history(tmp_path):
    with pytest.raises(ValueError, match="after the end"):
        export(_hand_made(), date(2025, 10, 1), tmp_path)
    with pytest.raises(ValueError, match="fmt"):
        export(_hand_made(), date(2025, 8, 31), tmp_path, fmt="json")


# --- rules on a simulated council -----------------------------------------------------------------

AS_AT = date(2025, 11, 30)


@pytest.fixture(scope="module")
def simulated(tmp_path_factory):
    tl = small_timeline(7)
    result = export(tl, AS_AT, tmp_path_factory.mktemp("sim"))
    return tl, result, {y: read_return(result.folder(y)) for y in result.years}


def test_columns_and_dates_are_as_the_spec_says(simulated):
    _, result, returns = simulated
    for year, tables in returns.items():
        for table, rows in tables.items():
            t = spec.table(table)
            for row in rows:
                assert list(row) == list(t.columns)
                for column in t.dates:
                    if row[column]:
                        assert parse(row[column]) <= AS_AT, (year, table, column, row)


def test_an_episode_open_over_31_march_is_in_both_years(simulated):
    _, result, returns = simulated
    found = 0
    for year in result.years[:-1]:
        open_at_end = {(r["CHILD"], r["DECOM"]) for r in returns[year]["episodes"] if not r["DEC"]}
        following = {(r["CHILD"], r["DECOM"]): r for r in returns[year + 1]["episodes"]}
        assert open_at_end <= set(following)
        found += len(open_at_end)
        for r in returns[year]["episodes"]:
            assert not r["DEC"] or parse(r["DEC"]) <= year_end(year)
            assert not r["DEC"] or r["REC"]
    assert found > 50


def test_each_year_holds_exactly_the_episodes_open_in_it(simulated):
    tl, result, returns = simulated
    for year in result.years:
        cut = min(year_end(year), AS_AT)
        start = date(year - 1, 4, 1)
        expected = {(c.id, e.decom) for c in tl.children for e in c.episodes
                    if e.decom <= cut and (e.dec is None or e.dec >= start)}
        got = [(r["CHILD"], parse(r["DECOM"])) for r in returns[year]["episodes"]]
        assert len(got) == len(set(got)) and set(got) == expected


def test_nothing_after_as_at_and_outcomes_only_for_complete_years(simulated):
    tl, result, returns = simulated
    current = returns[result.years[-1]]
    assert current["oc2"] == [] and current["oc3"] == []
    assert all(returns[y]["oc2"] for y in result.years[:-1])
    ending_later = {(c.id, e.decom) for c in tl.children for e in c.episodes if e.dec and e.dec > AS_AT}
    for r in current["episodes"]:
        if (r["CHILD"], parse(r["DECOM"])) in ending_later:
            assert r["DEC"] == r["REC"] == r["REASON_PLACE_CHANGE"] == ""


def test_header_lists_exactly_the_children_of_the_year(simulated):
    _, result, returns = simulated
    for year, tables in returns.items():
        header = [r["CHILD"] for r in tables["header"]]
        others = {r["CHILD"] for t, rows in tables.items() if t != "header" for r in rows}
        assert len(header) == len(set(header)) and set(header) == others


def test_codes_follow_the_year_they_are_returned_in(simulated):
    _, result, returns = simulated
    for year, tables in returns.items():
        sexes = {r["SEX"] for r in tables["header"]}
        assert sexes <= ({"1", "2"} if year <= 2024 else {"M", "F", "U"})
        places = {r["PLACE"] for r in tables["episodes"]}
        if year >= 2026:
            assert not places & {"H5", "P2", "Z1"}
        if year <= 2024:
            assert not places & {"K3", "Z11", "Z12", "Z13", "Z14"}


def test_file_names_vary_and_output_is_reproducible(tmp_path):
    tl = simulate(seed=3, children_in_care=60, years=3)
    one = export(tl, tl.end, tmp_path / "one")
    two = export(tl, tl.end, tmp_path / "two")
    digest = lambda r: sorted(hashlib.sha256(p.read_bytes()).hexdigest() for p in r.files)  # noqa: E731
    assert digest(one) == digest(two)
    names = {p.name for p in one.files}
    assert len(names) > len(spec.tables())        # not the same dozen names every year


def test_export_replaces_an_earlier_export_in_the_same_folder(tmp_path):
    tl = simulate(seed=3, children_in_care=60, years=3)
    export(tl, tl.end, tmp_path)
    export(simulate(seed=4, children_in_care=60, years=3), tl.end, tmp_path)
    for folder in tmp_path.iterdir():
        read_return(folder)           # fails on two copies of a table


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_an_export_copying_an_earlier_ones_complete_years_writes_the_same_files(tmp_path, fmt):
    tl = simulate(seed=5, children_in_care=60, years=3)
    earlier_date, later = date(tl.end.year - 1, 4, 30), tl.end
    earlier = export(tl, earlier_date, tmp_path / "earlier", fmt=fmt)
    alone = export(tl, later, tmp_path / "alone", fmt=fmt)
    copying = export(tl, later, tmp_path / "copying", fmt=fmt, earlier=earlier)
    files = lambda r: {p.relative_to(r.out_dir): p.read_bytes() for p in r.files}  # noqa: E731
    assert files(copying) == files(alone)
    assert (copying.years, copying.rows) == (alone.years, alone.rows)
    assert any(year_end(y) <= earlier_date for y in earlier.years)     # some years were copied


def test_an_export_with_errors_planted_is_never_copied_from(tmp_path):
    tl = simulate(seed=5, children_in_care=60, years=3)
    earlier = export(tl, date(tl.end.year - 1, 4, 30), tmp_path / "earlier", errors=["bad_date"])
    alone = export(tl, tl.end, tmp_path / "alone")
    copying = export(tl, tl.end, tmp_path / "copying", earlier=earlier)
    files = lambda r: {p.relative_to(r.out_dir): p.read_bytes() for p in r.files}  # noqa: E731
    assert files(copying) == files(alone)
