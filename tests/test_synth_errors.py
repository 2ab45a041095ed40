"""Planted errors: each kind is where the manifest says, in CSV and in XML."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest

from careboard.formats.registry import SSDA903 as spec
from careboard.ingest.files import read_file
from careboard.synth import ERROR_KINDS, export
from careboard.synth.errors import CSV_ONLY

from tests.synth_helpers import parse, small_timeline

KINDS = sorted(ERROR_KINDS)
XML_KINDS = [k for k in KINDS if k not in CSV_ONLY]


def _csv_rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    tl = small_timeline(7)
    result = export(tl, tl.end, tmp_path_factory.mktemp("errors"), errors=KINDS)
    return result, {e.kind: e for e in result.errors}


def test_there_are_at_least_eight_kinds_and_all_were_planted(planted):
    result, by_kind = planted
    assert len(KINDS) >= 8 and sorted(by_kind) == KINDS


def test_the_manifest_file_lists_the_same_errors(planted):
    result, _ = planted
    written = _csv_rows(result.out_dir / "injected_errors.csv")
    assert [(r["kind"], r["file"], int(r["row"]), r["child"], r["field"]) for r in written] == \
        [(e.kind, e.file, e.row, e.child, e.field) for e in result.errors]


# What each planted value must look like, beyond being where the manifest says.
def _meaning(kind, row, rows, e):
    if kind == "bad_date":
        with pytest.raises(ValueError):
            parse(e.injected)
    elif kind == "invalid_code":
        assert e.injected in ("U9", "C9", "Q", "N9")
    elif kind == "lowercase_code":
        assert e.injected == e.original.lower() != e.original
    elif kind == "overlapping_episodes":
        before = rows[e.row - 2]
        assert before["CHILD"] == e.child and parse(before["DECOM"]) < parse(e.injected) < parse(before["DEC"])
    elif kind == "x1_gap":
        after = rows[e.row]
        assert row["REC"] == "X1" and parse(e.injected) < parse(after["DECOM"])
    elif kind == "dec_before_decom":
        assert parse(row["DEC"]) < parse(row["DECOM"])
    elif kind == "duplicate_key":
        before = rows[e.row - 2]
        assert (before["CHILD"], before["DECOM"]) == (row["CHILD"], row["DECOM"])
    elif kind == "missing_dob":
        assert row["DOB"] == ""
    elif kind == "bad_upn":
        assert e.injected[1:] == e.original[1:] and e.injected[0] != e.original[0]
    elif kind == "review_before_care":
        assert parse(e.injected) < parse(e.original)
    elif kind == "unknown_child":
        assert e.injected != e.original
    elif kind == "sdq_out_of_range":
        assert int(e.injected) > 40
    elif kind == "adoption_date_mismatch":
        assert parse(e.injected) < parse(e.original)
    elif kind == "missing_end_before_start":
        assert parse(row["MIS_END"]) < parse(row["MIS_START"])
    elif kind == "unregistered_urn":
        assert e.injected.startswith("SC0") and len(e.injected) == 8
    elif kind == "wrong_placement_postcode":
        assert row["PLACE"] in ("K1", "K2", "R3", "S1") and e.injected.split()[0] == e.original.split()[0]


@pytest.mark.parametrize("kind", KINDS)
def test_each_csv_error_is_where_the_manifest_says(planted, kind):
    result, by_kind = planted
    e = by_kind[kind]
    rows = _csv_rows(result.out_dir / e.file)
    assert list(rows[0]) == list(spec.table(e.table).columns)
    row = rows[e.row - 1]
    assert row["CHILD"] == e.child and row[e.field] == e.injected != e.original
    _meaning(kind, row, rows, e)


def test_a_review_before_care_is_before_every_episode_that_year(planted):
    result, by_kind = planted
    e = by_kind["review_before_care"]
    folder = (result.out_dir / e.file).parent
    for path in folder.glob("*.csv"):
        rows = _csv_rows(path)
        if rows and "RNE" in rows[0]:
            when = parse(e.injected)
            for r in rows:
                if r["CHILD"] == e.child:
                    assert not (parse(r["DECOM"]) <= when and (not r["DEC"] or parse(r["DEC"]) > when))


@pytest.fixture(scope="module")
def planted_xml(tmp_path_factory):
    tl = small_timeline(7)
    result = export(tl, tl.end - timedelta(days=40), tmp_path_factory.mktemp("xml"), fmt="xml", errors=XML_KINDS)
    return result, {e.kind: e for e in result.errors}


@pytest.mark.parametrize("kind", XML_KINDS)
def test_each_xml_error_is_where_the_manifest_says(planted_xml, kind):
    result, by_kind = planted_xml
    e = by_kind[kind]
    (table,) = [t for t in read_file(result.out_dir / e.file).tables if t.table == e.table]
    columns = list(table.columns)
    row = {c: table.cells[i][e.row - 1] for i, c in enumerate(columns)}
    assert row["CHILD"] == e.child and row[e.field] == e.injected


def test_unknown_kinds_and_csv_only_kinds_in_xml_are_refused(tmp_path):
    tl = small_timeline(7)
    with pytest.raises(ValueError, match="unknown error kind"):
        export(tl, tl.end, tmp_path, errors=["no_such_error"])
    with pytest.raises(ValueError, match="cannot be written in XML"):
        export(tl, tl.end, tmp_path, fmt="xml", errors=["unknown_child"])


def test_a_clean_export_has_no_manifest(tmp_path):
    tl = small_timeline(7)
    export(tl, tl.end, tmp_path, errors=["bad_date"])
    assert (tmp_path / "injected_errors.csv").exists()
    assert export(tl, tl.end, tmp_path).errors == []
    assert not (tmp_path / "injected_errors.csv").exists()
