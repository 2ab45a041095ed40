"""Make a bigger return from a generated one by repeating its children under new ids.

    python benchmarks/scale_return.py SRC_YEAR_FOLDER DST_YEAR_FOLDER TIMES

Used by the validation benchmark to reach 100 times a 2,700-child return from the national data
without simulating 100 large councils. Every table gets the same copies, so children stay whole.
"""

from __future__ import annotations

import sys
from pathlib import Path


def scale(src: Path, dst: Path, times: int) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.glob("*.csv")):
        lines = f.read_text(encoding="utf-8").splitlines()
        with (dst / f.name).open("w", encoding="utf-8", newline="") as out:
            out.write(lines[0] + "\r\n")
            for k in range(times):
                prefix = "" if k == 0 else f"R{k}"
                out.writelines(prefix + line + "\r\n" for line in lines[1:] if line)


if __name__ == "__main__":
    scale(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
