"""Returns whose dates are written in another form than dd/mm/yyyy, as a case system's database export or a
spreadsheet saves them: careboard reads the common forms (year first, with a time, Excel's day numbers, the
month in words), so the figures and the rules are those of the same return written dd/mm/yyyy, and `validate`
says once for each file how its dates are written and that the DfE takes dd/mm/yyyy only (tables/date_forms.py).
A date of no form careboard reads is left to the rules, and the year to the names."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from careboard.backends import engine
from careboard.errors import InputError
from careboard.ingest.files import discover
from careboard.store.return_year import years_of_returns
from careboard.tables.date_forms import date_form_message
from careboard.validate.session import validate_paths
from tests.year_returns import busy_year

_DATE = re.compile(r"\b(\d\d)/(\d\d)/(\d{4})\b")


def _rewritten(folder: Path, form) -> Path:
    """`folder`'s files with every dd/mm/yyyy date written as `form(date)` gives it."""
    for f in folder.glob("*.csv"):
        f.write_text(_DATE.sub(lambda m: form(date(int(m[3]), int(m[2]), int(m[1]))), f.read_text()))
    return folder


def _excel_days(d: date) -> str:
    return str((d - date(1899, 12, 30)).days)


# (how a date is written, what the note adds)
FORMS = [
    (lambda d: f"{d:%Y-%m-%d} 00:00:00.000",
     ": it is written year first (as databases export dates); save the dates as dd/mm/yyyy"),
    (lambda d: f"{d:%d/%m/%Y} 00:00",
     ": it has a time after the date (as databases and Excel export dates); save the dates as dd/mm/yyyy, without "
     "the time"),
    (_excel_days, ": it is a date as Excel counts days (40179 is 01/01/2010), saved from a cell not formatted as a "
                  "date; format the column as dates, dd/mm/yyyy, and save again"),
    (lambda d: f"{d:%d-%b-%Y}", ": the month is written in words; save the dates as dd/mm/yyyy"),
]


def _two_digit_years(d: date) -> str:
    return f"{d:%d/%m/%y}"


def _export(tmp_path: Path, form) -> Path:
    """A 2024/25 return of eight children whose every date is written as `form` gives it."""
    return _rewritten(busy_year(tmp_path / "2024-25", 2025), form)


@pytest.mark.parametrize("form, how", FORMS)
def test_validate_reads_them_and_says_once_for_each_file_how_they_are_written(tmp_path, form, how):
    folder = _export(tmp_path, form)
    outcome = validate_paths([folder])
    notes = [n for n in outcome.notes if "written dd/mm/yyyy (" in n]
    # The header's dates of birth and the episodes' start and end dates: every one of them in that form.
    episodes_how = how.replace("40179 is 01/01/2010", "45423 is 11/05/2024")
    read = (". careboard read them as dates for the other rules; the DfE takes dates written dd/mm/yyyy only, and its "
            "rules on how dates are written report each of them")
    assert notes == [f'{folder / "episodes.csv"}: none of its 12 dates are written dd/mm/yyyy (DECOM, DEC): the first, '
                     f'DECOM "{form(date(2024, 5, 11))}" on line 2, is not a date written dd/mm/yyyy{episodes_how}{read}',
                     f'{folder / "header.csv"}: none of its 8 dates are written dd/mm/yyyy (DOB): the first, DOB '
                     f'"{form(date(2010, 1, 1))}" on line 2, is not a date written dd/mm/yyyy{how}{read}']
    # the rules judge the dates as they judge the same return written dd/mm/yyyy, and those on how a date is
    # written report each date
    same = validate_paths([busy_year(tmp_path / "as the DfE asks" / "2024-25", 2025)])
    found = {(f.rule, f.table, f.row) for f in outcome.failures}
    assert found >= {(f.rule, f.table, f.row) for f in same.failures}
    assert all(f.message.endswith("not a real date written dd/mm/yyyy. Correct it.") for f in outcome.failures
               if (f.rule, f.table, f.row) not in {(g.rule, g.table, g.row) for g in same.failures})


