"""Which copy of the published figures careboard reads.

In order: the folder named with --benchmarks; the user's own copy made by `careboard benchmarks update`
($CAREBOARD_HOME/benchmarks, or a benchmarks folder next to the store); the copy shipped inside the
package (careboard/published/data), so a fresh install has benchmarks and populations for every LA.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

SHIPPED = Path(__file__).with_name("data")
RELEASE_FILE = "release.json"       # written by pack.py: what each packed file was made from
GIVEN, USER, SHIPPED_COPY = "given", "user", "shipped"


@dataclass(frozen=True)
class DataFolder:
    path: Path
    kind: str            # GIVEN, USER or SHIPPED_COPY

    def describe(self) -> str:
        return {GIVEN: f"the published files in {self.path} (--benchmarks)",
                USER: f"your own copy in {self.path}, made by careboard benchmarks update",
                SHIPPED_COPY: "the copy shipped with careboard"}[self.kind]


def user_folder(db: Path | None = None) -> Path:
    """Where `careboard benchmarks update` writes: $CAREBOARD_HOME/benchmarks, else beside the store."""
    if home := os.environ.get("CAREBOARD_HOME"):
        return Path(home) / "benchmarks"
    from careboard.store.db import default_path

    return Path(db or default_path()).parent / "benchmarks"


def data_folder(given: Path | None = None, db: Path | None = None) -> DataFolder:
    if given is not None:
        return DataFolder(Path(given), GIVEN)
    user = user_folder(db)
    if (user / RELEASE_FILE).is_file():
        return DataFolder(user, USER)
    return DataFolder(SHIPPED, SHIPPED_COPY)


def newer_release_due(folder: Path, today: date) -> tuple[str, str] | None:
    """When the release record says a newer release was due by `today`: the day the figures were last updated
    and the earliest day one was due (ISO dates); else None."""
    path = Path(folder) / RELEASE_FILE
    if not path.is_file():
        return None
    files = json.loads(path.read_text(encoding="utf-8"))["files"].values()
    due = sorted(entry["next_update"] for entry in files if "next_update" in entry)
    if not due or date.fromisoformat(due[0]) > today:
        return None
    return max(entry.get("updated", "") for entry in files), due[0]


def newer_release_note(folder: Path, today: date) -> str:
    """A sentence for the report when the release record says a newer release was due by `today`."""
    if (late := newer_release_due(folder, today)) is None:
        return ""
    updated, due = late
    return (f"The published figures used here were last updated on {long_day(updated)}, and a newer release was "
            f"due on {long_day(due)}, so the comparisons may not use the latest published year.")


# For the command line, not the paper: councillors are told the figures are old, the analyst how to renew them.
UPDATE_ADVICE = ("download the newer published files (the DfE's and the ONS's, under the names "
                 "careboard benchmarks lists) and run careboard benchmarks update with their folder")


def long_day(iso: str) -> str:
    """'2025-11-01' -> '1 November 2025', as release.json's dates are printed."""
    d = date.fromisoformat(iso)
    return f"{d.day} {d:%B %Y}"
