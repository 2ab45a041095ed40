"""The report without a council file borrows nobody's settings; benchmarks say their year.

The return is hand-written (a 2017/18 year of six children), loaded from a working folder with no
../shared beside it, so the published figures come from the copy shipped with careboard.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from careboard.cli import main
from careboard.report.view import benchmark_year_note, published_gap_note
from careboard.store import open_store
from tests.loading import load
from tests.cohort import ep, with_headers, write_returns
from tests.report_fixture import rate_panel

RETURN_2017_18 = {2018: {"episodes": [
    ep("C1", "12/05/2016"),
    ep("C2", "03/09/2017"),
    ep("C3", "20/10/2017", "15/01/2018", "E13"),
    ep("C4", "01/04/2015"), ep("C4", "06/06/2017", place="U1", rne="P"),
    ep("C5", "14/02/2018"),
    ep("C6", "30/11/2016", "28/02/2018", "E11"),
]}}


def _loaded(tmp_path, monkeypatch, prefix: str) -> str:
    """The store of the return, its files' names starting with `prefix`."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREBOARD_HOME", str(tmp_path / "home"))
    (folder,) = write_returns(tmp_path / "in", with_headers(RETURN_2017_18))
    for path in folder.iterdir():
        path.rename(path.with_name(prefix + path.name))
    con = open_store(tmp_path / "s.duckdb")
    load(con, [folder], as_at=date(2018, 3, 31), validate=False)
    con.close()
    return str(tmp_path / "s.duckdb")


def _report(tmp_path, monkeypatch, prefix: str) -> str:
    db = _loaded(tmp_path, monkeypatch, prefix)
    assert main(["report", "--db", db, "--out", str(tmp_path / "out"), "--no-pdf"]) == 0
    return html.unescape((tmp_path / "out" / "committee-report-2018-03.html").read_text())


def _text(page: str, css: str) -> list[str]:
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(rf'class="{css}"[^>]*>(.*?)</p>', page, re.S)]


def test_no_council_and_no_la_in_the_file_names(tmp_path, monkeypatch):
    page = _report(tmp_path, monkeypatch, "")
    notice, *data_notes = _text(page, "council-note")     # (the data's notes follow the council's)
    assert notice.startswith("No council settings were given, so this report has no targets or RAG ratings, "
                             "and no benchmarks or rates per 10,000 children because careboard does not know")
    assert "careboard init" not in notice and "council settings" in notice     # no command in a committee paper
    assert '<p class="council">Council not named</p>' in page
    assert "Demo Council" not in page and "Peterborough" not in page
    assert 'class="benchmarks' not in page
    ratings = re.findall(r'<td><span class="rag (rag-\w+)">', page)
    assert ratings and set(ratings) == {"rag-none"}


def test_no_council_benchmarks_the_la_the_file_names_give(tmp_path, monkeypatch):
    page = _report(tmp_path, monkeypatch, "935 ")
    notice, *data_notes = _text(page, "council-note")     # (the data's notes follow the council's)
    assert ("Benchmarks and rates per 10,000 children are for Suffolk (935), taken from the number the "
            "return's file names start with (such as “935 episodes.csv”)") in notice
    assert '<p class="council">Suffolk</p>' in page and "Demo Council" not in page
    assert set(re.findall(r'<td><span class="rag (rag-\w+)">', page)) == {"rag-none"}
    # a 2017/18 position meets 2017/18 figures where they are published (LAIT) ...
    rate = page[page.index('id="ind-cla_rate_10k"'):]
    rate = rate[:rate.index("</article>")]
    assert "<td>2017/18</td>" in rate and 'class="benchmark-caution"' not in rate
    # ... and where the earliest are later, the panel says how far apart they are
    two_years = page[page.index('id="ind-placements_3plus_2yr_pct"'):]
    two_years = two_years[:two_years.index("</article>")]
    assert "<td>2020/21</td>" in two_years
    assert _text(two_years, "benchmark-caution") == [
        "These published figures are for 2020/21; this council's figure is at 31 March 2018 (in 2017/18), "
        "more than a year earlier, so compare them with care."]


