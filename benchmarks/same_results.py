"""Do two checkouts of careboard give the same results? For a change that must keep every behaviour
(a reshaping of the code): validation output byte for byte, and every indicator value.

    python benchmarks/same_results.py BEFORE_CHECKOUT AFTER_CHECKOUT [--quick]

Each checkout runs as its own `python -m careboard` from its own folder, so its own code is the one
imported. Both run on the same data, generated once under out/same/data/ by this checkout's synth:

- validation (CSV, HTML and the command's own printout) of the national 2025/26 return and of two
  councils' returns spoilt with many errors (different seeds and amounts);
- every indicator (CSV) of each of the demo store's snapshots, both readings of history, and of the
  national-size store at its latest date; each checkout loads its own stores.

--quick leaves out the national return (its load alone takes about half a minute per checkout).
Prints one line per comparison and exits 1 if any differs.
"""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "same"
DATA = OUT / "data"


def _data(quick: bool) -> dict[str, Path]:
    """The returns compared, generated on first use: {name: folder holding 2025-26 and 2024-25}."""
    from careboard.synth import export, simulate
    from careboard.synth.bulk import export_many
    from careboard.synth.noise import spoil_return

    folders = {}
    for name, seed, children, per_row in (("council-a", 11, 900, 1.5), ("council-b", 12, 400, 0.4)):
        folder = DATA / name
        if not (folder / "2025-26").exists():
            export(simulate(seed=seed, children_in_care=children, years=3, end=date(2026, 3, 31)),
                   date(2026, 3, 31), folder)
            spoil_return(folder / "2025-26", seed=seed, per_row=per_row)
        folders[name] = folder
    if not quick:
        national = ROOT / "out" / "bench" / "national" / "returns"   # shared with benchmarks/run.py
        if not (national / "2025-26").exists():
            national.mkdir(parents=True, exist_ok=True)
            export_many(national, seed=1, councils=150)
        folders["national"] = national
    return folders


def _careboard(checkout: Path, args: list[str], out: Path) -> str:
    """Run careboard from `checkout`; return what it printed (stdout then stderr), failing on a crash."""
    done = subprocess.run([sys.executable, "-m", "careboard", *args], cwd=checkout, capture_output=True,
                          text=True)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        sys.exit(f"{checkout}: careboard {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    # Paths differ between the two runs; the printout is compared without them.
    return (done.stdout + done.stderr).replace(str(out), "OUT")


def _run_all(checkout: Path, name: str, data: dict[str, Path]) -> Path:
    out = OUT / name
    if out.exists():
        import shutil

        shutil.rmtree(out)
    out.mkdir(parents=True)
    for case, folder in data.items():
        args = ["validate", str(folder / "2025-26"), "--year", "2025/26", "--last-year", str(folder / "2024-25")]
        printed = _careboard(checkout, args + ["--output", str(out / f"validate-{case}.csv")], out)
        (out / f"validate-{case}.txt").write_text(printed, encoding="utf-8")
        _careboard(checkout, args + ["--output", str(out / f"validate-{case}.html")], out)
    demo = out / "demo"
    _careboard(checkout, ["demo", "--out", str(demo), "--as-at", "2026-10-31"], out)
    db = str(demo / "careboard.duckdb")
    snapshots = _careboard(checkout, ["snapshots", "--db", db], out)
    # Each snapshot's load time is the one thing that must differ.
    (out / "snapshots.txt").write_text(re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d", "(loaded)", snapshots), encoding="utf-8")
    for snapshot in _snapshot_ids(snapshots):
        for history in ("latest", "per-year"):
            _careboard(checkout, ["indicators", "--db", db, "--snapshot", snapshot, "--history", history,
                                  "--output", str(out / f"indicators-demo-{snapshot}-{history}.csv")], out)
    if "national" in data:
        national_db = out / "national.duckdb"
        _careboard(checkout, ["load", str(data["national"]), "--as-at", "2026-03-31", "--db", str(national_db),
                              "--no-validate"], out)
        _careboard(checkout, ["indicators", "--db", str(national_db), "--output",
                              str(out / "indicators-national.csv")], out)
        national_db.unlink()
    return out


def _snapshot_ids(printed: str) -> list[str]:
    """The ids in `careboard snapshots`' table (the first word of each row after the header)."""
    return [line.split()[0] for line in printed.splitlines()[1:] if line.strip()[:1].isdigit()]


def _same_indicators(before: Path, after: Path) -> tuple[bool, list[str]]:
    """Whether every indicator in `before`'s table has the same row in `after`'s, and the ids only after has."""
    import csv

    def rows(path: Path) -> dict[str, list[str]]:
        with path.open(newline="", encoding="utf-8") as f:
            return {row[0]: row for row in csv.reader(f)}

    left, right = rows(before), rows(after)
    return all(right.get(key) == row for key, row in left.items()), sorted(set(right) - set(left))


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    before, after = (Path(a).resolve() for a in argv if a != "--quick")
    sys.path.insert(0, str(ROOT))
    data = _data(quick)
    left, right = _run_all(before, "before", data), _run_all(after, "after", data)
    differ = 0
    for f in sorted(p for p in left.iterdir() if p.is_file()):
        other = right / f.name
        same = other.exists() and filecmp.cmp(f, other, shallow=False)
        added = ""
        if not same and other.exists() and f.name.startswith("indicators-"):
            # Indicators added since are not a difference: each one both have must give the same row.
            same, new = _same_indicators(f, other)
            added = f" (and {len(new)} new indicators only after)" if new else ""
        differ += not same
        print(f"  {'same     ' if same else 'DIFFERENT'} {f.name}{added}")
    missing = sorted({p.name for p in right.iterdir() if p.is_file()} - {p.name for p in left.iterdir()})
    for name in missing:
        print(f"  DIFFERENT {name} (only after)")
    differ += len(missing)
    print(f"{differ} of {len(list(left.iterdir())) - 1 + len(missing)} outputs differ" if differ
          else "every output is the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
