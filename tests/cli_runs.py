"""Running the `careboard` command in-process as a user would, and the one check every run must pass."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from careboard.cli import main

DATA = Path(__file__).parent / "data" / "cli"


@dataclass(frozen=True)
class Run:
    argv: tuple[str, ...]
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Run:
    """main(argv) with stdout and stderr captured; argparse's own exits (--help, usage errors) count as codes."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    return Run(tuple(argv), code, out.getvalue(), err.getvalue())


def assert_clean(run: Run, codes: set[int]) -> None:
    """No traceback and no internal error, and an exit code among those a user may meet for this run."""
    said = f"careboard {' '.join(run.argv)}\n--- stderr ---\n{run.err[-3000:]}"
    assert "Traceback" not in run.err, said
    assert "careboard: internal error" not in run.err, said     # (the help names an internal error under --debug)
    assert run.code in codes, f"exit {run.code}, expected one of {sorted(codes)}: {said}"