def test_validate_says_of_a_file_of_dates_it_cannot_read_how_to_write_them(tmp_path):
    folder = _export(tmp_path, _two_digit_years)
    notes = [n for n in validate_paths([folder]).notes if "could be read (" in n]
    assert notes == [f'{folder / "episodes.csv"}: none of its 12 dates could be read (DECOM, DEC): the first, DECOM '
                     '"11/05/24" on line 2, is not a date written dd/mm/yyyy: the year needs all four digits',
                     f'{folder / "header.csv"}: none of its 8 dates could be read (DOB): the first, DOB "01/01/10" on '
                     'line 2, is not a date written dd/mm/yyyy: the year needs all four digits']


@pytest.mark.parametrize("form, read", [(form, True) for form, _ in FORMS] + [(_two_digit_years, False)])
def test_the_year_is_worked_out_from_such_dates_where_they_say_when_they_are(tmp_path, form, read):
    folder = _export(tmp_path, form)
    (found,) = discover([folder])
    years_of_returns(engine().connect(":memory:"), [found])
    assert found.year == 2025 and found.other_date_forms
    said = (", which its episodes bear out" if read else
            " (no date in its episodes could be read to check it against)")
    assert found.notes == [f"{folder}: collection year 2024/25, from '2024-25' in the folder name{said}"]


def test_a_return_of_unreadable_dates_and_no_year_in_its_names_asks_for_one(tmp_path):
    folder = _rewritten(busy_year(tmp_path / "extract", 2025), _two_digit_years)
    with pytest.raises(InputError, match=r"cannot tell which collection year this return covers \(no date in its "
                                         r"episodes could be read, and there is no year in its folder or file names\)"):
        validate_paths([folder])


def test_a_few_dates_in_another_form_are_read_and_one_unread_left_to_the_rules(tmp_path):
    folder = busy_year(tmp_path / "2024-25", 2025)
    header = folder / "header.csv"
    header.write_text(header.read_text().replace("01/01/2010", "2010-01-01", 1).replace("01/01/2010", "01/01/10", 1))
    (found,) = discover([folder])
    years_of_returns(engine().connect(":memory:"), [found])
    assert not found.other_date_forms
    outcome = validate_paths([folder])
    assert not [n for n in outcome.notes if "written dd/mm/yyyy (" in n or "could be read (" in n
                or "could not be read (" in n]
    # both break the DfE's rule on how a date of birth is written; 2010-01-01 is read, so no rule judges it unknown
    failing = {(f.rule, f.table, f.values) for f in outcome.failures}
    assert {("102", "header", "DOB=01/01/10"), ("102", "header", "DOB=2010-01-01")} <= failing


def test_a_file_written_month_first_is_told_that_alone(tmp_path):
    # Month first with every day over 12, so that no date can be read day first.
    folder = _export(tmp_path, lambda d: f"{d.month}/{d.day + 12 if d.day <= 12 else d.day}/{d.year}")
    notes = [n for n in validate_paths([folder]).notes if "header.csv" in n or "episodes.csv" in n]
    assert len(notes) == 2 and all("can be read only month first" in n for n in notes)


@pytest.mark.parametrize("read, n, written, says", [
    (False, 1, 1, 'its one date, DOB "40252" on line 2, is not a date written dd/mm/yyyy'),
    (False, 3, 3, 'none of its 3 dates could be read (DOB): the first, DOB "40252" on line 2, is not a date written '
                  'dd/mm/yyyy'),
    (False, 3, 5, '3 of its 5 dates could not be read (DOB): the first, DOB "40252" on line 2, is not a date written '
                  'dd/mm/yyyy'),
    (True, 3, 4, '1 of its 4 dates is written dd/mm/yyyy (DOB): the first, DOB "40252" on line 2, is not a date '
                 'written dd/mm/yyyy'),
])
def test_the_note_counts_the_dates_in_words(read, n, written, says):
    first = {"field": "DOB", "text": "40252", "line": 2}
    read_too = (". careboard read them as dates for the other rules; the DfE takes dates written dd/mm/yyyy only, and "
                "its rules on how dates are written report each of them") if read else ""
    assert date_form_message(read, n, written, ["DOB"], first, ": how") == says + ": how" + read_too
    assert date_form_message(read, n, written, ["DOB"], first, "") == says + "; save the dates as dd/mm/yyyy" + read_too