@pytest.mark.parametrize("prefix, rate, note", [
    ("935 ", r"0\.3 rate +\(4 / 150289\)",          # Suffolk's children aged 0 to 17 in mid-2017
     "note: rates per 10,000 use the published population aged 0 to 17 of Suffolk (935), the council whose number "
     "the return's file names start with (such as “935 episodes.csv”): give --council or --population for another"),
    ("", r"- rate +\(no population: give --council or --population\)", None),
])
def test_indicators_without_a_council_take_rates_as_the_report_does(tmp_path, monkeypatch, capsys, prefix, rate,
                                                                    note):
    db = _loaded(tmp_path, monkeypatch, prefix)
    capsys.readouterr()
    assert main(["indicators", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert re.search(r"cla_rate_10k +" + rate, out)
    # (and, a year's return alone, that the 3-year figures reach back before it)
    reaching = "note: 4 figures over 12 months or 3 years (such as adopt_a1_days_3yr) reach back before April 2017"
    assert [line for line in err.splitlines() if not line.startswith(reaching)] == ([note] if note else [])
    assert main(["indicators", "--db", db, "--population", "40000"]) == 0
    out, err = capsys.readouterr()
    assert re.search(r"cla_rate_10k +1\.0 rate +\(4 / 40000\)", out) and err.startswith(reaching)


def test_a_few_childrens_files_reported_as_a_councils_are_far_from_its_published_counts(tmp_path, monkeypatch,
                                                                                         capsys):
    page = _report(tmp_path, monkeypatch, "935 ")
    count = page[page.index('id="ind-cla_count"'):]
    count = count[:count.index("</article>")]
    (caution,) = _text(count, "benchmark-caution")
    assert re.fullmatch(r"The Department for Education published [\d,]+ for Suffolk for 2017/18, against 4 here: so "
                        r"wide a gap usually means the return loaded is incomplete or is another council's\.", caution)
    said = capsys.readouterr().err
    assert re.search(r"note: at 31 March 2018 the report's counts are far from those the Department for Education "
                     r"published for Suffolk for 2017/18 \(number of children in care: 4 against [\d,]+; .*\): check "
                     r"that the return loaded is complete and is Suffolk's", said), said


@pytest.mark.parametrize("as_at, year_ending, note", [
    (date(2018, 1, 31), 2025, "These published figures are for 2024/25; this council's figure is at 31 January 2018 "
                              "(in 2017/18), more than a year earlier, so compare them with care."),
    (date(2026, 11, 30), 2025, "These published figures are for 2024/25; this council's figure is at "
                               "30 November 2026 (in 2026/27), more than a year later, so compare them with care."),
    (date(2026, 1, 31), 2025, ""),        # the year before: the usual case
    (date(2025, 3, 31), 2025, ""),        # the same year
    (date(2024, 4, 1), 2025, ""),
    (date(2024, 3, 31), 2025, ""),        # 2023/24 is one year before 2024/25
    (date(2023, 3, 31), 2025, "These published figures are for 2024/25; this council's figure is at 31 March 2023 "
                              "(in 2022/23), more than a year earlier, so compare them with care."),
])
def test_benchmark_year_sentence(as_at, year_ending, note):
    from dataclasses import replace

    from careboard.results import BenchmarkRow

    base = rate_panel()
    rows = [BenchmarkRow(label, f"{year_ending - 1}/{year_ending % 100:02d}", 50.0, "", year_ending)
            for label in ("Local Authority", "England")]
    assert benchmark_year_note(replace(base, current=replace(base.current, as_at=as_at, period_end=as_at),
                                       benchmarks=rows)) == note


@pytest.mark.parametrize("year_ending, note", [
    (2025, ""),     # seen: 2025/26's figure in November 2026 was said to be 'in 2026/27', two years from 2024/25
    (2024, "These published figures are for 2023/24; this council's figure is for 2025/26, more than a year later, "
           "so compare them with care."),
])
def test_an_annual_figure_is_compared_with_the_benchmarks_by_its_own_year(year_ending, note):
    from dataclasses import replace

    from careboard.results import BenchmarkRow

    base = rate_panel()
    rows = [BenchmarkRow("England", f"{year_ending - 1}/{year_ending % 100:02d}", 50.0, "", year_ending)]
    annual = replace(base.current, as_at=date(2026, 11, 30), period_start=date(2025, 4, 1), period_end=date(2026, 3, 31))
    assert benchmark_year_note(replace(base, current=annual, benchmarks=rows)) == note


def _count_panel(as_at: date, value: float, published: float | None, year_ending: int = 2025, label="Local Authority"):
    from dataclasses import replace

    from careboard.results import BenchmarkRow

    base = rate_panel()
    rows = [BenchmarkRow(label, f"{year_ending - 1}/{year_ending % 100:02d}", published, "Suffolk", year_ending),
            BenchmarkRow("England", f"{year_ending - 1}/{year_ending % 100:02d}", 80_000, "", year_ending)]
    return replace(base, unit="count", decimals=0, current=replace(base.current, as_at=as_at, value=value),
                   benchmarks=rows)


FAR = ("The Department for Education published {} for Suffolk for 2024/25, against {} here: so wide a gap "
       "usually means the return loaded is incomplete or is another council's.")


@pytest.mark.parametrize("as_at, value, published, note", [
    (date(2025, 3, 31), 6, 758, FAR.format(758, 6)),           # a few children's files, or a sample
    (date(2025, 3, 31), 1_200, 758, FAR.format(758, "1,200")),  # another council's, or two years' children
    (date(2025, 3, 31), 690, 758, ""),                         # within a tenth: later corrections, a late entry
    (date(2025, 3, 31), 43, 52, ""),                           # within ten children
    (date(2025, 3, 31), 37, 52, FAR.format(52, 37)),
    (date(2025, 2, 28), 6, 758, ""),                           # not the date the DfE counts at
    (date(2026, 3, 31), 6, 758, ""),                           # published for another year
    (date(2025, 3, 31), None, 758, ""),
    (date(2025, 3, 31), 6, None, ""),
])
def test_a_count_far_from_the_one_published_for_the_same_year_is_noted(as_at, value, published, note):
    assert published_gap_note(_count_panel(as_at, value, published)) == note


def test_only_the_councils_own_published_count_is_compared():
    from dataclasses import replace

    assert published_gap_note(_count_panel(date(2025, 3, 31), 6, 758, label="Region")) == ""
    rate = _count_panel(date(2025, 3, 31), 6, 758)
    assert published_gap_note(replace(rate, unit="rate")) == ""


@pytest.mark.parametrize("council, message", [
    ('[council]\nname = "Nowhere"\nla_code = "999"\n',
     "council.la_code: 999 is not an English LA in the published figures"),
    ('[council]\nname = "Suffolk"\nla_code = "935"\ngss_code = "E06000031"\n',
     "council.gss_code: E06000031 is not the GSS code of Suffolk (935), which is E10000029"),
    ('[council]\nname = "Suffolk"\nla_code = "935"\n[targets.placement_3plus_pct]\ntarget = 9\n',
     "(did you mean 'placements_3plus_pct'"),
])
def test_a_wrong_council_file_stops_the_report_in_one_line(tmp_path, monkeypatch, capsys, council, message):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CAREBOARD_HOME", str(tmp_path / "home"))
    open_store(tmp_path / "s.duckdb").close()
    (tmp_path / "c.toml").write_text(council)
    assert main(["report", "--db", "s.duckdb", "--council", "c.toml", "--out", "out", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("careboard: c.toml: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_the_command_line_says_how_to_add_council_settings(tmp_path, monkeypatch, capsys):
    _report(tmp_path, monkeypatch, "")
    assert "careboard init --la" in capsys.readouterr().err


def test_a_comparator_from_the_council_file_is_shown_as_englands_figure_with_its_source(tmp_path):
    # Days to approve an adopter are not in the DfE's published files; a council quoting England's figure from
    # elsewhere (its source named) sees it beside its own, like a published benchmark.
    from careboard.judge.council import load_council_config
    from careboard.report.committee import Inputs, build_report
    from careboard.report.html import render_html
    from tests.indicators.test_annex_a import AS_AT, LIST_11
    from tests.shared_context import shared_context

    council = tmp_path / "c.toml"
    council.write_text('[council]\nname = "X"\nla_code = "874"\n[comparators.adopter_approval_days]\n'
                       'england = 266\nyear = "2021/22"\nsource = "Adoption and Special Guardianship Leadership Board"\n')
    report = build_report(shared_context(LIST_11, AS_AT).con, Inputs(load_council_config(council), None, ""))
    panel = next(p for p in report.panels if p.indicator_id == "adopter_approval_days")
    (row,) = panel.benchmarks
    assert (row.label, row.period_label, row.value, row.year_ending) == ("England", "2021/22", 266.0, 2022)
    assert row.note == "from the council's settings: Adoption and Special Guardianship Leadership Board"
    assert all(not p.benchmarks for p in report.panels if p.indicator_id != "adopter_approval_days")
    page = html.unescape(render_html(report, tmp_path / "r.html").read_text())
    shown = page[page.index('id="ind-adopter_approval_days"'):]
    shown = shown[:shown.index("</article>")]
    assert "England" in shown and "266" in shown and "Adoption and Special Guardianship Leadership Board" in shown
    assert "more than a year later" in shown      # a position in 2024/25 against 2021/22


@pytest.mark.parametrize("prefix, la, said", [
    ("935 ", "Bolton", "note: the return's file names start with the number of Suffolk (935), such as “935 episodes.csv”, "
                       "but the council settings are for Bolton (350): check that the data is your council's"),
    ("935 ", "Suffolk", ""),
    ("", "Bolton", ""),                  # no number in the file names: nothing to go on
    ("928 ", "West Northamptonshire", ""),       # an older return, from before the council replaced its county
    ("928 ", "Bolton", "start with the number of Northamptonshire (928)"),
])
def test_the_command_line_says_when_the_files_name_another_council(tmp_path, monkeypatch, capsys, prefix, la, said):
    _report(tmp_path, monkeypatch, prefix)
    assert main(["init", "--la", la, "--output", "c.toml"]) == 0
    capsys.readouterr()
    assert main(["report", "--db", "s.duckdb", "--council", "c.toml", "--out", "out", "--no-pdf"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "file names start" in line]
    assert len(notes) == (1 if said else 0) and all(said in note for note in notes)
