"""A fast path for big, plain CSV files: pyarrow's multi-threaded reader instead of Python's csv module.

Only files where it cannot change the result take this path: UTF-8, no quote characters (so no
field spans lines), no blank lines between rows nor the header again (so data row n is physical line n + 1;
a row of nothing but commas is a row, as in csv_reader) and no runaway cell. Anything else, and any file
the reader rejects (a row with the wrong number of values, say), goes through the pure-Python reader,
which reports such problems line by line. Small files never come here: importing pyarrow costs more than
reading them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .detect import identify, normalise_header
from .footer import is_footer
from .guidance import may_hold_guidance
from .plain_csv import as_written_again
from ..errors import InputError
from .raw import RawTable

# Below this a plain file is split in SQL (plain_csv), which needs no pyarrow. A 2,700-child return's
# biggest file is about 300 KB; at ten times that (28,000 children, files of 1-3 MB) validating from the
# SQL split took the same time as from pyarrow and 100 MB less memory at its peak (310 MB against 410 MB).
# A national year's biggest files (5-11 MB) stay here: loading ten years of them through the SQL split
# took 10-20% longer and 15-20% more memory.
FAST_MIN_BYTES = 4 * 1024 * 1024
_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")


@dataclass
class ArrowTable(RawTable):
    """A RawTable whose cells live in a pyarrow table (columns, then line_no and row_no)."""

    arrow: object = None

    def __len__(self) -> int:
        return self.arrow.num_rows


def try_fast(data: bytes, file: str) -> ArrowTable | None:
    if len(data) < FAST_MIN_BYTES or b'"' in data:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    end = data.find(b"\n")
    if end <= 0 or _BLANK_LINE.search(data.rstrip()):
        return None
    header = data[:end].rstrip(b"\r")
    if any(data.find(b"\n" + head + newline, end) >= 0
           for head in as_written_again(header) for newline in (b"\n", b"\r\n")) or b"\xef\xbb\xbf" in data:
        return None     # the header again (after a byte-order mark: files joined), which the csv-module reader
                        # skips and reports
    if is_footer(data.rstrip().rsplit(b"\n", 1)[-1].decode("utf-8", "replace").split(",")):
        return None     # a footer, which the csv-module reader skips and reports
    if may_hold_guidance(data[end + 1:data.find(b"\n", end + 1)].decode("utf-8", "replace")):
        return None     # perhaps a template's guidance under the column names: likewise
    try:
        written = data[:end].decode("utf-8").rstrip("\r").split(",")
        header = normalise_header(written)
    except UnicodeDecodeError:
        return None
    if not any(header):
        return None
    try:
        found = identify(header, file, written)
    except InputError:
        return None     # the csv-module reader says why, looking below the first line too
    t, table, findings = found.table, found.table.name, found.findings

    import pyarrow as pa
    import pyarrow.csv as pc

    names = [f"c{i}" for i in range(len(header))]
    try:
        read = pc.read_csv(
            pa.py_buffer(data),
            read_options=pc.ReadOptions(skip_rows=1, column_names=names),
            parse_options=pc.ParseOptions(delimiter=",", quote_char=False, newlines_in_values=False),
            convert_options=pc.ConvertOptions(column_types={n: pa.string() for n in names},
                                              strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if _longest_cell(read) > found.format.cell_chars():
        return None     # the csv-module reader cuts a runaway cell and says where it was
    n = read.num_rows
    columns = t.all_columns if hasattr(t, "all_columns") else t.columns
    arrays = [read.column(f"c{header.index(c)}") if c in header else pa.nulls(n, pa.string()) for c in columns]
    row_no = pa.array(range(1, n + 1), pa.int32())
    line_no = pa.array(range(2, n + 2), pa.int32())
    arrow = pa.Table.from_arrays(arrays + [line_no, row_no], names=list(columns) + ["line_no", "row_no"])
    return ArrowTable(table, file, "utf-8", "csv", tuple(columns), [], [], [], findings, arrow=arrow)


def _longest_cell(read) -> int:
    import pyarrow.compute as pc

    return max((pc.max(pc.binary_length(col)).as_py() or 0 for col in read.columns), default=0)
