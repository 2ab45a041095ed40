"""The published figures shipped inside the package: read with no ../shared folder, the same figures as
the published files, rebuilt byte for byte from them, and replaced by a user's newer release."""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import date

import pytest

from careboard.cli import main
from careboard.published import load_published
from careboard.published.areas import ENGLAND
from careboard.published.location import GIVEN, SHIPPED, SHIPPED_COPY, USER, data_folder, newer_release_note
from careboard.published.pack import LICENCE_FILE, RELEASE_FILE, pack
from tests.published_helpers import REAL_FOLDER, write_mini_folder

CLA = "cla_number_and_rate_per_10k_children.csv.gz"


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A fresh install: a working folder with no ../shared, and an empty careboard home."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREBOARD_HOME", str(tmp_path / "home"))
    return tmp_path


def test_fresh_install_reads_the_shipped_copy(fresh):
    folder = data_folder()
    assert (folder.kind, folder.path) == (SHIPPED_COPY, SHIPPED)
    published = load_published(folder.path)
    codes = published.la_codes()
    assert len(codes) == 153 and {"874", "202", "420"} <= set(codes)
    # rates and their population for every current LA (the City of London and Scilly included)
    assert all(published.population_for_year_ending(code, 2025).value for code in codes)
    assert published.figure("cla_rate_10k", ENGLAND, 2025).value == 67
    assert published.population_for_year_ending("874", 2025).value == 57621
    assert published.population_for_year_ending("874", 2018).value is not None   # mid-2017, for old positions


def test_shipped_copy_carries_its_licence_and_release(fresh):
    assert "Open Government Licence v3.0" in (SHIPPED / LICENCE_FILE).read_text()
    release = json.loads((SHIPPED / RELEASE_FILE).read_text())["files"]
    assert release[CLA]["last_year"] == 2025 and release[CLA]["updated"] == "2025-11-01"
    assert sum(p.stat().st_size for p in SHIPPED.iterdir()) < 2_000_000


@pytest.mark.skipif(not REAL_FOLDER.is_dir(), reason="../shared/benchmarks not present")
def test_shipped_copy_is_rebuilt_byte_for_byte_from_the_published_files(tmp_path):
    packed = pack(REAL_FOLDER, tmp_path / "data")
    names = sorted(p.name for p in packed.folder.iterdir())
    assert names == sorted(p.name for p in SHIPPED.iterdir())
    for name in names:
        assert _content(packed.folder / name) == _content(SHIPPED / name), name


def _content(path):
    # What a gzip file holds: its compressed bytes differ between Python versions (3.13 writes another
    # header), its content must not.
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


@pytest.mark.skipif(not REAL_FOLDER.is_dir(), reason="../shared/benchmarks not present")
@pytest.mark.parametrize("indicator", ["cla_rate_10k", "placements_3plus_pct", "cl_eet_pct_19_21", "sdq_mean",
                                       "missing_child_pct", "cl_in_touch_pct_19_21"])
def test_shipped_copy_gives_the_published_files_figures(indicator):
    full, shipped = load_published(REAL_FOLDER), load_published(SHIPPED)
    assert shipped.years(indicator) == full.years(indicator)
    for la in ("874", "202", "909", "420", "815"):
        for year in full.years(indicator):
            if la in shipped.la_codes():
                assert shipped.benchmark_rows(indicator, la, year) == full.benchmark_rows(indicator, la, year)


