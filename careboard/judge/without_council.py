"""A report run without a council file: no targets, and benchmarks only for an LA the data names.

careboard never borrows another council's settings. The one place a return names its council is the
DfE number its file names usually start with ("874 Children 2025-26.csv"); when every file of the
snapshot starts with the same known number, that LA's published figures are used and the report says so.
With council settings, a number naming another LA is pointed out (the data may be another council's).
"""

from __future__ import annotations

from pathlib import Path

from careboard.formats.councils import leading_number
from careboard.judge.council import CouncilConfig, no_council

# The paper goes to councillors, so it names no command; the command line says how (ADVICE).
IN_THE_PAPER = "The performance team can add the council's targets in its council settings."
ADVICE = ("To add targets, run careboard init --la followed by your council's name or code, fill in the "
          "targets in the file it writes, and run the report again with --council and that file.")


def without_council(con, published, snapshot_id: int | None = None) -> tuple[CouncilConfig, str]:
    """The settings to use and the front-page notice that says what they are and how to do better."""
    la, example = la_from_file_names(con, published, snapshot_id)
    if la is None:
        return no_council(), (
            "No council settings were given, so this report has no targets or RAG ratings, and no "
            "benchmarks or rates per 10,000 children because careboard does not know which council the data "
            f"is from. {IN_THE_PAPER}")
    name = published.la_name(la)
    return no_council(la, name), (
        f"No council settings were given, so this report has no targets or RAG ratings. Benchmarks and "
        f"rates per 10,000 children are for {name} ({la}), taken from the number the return's file names "
        f"start with (such as “{example}”). {IN_THE_PAPER}")


def other_council_note(con, published, council: CouncilConfig, snapshot_id: int | None = None) -> str:
    """A note when the return's file names name an LA other than the council's (or the one it replaced),
    else ''."""
    from careboard.formats.councils import replaced

    la, example = la_from_file_names(con, published, snapshot_id, current_only=False)
    if la is None or not council.la_code or la == council.la_code or replaced(la, by=council.la_code):
        return ""
    return (f"the return's file names start with the number of {published.la_name(la)} ({la}), such as “{example}”, "
            f"but the council settings are for {published.la_name(council.la_code)} ({council.la_code}): check that "
            f"the data is your council's")


def la_from_file_names(con, published, snapshot_id: int | None, current_only: bool = True) -> tuple[str | None, str]:
    """The LA number every numbered file of the snapshot (the latest up to `snapshot_id`) starts with, and one
    such file name; (None, '') when they name none, or several."""
    from careboard.store import list_snapshots, looking_back
    from careboard.validate.la_codes import la_number_in_file_names

    snapshots = looking_back(list_snapshots(con), snapshot_id)
    if published is None or not snapshots:
        return None, ""
    paths = [Path(p) for (p,) in con.execute("SELECT path FROM source_files WHERE snapshot_id = ? ORDER BY path",
                                             [snapshots[-1].snapshot_id]).fetchall()]
    # Files named without a number ("Children.csv") say nothing either way; all that have one must agree.
    numbered = [p for p in paths if leading_number(p.name)]
    la = la_number_in_file_names(numbered, tuple(published.la_codes(current_only))) if numbered else None
    return la, next((p.name for p in numbered if leading_number(p.name) == la), "")