def test_a_report_on_episodes_whose_start_cannot_be_read_says_so_on_its_front_page(tmp_path, capsys):
    from careboard.cli import main

    folder = _export(tmp_path, _two_digit_years)
    db = str(tmp_path / "s.duckdb")
    assert main(["load", str(folder), "--db", db, "--no-validate", "--as-at", "2025-03-31"]) == 0
    assert main(["report", "--db", db, "--out", str(tmp_path / "out"), "--no-pdf"]) == 0
    said = "8 of the 8 episodes of care loaded have no start date that could be read"
    page = html.unescape((tmp_path / "out" / "committee-report-2025-03.html").read_text())
    assert said in page and "the data team can see each one in the load's findings" in page
    assert ("note: 8 of the 8 episodes of care in snapshot 1 have no start date that could be read, and every figure "
            "leaves them out: careboard findings --snapshot 1 lists why") in capsys.readouterr().err


@pytest.mark.parametrize("uncounted, total, said", [(0, 10, False), (1, 21, False), (1, 20, True), (8, 8, True)])
def test_the_front_page_speaks_from_one_episode_in_twenty(uncounted, total, said):
    from careboard.report.committee import many_uncounted

    assert many_uncounted(uncounted, total) is said


def test_an_end_date_that_cannot_be_read_is_said_wherever_children_are_counted(tmp_path, capsys):
    """A1 left care on 21/01/2025, written with a two-digit year: the episode is taken as not ended, so A1 is
    counted in care at 31 March (5 children, not 4), and every command counting children says why."""
    from careboard.cli import main

    folder = busy_year(tmp_path / "2024-25", 2025)
    episodes = next(folder.glob("*pisodes*"))
    episodes.write_text(episodes.read_text().replace("21/01/2025", "21/01/25"))
    db = str(tmp_path / "s.duckdb")
    assert main(["load", str(folder), "--db", db, "--no-validate"]) == 0
    said = ("note: 1 of the 8 episodes of care in snapshot 1 has an end date that could not be read, and every figure "
            "takes it as not ended (the child still in care): careboard findings --snapshot 1 lists why")
    capsys.readouterr()
    assert main(["indicators", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert re.search(r"cla_count +5 count", out) and said in err
    assert main(["children", "cla_count", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "A1,yes," in out and said in err
    assert main(["report", "--db", db, "--out", str(tmp_path / "out"), "--no-pdf"]) == 0
    assert said in capsys.readouterr().err
    page = html.unescape((tmp_path / "out" / "committee-report-2025-03.html").read_text())
    assert ("1 of the 8 episodes of care loaded has an end date that could not be read, so the figures count that "
            "child as still in care: the data team can see each one") in page


def test_an_end_date_written_null_is_no_end_and_no_note(tmp_path, capsys):
    """Seen: episodes whose end a database export wrote NULL were said to have an end date that could not be read,
    though they are open, as the figures take them (the file's null_cells warning says the rest)."""
    from careboard.cli import main

    folder = busy_year(tmp_path / "2024-25", 2025)
    episodes = next(folder.glob("*pisodes*"))
    lines = episodes.read_text().splitlines()
    header = lines[0].split(",")
    dec = header.index("DEC")
    open_rows = [i for i, line in enumerate(lines[1:], start=1) if line.split(",")[dec] == ""]
    assert open_rows
    for i in open_rows:
        cells = lines[i].split(",")
        cells[dec] = "NULL"
        lines[i] = ",".join(cells)
    episodes.write_text("\n".join(lines) + "\n")
    db = str(tmp_path / "s.duckdb")
    assert main(["load", str(folder), "--db", db, "--no-validate"]) == 0
    capsys.readouterr()
    assert main(["indicators", "--db", db]) == 0
    assert "could not be read" not in capsys.readouterr().err