def _newer_cla_file(folder):
    """The CLA file as the DfE would publish it a year on: every 2025 row again as 2026, England's rate 70 (of
    a count to match)."""
    text = gzip.decompress((SHIPPED / CLA).read_bytes()).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in [r for r in rows if r["time_period"] == "2025"]:
        new = {**row, "time_period": "2026"}
        if row["geographic_level"] == "National" and row["population_type"].startswith("Children looked after"):
            new["rate_per_10000"] = "70"
            new["children_count"] = str(round(70 * int(row["population_estimate"]) / 10000))
        rows.append(new)
    folder.mkdir()
    with (folder / "cla_number_and_rate_per_10k_children.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_update_with_one_newer_file_makes_the_users_copy(fresh, capsys):
    newer = _newer_cla_file(fresh / "download")
    assert main(["benchmarks", "update", str(newer)]) == 0
    out = capsys.readouterr().out
    assert "1 from" in out and "used instead of the copy shipped with careboard" in out
    folder = data_folder()
    assert (folder.kind, folder.path) == (USER, fresh / "home" / "benchmarks")
    published = load_published(folder.path)
    assert published.figure("cla_rate_10k", ENGLAND, 2026).value == 70
    assert published.figure("placements_3plus_pct", ENGLAND, 2025).value is not None   # carried over
    release = json.loads((folder.path / RELEASE_FILE).read_text())["files"]
    assert release[CLA]["last_year"] == 2026 and release[CLA]["source"] == "cla_number_and_rate_per_10k_children.csv"
    assert release["la_cla_placement_stability.csv.gz"] == json.loads(
        (SHIPPED / RELEASE_FILE).read_text())["files"]["la_cla_placement_stability.csv.gz"]
    assert main(["benchmarks"]) == 0
    shown = capsys.readouterr().out
    assert "your own copy" in shown and "years 2020/21 to 2025/26" in shown
    # --benchmarks still wins over both copies
    mini = write_mini_folder(fresh / "mini")
    assert data_folder(mini).kind == GIVEN
    assert main(["benchmarks", "show", "--benchmarks", str(mini)]) == 0
    assert "as downloaded" in capsys.readouterr().out


def test_update_from_a_folder_without_published_files_changes_nothing(fresh, capsys):
    (fresh / "empty").mkdir()
    assert main(["benchmarks", "update", str(fresh / "empty")]) == 2
    assert "none of careboard's published files is here" in capsys.readouterr().err
    assert data_folder().kind == SHIPPED_COPY


@pytest.mark.parametrize("name, text, message", [
    ("cla_number_and_rate_per_10k_children.csv", "year,la,rate\n2026,874,70\n",
     "not the published layout: no column time_period"),
    ("lait_bds_long_0.parquet", "not a parquet file\n", "cannot be read as the published file"),
    ("sn_model_2025_wide.csv", "old_la_code,la_name\n874,Peterborough,Coventry\n", "lists no statistical neighbours"),
])
def test_update_refuses_a_file_not_in_the_published_layout(fresh, capsys, name, text, message):
    (fresh / "bad").mkdir()
    (fresh / "bad" / name).write_text(text)
    assert main(["benchmarks", "update", str(fresh / "bad")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert data_folder().kind == SHIPPED_COPY and not (fresh / "home" / "benchmarks.new").exists()


@pytest.mark.parametrize("change, message", [
    # seen: each was copied without a word, and the report said "unrecognised value" or averaged a negative rate
    (lambda rows: rows[-1].update(rate_per_10000="eighty-seven"), "gives 'eighty-seven', which is neither a "
                                                                  "published figure nor one of the DfE's symbols"),
    (lambda rows: rows[-1].update(rate_per_10000="-5"), "gives '-5', which is neither a published figure"),
    (lambda rows: rows.append({**rows[-1], "rate_per_10000": "1"}), "is given twice, with different figures"),
])
def test_update_refuses_figures_careboard_would_misread(fresh, capsys, change, message):
    newer = _newer_cla_file(fresh / "download")
    path = newer / "cla_number_and_rate_per_10k_children.csv"
    rows = list(csv.DictReader(path.open()))
    change(rows)
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["benchmarks", "update", str(newer)]) == 2
    err = capsys.readouterr().err
    assert message in err and "field rate_per_10000" in err or "given twice" in err
    assert data_folder().kind == SHIPPED_COPY


def _rewrite(path, keep):
    rows = [row for row in csv.DictReader(path.open()) if keep(row)]
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_update_refuses_a_rate_its_count_and_population_contradict(fresh, capsys):
    newer = _newer_cla_file(fresh / "download")
    path = newer / "cla_number_and_rate_per_10k_children.csv"
    _rewrite(path, lambda row: row.update(rate_per_10000="114" if row["rate_per_10000"] == "41" and row[
        "la_name"] == "Gateshead" and row["time_period"] == "2021" else row["rate_per_10000"]) or True)
    assert main(["benchmarks", "update", str(newer)]) == 2
    err = capsys.readouterr().err
    assert ("the row of Gateshead, 2021 (Children ceasing to be looked after each year) gives a rate of 114, but its "
            "159 children of 38564 make 41.2 per 10,000") in err and "field rate_per_10000" in err
    assert data_folder().kind == SHIPPED_COPY


@pytest.mark.parametrize("keep, message", [
    # seen: each replaced the copy in use, and the report's benchmarks went back a year or went blank
    (lambda row: row["time_period"] != "2026" and row["time_period"] != "2025",
     "holds figures up to 2023/24, older than the copy in use (up to 2024/25): careboard keeps the newer figures"),
    (lambda row: row["geographic_level"] != "Local authority" or row["la_name"] in ("Peterborough", "Rutland"),
     "lists 2 LAs for 2025/26, where the copy in use lists 155 for 2024/25: is it a download filtered to some LAs?"),
])
def test_update_refuses_older_or_fewer_figures_than_the_copy_in_use(fresh, capsys, keep, message):
    newer = _newer_cla_file(fresh / "download")
    _rewrite(newer / "cla_number_and_rate_per_10k_children.csv", keep)
    assert main(["benchmarks", "update", str(newer)]) == 2
    assert message in capsys.readouterr().err
    assert data_folder().kind == SHIPPED_COPY


def test_the_symbol_for_low_reliability_is_said_in_words():
    from careboard.published.figures import parse_figure

    assert parse_figure("u").reason == "low reliability" and parse_figure("q").reason == "unrecognised value 'q'"


@pytest.mark.parametrize("today, said", [(date(2026, 10, 31), False), (date(2026, 11, 1), True)])
def test_report_says_when_a_newer_release_was_due(today, said):
    """The shipped release record: last updated 1 November 2025, next release due 1 November 2026."""
    note = newer_release_note(SHIPPED, today)
    assert bool(note) == said
    if said:
        assert note == ("The published figures used here were last updated on 1 January 2026, and a newer release "
                        "was due on 1 November 2026, so the comparisons may not use the latest published year.")


@pytest.mark.parametrize("next_update, last_line", [
    ("2000-01-01", "A newer release was due on 1 January 2000: download the newer published files (the "
                   "DfE's and the ONS's, under the names careboard benchmarks lists) and run careboard benchmarks "
                   "update with their folder."),
    ("2999-01-01", "To use a newer release: careboard benchmarks update FOLDER (the folder of the DfE and ONS files)"),
])
def test_benchmarks_says_when_a_newer_release_was_due(fresh, capsys, next_update, last_line):
    import shutil

    own = fresh / "home" / "benchmarks"
    shutil.copytree(SHIPPED, own)
    record = json.loads((own / RELEASE_FILE).read_text(encoding="utf-8"))
    for entry in record["files"].values():
        if "next_update" in entry:
            entry["next_update"] = next_update
    (own / RELEASE_FILE).write_text(json.dumps(record), encoding="utf-8")
    assert main(["benchmarks"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Published figures in use: your own copy in ") and out.splitlines()[-1] == last_line


def test_no_release_note_for_published_files_as_downloaded(tmp_path):
    assert newer_release_note(write_mini_folder(tmp_path / "mini"), date(2030, 1, 1)) == ""


def test_validate_maps_gss_codes_with_the_shipped_copy(fresh):
    """validate and load turn GSS codes into DfE numbers with careboard's copy when no --benchmarks is given."""
    from careboard.cli import build_parser
    from careboard.cli.common import reference_inputs
    from careboard.validate.la_codes import gss_to_dfe

    args = build_parser().parse_args(["validate", "x.csv", "--la", "E06000031"])
    folder = reference_inputs(args).benchmarks
    assert folder == SHIPPED
    mapping = gss_to_dfe(folder)
    assert (mapping["E06000031"], mapping["E10000023"], mapping["E06000065"]) == ("874", "815", "815")
    assert len(set(mapping.values())) == 158     # 153 LAs and the five former ones


def test_users_copy_sits_beside_the_store_without_careboard_home(tmp_path, monkeypatch):
    from careboard.published.location import user_folder

    monkeypatch.delenv("CAREBOARD_HOME", raising=False)
    monkeypatch.setenv("CAREBOARD_DB", str(tmp_path / "default" / "careboard.duckdb"))
    assert user_folder() == tmp_path / "default" / "benchmarks"
    assert user_folder(tmp_path / "other" / "s.duckdb") == tmp_path / "other" / "benchmarks"
    monkeypatch.setenv("CAREBOARD_HOME", str(tmp_path / "home"))
    assert user_folder(tmp_path / "other" / "s.duckdb") == tmp_path / "home" / "benchmarks"
