"""Time two checkouts of careboard on the same commands, in turn, so a noisy host slows both alike.

    python benchmarks/side_by_side.py BEFORE_CHECKOUT AFTER_CHECKOUT [--runs N] [--national] [--errors] [--only WORDS]

For a change that must not make any command slower (a reshaping of the code): each command runs N times
(default 5) from each checkout, alternating before/after, each as its own `python -m careboard` process
from that checkout's folder. Prints the median seconds of each side and after/before, then the median CPU
time (user and system, every thread: on a shared host it moves less than the elapsed time) and its
ratio; a wall-time ratio above 1.10 is flagged. `--only WORDS` times only the commands whose label holds
WORDS, in any case (say `--only validate` or `--only xlsx`). The data is what benchmarks/same_results.py
generates (out/same/data), plus the national returns of benchmarks/run.py with --national, and with --errors
its error-heavy returns (2,876 children and ten times that, validated to CSV as issue 9's targets are).
The two sides take turns in both orders (before first, then after first), so neither is always the one
that runs on a cache the other warmed. On the shared benchmark host a difference of 5% needs 30 runs or
more: the same command's time drifts by more than that within the hour.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "side"
DATA = ROOT / "out" / "same" / "data"
NATIONAL = ROOT / "out" / "bench" / "national" / "returns"
ERRORS = ROOT / "out" / "bench" / "errors"


def _commands(side: Path, national: bool, errors: bool = False) -> list[tuple[str, list[str], Path | None]]:
    """(label, careboard arguments, a store to remove before each run) for one side's output folder."""
    council, clean = DATA / "council-a", DATA / "council-b"
    demo_db = side / "demo" / "careboard.duckdb"
    validate = ["validate", str(council / "2025-26"), "--year", "2025/26", "--last-year", str(council / "2024-25")]
    cases = [
        ("validate an error-heavy return -> CSV", validate + ["--output", str(side / "v.csv")], None),
        ("validate an error-heavy return -> HTML", validate + ["--output", str(side / "v.html")], None),
        ("validate an error-heavy return -> XLSX", validate + ["--output", str(side / "v.xlsx")], None),
        ("validate a cleaner return -> CSV", ["validate", str(clean / "2025-26"), "--year", "2025/26",
                                              "--output", str(side / "c.csv")], None),
        ("load three years, validating", ["load", str(council), "--as-at", "2026-03-31",
                                          "--db", str(side / "l.duckdb")], side / "l.duckdb"),
        ("demo (data, 12 loads, indicators, reports)", ["demo", "--out", str(side / "demo"),
                                                        "--as-at", "2026-10-31"], None),
        ("indicators on the demo store", ["indicators", "--db", str(demo_db)], None),
        ("due on the demo store", ["due", "--db", str(demo_db)], None),
        ("report on the demo store", ["report", "--db", str(demo_db), "--out", str(side / "report")], None),
    ]
    if national:
        db = side / "national.duckdb"
        cases += [("load the national returns (no DfE rules)", ["load", str(NATIONAL), "--as-at", "2026-03-31",
                                                                "--db", str(db), "--no-validate"], db),
                  ("indicators on the national store", ["indicators", "--db", str(db)], None)]
    if errors:
        for times in (1, 10):
            data = ERRORS / f"x{times}"
            cases.append((f"validate the error-heavy return x{times} -> CSV",
                          ["validate", str(data / "2025-26"), "--year", "2025/26", "--last-year", str(data / "2024-25"),
                           "--output", str(side / f"errors-x{times}.csv")], None))
    return cases


def _time(checkout: Path, args: list[str], fresh: Path | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run; os.wait4 gives this child's own CPU time."""
    if fresh is not None:
        for f in (fresh, fresh.with_suffix(".duckdb.wal")):
            f.unlink(missing_ok=True)
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "careboard", *args], cwd=checkout, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True) as proc:
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here, so Popen does not wait again
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1) or "Traceback" in stderr:
        sys.exit(f"{checkout}: careboard {' '.join(args)} failed:\n{stderr[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    national, errors = "--national" in argv, "--errors" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    values = {argv[argv.index(o) + 1] for o in ("--runs", "--only") if o in argv}
    before, after = (Path(a).resolve() for a in argv if not a.startswith("--") and a not in values)
    if not (DATA / "council-a").exists():
        sys.exit("run benchmarks/same_results.py first: it generates the returns timed here")
    if errors and not (ERRORS / "x10" / "2025-26").exists():
        sys.exit("run benchmarks/run.py errors first: it generates the error-heavy returns timed with --errors")
    shutil.rmtree(OUT, ignore_errors=True)
    sides = {before: OUT / "before", after: OUT / "after"}
    # Both timed as installed (byte-compiled, as run.py explains): a checkout never run before, or edited,
    # would otherwise compile its modules at every start wherever PYTHONDONTWRITEBYTECODE is set. Not timed.
    import compileall

    for checkout in sides:
        compileall.compile_dir(checkout / "careboard", quiet=1)
    for folder in sides.values():
        folder.mkdir(parents=True)
    slower = 0
    print(f"{'command':46} {'before':>8} {'after':>8}  after/before  {'CPU before':>10} {'after':>8} {'ratio':>6}"
          f"   (median of {runs} runs each, in turn)")
    for i, (label, _, _) in enumerate(_commands(OUT, national, errors)):
        if only.lower() not in label.lower():
            continue
        seconds = {c: [] for c in sides}
        cpu = {c: [] for c in sides}
        for n in range(runs):
            for checkout, folder in list(sides.items())[::-1 if n % 2 else 1]:
                _, args, fresh = _commands(folder, national, errors)[i]
                wall, used = _time(checkout, args, fresh)
                seconds[checkout].append(wall)
                cpu[checkout].append(used)
        b, a = statistics.median(seconds[before]), statistics.median(seconds[after])
        cb, ca = statistics.median(cpu[before]), statistics.median(cpu[after])
        flag = "  SLOWER" if a > 1.10 * b else ""
        slower += bool(flag)
        print(f"{label:46} {b:7.2f}s {a:7.2f}s  {a / b:12.2f}  {cb:9.2f}s {ca:7.2f}s {ca / cb:6.2f}{flag}", flush=True)
    print("no command more than 10% slower" if not slower else f"{slower} commands more than 10% slower")
    return 1 if slower else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
