"""Files careboard writes for people are written whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def written(path: Path) -> Iterator[Path]:
    """A file beside `path` to write to, moved to `path` when the block ends without an error.

    On an error (a full disk, Ctrl-C, a fault) it is removed instead: any earlier file at `path` stays as it
    was and nothing half-written is left. An error about the file names `path`, the file asked for, not the
    file beside it: "cannot be written (No space left on device)".
    """
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    try:
        yield part
        part.replace(path)
    except BaseException as e:
        part.unlink(missing_ok=True)
        if isinstance(e, OSError) and e.filename in (None, str(part)) and e.strerror:
            raise OSError(e.errno, f"cannot be written ({e.strerror})", str(path)) from None
        raise
