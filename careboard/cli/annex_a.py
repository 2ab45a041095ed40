"""`careboard annex-a WORKBOOK`: how careboard reads an Ofsted Annex A workbook, without loading it.

It prints a line per sheet and, with --output, writes the whole mapping report (which header became
which column, each answer and what it was read as, what could not be read and where) as CSV or Excel."""

from __future__ import annotations

from pathlib import Path

from .common import output_file


def cmd_annex_a(args) -> int:
    from ..errors import InputError
    from ..formats.registry import get
    from ..ingest.mapping_report import COLUMNS, mapping_report
    from ..ingest.xlsx_reader import one_sheet_per_table, read_xlsx, sheets_in_words
    from ..plural import counted
    from ..safe_cells import write_table

    path: Path = args.workbook
    if path.is_dir():
        books = sorted(p.name for p in path.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))
        raise InputError(str(path), "is a folder: give the workbook itself"
                                    + (f", such as {path / books[0]}" if books else " (it holds none)"))
    if not path.is_file():
        raise InputError(str(path), "no such file")
    if path.suffix.lower() in (".csv", ".txt"):
        raise InputError(str(path), "is a CSV file: careboard annex-a shows how a workbook's sheets are read, and "
                                    "careboard load reads a list saved as CSV as it is, its findings naming each line")
    book = read_xlsx(path)
    lists = get("annex_a").tables()
    if not any(t.table in lists for t in book.tables):
        raise InputError(str(path), f"holds none of Annex A's lists 8-11 ({sheets_in_words(book)})")
    report = mapping_report(book)
    print(f"{path}:")
    for line in report.summary:
        print(f"  {line}")
    try:
        one_sheet_per_table(book)
    except InputError as refused:   # shown here, before a load is refused for it
        print(f"careboard load would refuse the workbook: {refused.message}")
    if args.output:
        write_table(args.output, list(COLUMNS), report.rows, sheet_name="Mapping")
        print(f"wrote {args.output}: {counted(len(report.rows), 'line')} of mapping report")
    else:
        print("The whole mapping report (each header, answer and unreadable cell): add --output mapping.csv (or .xlsx)")
    return 0


def add_commands(sub) -> None:
    s = sub.add_parser("annex-a", help="show how an Ofsted Annex A workbook is read (its mapping report), without loading it")
    s.add_argument("workbook", type=Path, help="the Annex A workbook (.xlsx)")
    s.add_argument("--output", type=output_file(".csv", ".xlsx"),
                   help="mapping.csv or mapping.xlsx: the whole mapping report")
    s.set_defaults(func=cmd_annex_a)
