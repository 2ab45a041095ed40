"""Reading the Ofsted URN list and the postcode lookup: header aliases, code lists, dates, LA codes, and
bad files stopped with the file, line and field named."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from careboard.errors import InputError
from careboard.validate.la_codes import gss_to_dfe, la_number_in_file_names
from careboard.validate.reference_files import read_postcode_lookup, read_urn_list
from careboard.validate.rules.reference import create_reference_table

SHARED_BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"


def _write(tmp_path: Path, text: str, name: str = "ref.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_urn_list_with_the_dfe_headers(tmp_path):
    path = _write(tmp_path, "URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE,LA\n"
                            "sc123456,\"K2, K1\",PR1;PR4,2024-09-30,pe1 1aa,874\n"
                            "SC222222,U6 U4,PR4,,,E06000031\n")
    assert read_urn_list(path) == [
        {"URN": "SC123456", "place_codes": ["K2", "K1"], "provider_codes": ["PR1", "PR4"],
         "reg_end": date(2024, 9, 30), "postcode": "PE11AA", "la_code": "874"},
        {"URN": "SC222222", "place_codes": ["U6", "U4"], "provider_codes": ["PR4"], "reg_end": None,
         "postcode": None, "la_code": "E06000031"}]


def test_urn_list_header_aliases_in_any_case_and_extra_columns(tmp_path):
    path = _write(tmp_path, "\ufeffSetting name,Provider URN,Place codes,place_provider,Registration end date,"
                            "Post Code,Local authority code\n"
                            "The Willows,SC1,K2 ; S1,PR5,01/10/2024,PE2 2BB,874.0\n")
    (row,) = read_urn_list(path)
    assert row == {"URN": "SC1", "place_codes": ["K2", "S1"], "provider_codes": ["PR5"],
                   "reg_end": date(2024, 10, 1), "postcode": "PE22BB", "la_code": "874"}


def test_urn_list_without_end_dates_has_every_setting_open(tmp_path):
    path = _write(tmp_path, "urn,place codes,provider codes,postcode,la\nSC1,K2,PR4,PE1 1AA,874\n\n")
    assert [r["reg_end"] for r in read_urn_list(path)] == [None]


def _refusal(read, path: Path, words: str) -> tuple:
    """(file, line, field, whether the message says `words`) of the InputError reading `path` raises."""
    with pytest.raises(InputError) as e:
        read(path)
    return e.value.file, e.value.line, e.value.field, words in e.value.message


@pytest.mark.parametrize("text, line, field, words", [
    ("URN,PLACE_CODES,REG_END,POSTCODE,LA\nSC1,K2,,PE1 1AA,874\n", 1, "PROVIDER_CODES", "no PROVIDER_CODES column"),
    ("URN,PLACE_CODES,PROVIDER_CODES,Registration end date,POSTCODE,LA\nSC1,K2,PR1,,PE1,874\n"
     "SC2,K2,PR1,31/02/2024,PE1,874\n", 3, "Registration end date", "'31/02/2024' is not a date"),
    ("URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,LA\nSC1,K2,PR1,PE1,Peterborough\n", 2, "LA", "is not an LA code"),
    ("URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,LA\n,K2,PR1,PE1,874\n", 2, "URN", "the URN is blank"),
])
def test_a_bad_urn_list_names_file_line_and_field(tmp_path, text, line, field, words):
    path = _write(tmp_path, text)
    assert _refusal(read_urn_list, path, words) == (str(path), line, field, True)


# Seen: each was read without a word, then every rule asking where the provider is failed a correct episode.
@pytest.mark.parametrize("la, words", [
    ("123", "'123' is no English LA's DfE number"),
    ("E07000008", "'E07000008' is a district's code, and children's services are the county's"),
    ("E99999999", "is not the code of an English LA with children's services"),
])
def test_a_urn_lists_la_must_be_an_english_la_with_childrens_services(tmp_path, la, words):
    from functools import partial

    path = _write(tmp_path, f"URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,LA\nSC1,K2,PR1,PE1,874\nSC2,K2,PR1,PE1,{la}\n")
    assert _refusal(partial(read_urn_list, known_la=("873", "874")), path, words) == (str(path), 3, "LA", True)


def test_a_urn_lists_gss_code_no_la_in_the_dfe_files_has_is_refused(tmp_path):
    from careboard.validate.reference_inputs import ReferenceInputs, install_reference

    path = _write(tmp_path, "URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,LA\nSC1,K2,PR1,PE1,E10999999\n")
    import careboard

    benchmarks = Path(careboard.__file__).parent / "published" / "data"      # the shipped copy, as validate reads it
    with pytest.raises(InputError, match="the LA E10999999 of URN SC1 is not an LA in the DfE's files"):
        install_reference(duckdb.connect(), ReferenceInputs(urn_list=path, la="874", benchmarks=benchmarks), [], 2025)


def _workbook(tmp_path: Path, rows: list[list], name: str = "urns.xlsx") -> Path:
    import xlsxwriter

    path = tmp_path / name
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Providers")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if isinstance(value, date):
                sheet.write_datetime(r, c, datetime(value.year, value.month, value.day), dates)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def test_urn_list_as_an_excel_workbook_reads_as_the_csv_does(tmp_path):
    # Ofsted publishes its list as a workbook: a title row above the header, numbers and dates as Excel keeps them.
    book = _workbook(tmp_path, [
        ["Children's social care providers"], [],
        ["URN", "Place codes", "Provider codes", "Registration end date", "Postcode", "Local authority code"],
        ["SC123456", "K2, K1", "PR1;PR4", date(2024, 9, 30), "pe1 1aa", 874],
        ["SC222222", "U6 U4", "PR4", None, None, "E06000031"]])
    csv_text = ("URN,PLACE_CODES,PROVIDER_CODES,REG_END,POSTCODE,LA\n"
                "SC123456,\"K2, K1\",PR1;PR4,30/09/2024,pe1 1aa,874\nSC222222,U6 U4,PR4,,,E06000031\n")
    assert read_urn_list(book) == read_urn_list(_write(tmp_path, csv_text))


def test_a_bad_row_in_a_workbook_is_named_by_its_sheet_row(tmp_path):
    book = _workbook(tmp_path, [["URN", "PLACE_CODES", "PROVIDER_CODES", "POSTCODE", "LA"],
                                ["SC1", "K2", "PR1", "PE1", 874], ["SC2", "K2", "PR1", "PE1", "Peterborough"]])
    assert _refusal(read_urn_list, book, "is not an LA code") == (str(book), 3, "LA", True)


@pytest.mark.parametrize("name, text, words", [
    ("urns.xlsx", "not really a workbook", "cannot be read as an Excel workbook"),
    ("urns.xls", "an old workbook", "save the sheet as CSV"),
    ("empty.csv", "", "the file is empty"),
    ("headonly.csv", "URN,PLACE_CODES,PROVIDER_CODES,POSTCODE,LA\n", "has no rows"),
])
def test_files_that_are_no_urn_list_are_refused(tmp_path, name, text, words):
    with pytest.raises(InputError, match=words):
        read_urn_list(_write(tmp_path, text, name))


def test_a_workbook_named_csv_is_read_as_a_urn_list_and_refused_as_a_postcode_lookup(tmp_path):
    """Seen: a postcode lookup saved from Excel under a .csv name was refused with its zip bytes printed as its
    header; a URN list so named was 'not a text file' though careboard reads URN lists from workbooks."""
    rows = [["URN", "PLACE_CODES", "PROVIDER_CODES", "POSTCODE", "LA"], ["SC1", "K2", "PR1", "PE1 1AA", 874]]
    named_csv = _workbook(tmp_path, rows).rename(tmp_path / "urns.csv")
    assert [r["URN"] for r in read_urn_list(named_csv)] == ["SC1"]
    lookup = _workbook(tmp_path, [["pcds", "oslaua", "oseast1m", "osnrth1m"], ["PE1 1AA", "E06000031", 1, 2]],
                       "lookup.xlsx").rename(tmp_path / "lookup.csv")
    with pytest.raises(InputError, match=r"is a workbook \(or a zip file\), though its name ends .csv: save the sheet "
                                         r"as CSV$") as e:
        _lookup(lookup)
    assert "PK" not in str(e.value)


def _lookup(path: Path) -> list[tuple]:
    con = duckdb.connect()
    create_reference_table(con, "postcode_lookup")
    read_postcode_lookup(con, path, "postcode_lookup")
    return con.execute("SELECT * FROM postcode_lookup ORDER BY pcd").fetchall()


def test_postcode_lookup_in_the_onspd_layout(tmp_path):
    path = _write(tmp_path, "pcd,pcd2,pcds,dointr,oscty,oslaua,osward,oseast1m,osnrth1m\n"
                            "PE1 1AA,PE1  1AA,PE1 1AA,198001,E99999999,E06000031,x,519000,299000\n"
                            "CB1 1AA,CB1  1AA,CB1 1AA,198001,E10000003,E07000008,x,545000,258000\n"
                            "CF101AA,CF10 1AA,CF10 1AA,198001,W99999999,W06000015,x,318000,176000\n"
                            "EH1 1AA,EH1  1AA,EH1 1AA,198001,S99999999,S12000036,x,,\n"
                            "BT1 1AA,BT1  1AA,BT1 1AA,198001,N99999999,N09000003,x,,\n")
    assert _lookup(path) == [("BT11AA", "NIR", None, None), ("CB11AA", "E10000003", 545000.0, 258000.0),
                             ("CF101AA", "WAL", 318000.0, 176000.0), ("EH11AA", "SCO", None, None),
                             ("PE11AA", "E06000031", 519000.0, 299000.0)]


def test_a_postcode_given_twice_in_two_las_is_refused(tmp_path):
    """Seen: the first row won without a word. Twice in the same LA is no matter."""
    path = _write(tmp_path, "pcds,oscty,oslaua,oseast1m,osnrth1m\nPE1 1AA,E99999999,E06000031,519000,299000\n"
                            "PE1 1AA,E99999999,E06000031,519000,299000\nCB1 1AA,E10000003,E07000008,545000,258000\n")
    assert [row[0] for row in _lookup(path)] == ["CB11AA", "PE11AA", "PE11AA"]
    with (path).open("a") as f:
        f.write("CB1 1AA,E99999999,E06000031,519000,299000\n")
    with pytest.raises(InputError, match="the postcode CB11AA is given twice, in E06000031 and in E10000003: keep "
                                         "the row that is right"):
        _lookup(path)


def test_postcode_lookup_in_the_newer_ons_names(tmp_path):
    path = _write(tmp_path, "pcd7,pcd8,pcds,lad25cd,east1m,north1m\nPE1 1AA,PE1  1AA,PE1 1AA,E06000031,1,2\n")
    assert _lookup(path) == [("PE11AA", "E06000031", 1.0, 2.0)]


@pytest.mark.parametrize("text, line, field, words", [
    ("pcds,oslaua,oseast1m\nPE1 1AA,E06000031,1\n", 1, "osnrth1m", "no osnrth1m column"),
    ("pcds,oslaua,oseast1m,osnrth1m\nPE1 1AA,E06000031,1,2\nPE2 2BB,E06000031,12x,2\n", 3, "oseast1m",
     "'12x' (postcode PE22BB) is not a number of metres"),
    ("pcds,oslaua,oseast1m,osnrth1m\nPE1 1AA,Peterborough,1,2\n", 2, "oslaua", "is not an LA code"),
    ("pcds,oslaua,oseast1m,osnrth1m\nPE1 1AA,E06000031,1,2\nCB1 1AA,e07000008,1,2\n", 3, "oslaua",
     "needs the county column (oscty)"),
])
def test_a_bad_postcode_lookup_names_file_line_and_field(tmp_path, text, line, field, words):
    path = _write(tmp_path, text)
    assert _refusal(_lookup, path, words) == (str(path), line, field, True)


def test_gss_codes_map_to_dfe_numbers_from_the_dfe_files(tmp_path):
    _write(tmp_path, "time_period,geographic_level,old_la_code,la_name,new_la_code,x\n"
                     "2025,National,,,,1\n2025,Local authority,874,Peterborough,E06000031,1\n"
                     "2022,Local authority,815,North Yorkshire,E10000023,1\n"
                     "2025,Local authority,815,North Yorkshire,E06000065,1\n", "ees.csv")
    _write(tmp_path, "old_la_code,la_name\n874,Peterborough\n", "no_gss.csv")
    # the same GSS code under two numbers is a conflict, so it is left out rather than guessed
    _write(tmp_path, "old_la_code,new_la_code\n100,E01000001\n101,E01000001\n", "conflict.csv")
    assert gss_to_dfe(tmp_path) == {"E06000031": "874", "E10000023": "815", "E06000065": "815"}


@pytest.mark.skipif(not SHARED_BENCHMARKS.is_dir(), reason="../shared/benchmarks not present")
def test_the_published_benchmark_files_map_every_gss_code_an_la_has_had():
    mapping = gss_to_dfe(SHARED_BENCHMARKS)
    assert mapping["E06000031"] == "874" and mapping["E10000003"] == "873"
    assert mapping["E10000023"] == mapping["E06000065"] == "815"      # North Yorkshire before and after 2023


@pytest.mark.parametrize("names, expected", [
    (["874 header 2024-25.csv", "874 episodes 2024-25.csv"], "874"),
    (["874_903_2025.xml"], "874"),
    (["874 header.csv", "873 episodes.csv"], None),         # two councils: no guess
    (["874 header.csv", "episodes.csv"], None),
    (["903_header.csv", "903_episodes.csv"], None),           # SSDA903, not an LA
    (["903_header_2324.csv", "874 header 2024-25.csv"], "874"),    # ... so it says nothing beside an LA's number
    (["8741 header.csv"], None),
])
def test_the_council_is_taken_from_file_names_only_when_safe(names, expected):
    assert la_number_in_file_names([Path("x") / n for n in names], ("873", "874")) == expected


def test_a_postcode_lookup_row_with_too_many_cells_is_refused_at_its_line(tmp_path):
    path = _write(tmp_path, "pcds,oslaua,oseast1m,osnrth1m\nPE1 1AA,E06000031,1,2\nPE1 1AB,E06000031,1,2,9\n")
    with pytest.raises(InputError, match="cannot be read as CSV: Expected Number of Columns") as e:
        _lookup(path)
    assert e.value.line == 3


def test_a_urn_list_with_a_password_says_so(tmp_path):
    path = tmp_path / "urns.xlsx"
    path.write_bytes((Path(__file__).parent / "data" / "workbooks" / "password.xlsx").read_bytes())
    with pytest.raises(InputError, match="is protected with a password, which careboard cannot open"):
        read_urn_list(path)
