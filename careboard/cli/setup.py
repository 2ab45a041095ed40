"""Sub-commands that set careboard up for a council: `init` (a council file) and `benchmarks` (which
published figures are in use, and updating them to a newer release)."""

from __future__ import annotations

from pathlib import Path

from .common import store_arg


def _published(args):
    """The published figures in use, or an InputError saying why there are none."""
    from ..errors import InputError
    from ..published.location import data_folder
    from ..published.published import PublishedDataError, load_published

    folder = data_folder(args.benchmarks, args.db)
    try:
        return folder, load_published(folder.path)
    except PublishedDataError as e:
        raise InputError("--benchmarks", str(e)) from None


def cmd_init(args) -> int:
    from ..judge.council_init import write_council_file

    _, published = _published(args)
    path = write_council_file(published, args.la, args.out, args.force)
    print(f"wrote {path}: fill in your targets, then run careboard report --council {path}")
    return 0


def cmd_benchmarks_show(args) -> int:
    from datetime import date

    from ..published.location import UPDATE_ADVICE, long_day, newer_release_due
    from ..published.pack import LICENCE_FILE, read_release

    folder, published = _published(args)
    print(f"Published figures in use: {folder.describe()}")
    print(f"  folder: {folder.path}")
    release = read_release(folder.path)
    if release is None:
        print("  published files as downloaded (no release record); "
              f"{len(published.la_codes())} English LAs")
    for name, entry in (release or {}).items():
        print(f"  {entry.get('title', name)}")
        print(f"      {_span(name, entry)}; from {entry.get('source', name)}")
    if release is not None:
        print(f"Open Government Licence v3.0: see {folder.path / LICENCE_FILE}")
    if late := newer_release_due(folder.path, date.today()):
        print(f"A newer release was due on {long_day(late[1])}: {UPDATE_ADVICE}.")
    else:
        print("To use a newer release: careboard benchmarks update FOLDER (the folder of the DfE and ONS files)")
    return 0


def _span(name: str, entry: dict) -> str:
    from ..dates import year_label
    from ..published.files import ONS_PREFIX
    from ..published.location import long_day

    parts = []
    if "first_year" in entry:
        first, last = entry["first_year"], entry["last_year"]
        if name.startswith(ONS_PREFIX):
            parts.append(f"mid-{first} to mid-{last} estimates")
        else:
            parts.append(f"years {year_label(first)} to {year_label(last)}")
    if "updated" in entry:
        parts.append(f"updated {long_day(entry['updated'])}"
                     + (f", next update due {long_day(entry['next_update'])}" if "next_update" in entry else ""))
    return "; ".join(parts) or "no dates recorded"


def cmd_benchmarks_update(args) -> int:
    from ..published.location import SHIPPED, USER, data_folder, user_folder
    from ..published.pack import pack

    into = Path(args.into) if args.into else user_folder(args.db)
    in_use = data_folder(None, args.db)
    # a maintainer rebuilding the shipped copy takes every file from the folder named
    fallback = None if args.into else in_use.path
    packed = pack(Path(args.folder), into, fallback)
    new = [name for name, entry in packed.files.items() if Path(args.folder, entry["source"]).is_file()]
    print(f"wrote {len(packed.files)} files to {into} ({len(new)} from {args.folder}"
          + (f", the others from {in_use.describe()}" if len(new) < len(packed.files) else "") + ")")
    if not args.into and into != SHIPPED:
        kind = "replaces your earlier copy" if in_use.kind == USER else "is used instead of the copy shipped with careboard"
        print(f"This copy {kind} from now on; careboard benchmarks shows what it holds.")
    return 0


def add_commands(sub) -> None:
    s = sub.add_parser("init", help="write a council settings file for an English LA, ready for its targets")
    s.add_argument("--la", required=True, metavar="NAME-OR-CODE",
                   help="the council's name, DfE number (874) or GSS code (E06000031)")
    # --output, as for every other command writing one file; --out too, as for the folders report and demo write.
    s.add_argument("--output", "--out", dest="out", type=Path, metavar="FILE",
                   help="where to write it (default: NAME.toml here)")
    s.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _data_args(s)
    s.set_defaults(func=cmd_init)

    s = sub.add_parser("benchmarks", help="say which published DfE and ONS figures are in use, or update them")
    _data_args(s)
    s.set_defaults(func=cmd_benchmarks_show)
    actions = s.add_subparsers(dest="action")
    show = actions.add_parser("show", help="say which release is in use (the default)")
    _data_args(show)
    show.set_defaults(func=cmd_benchmarks_show)
    update = actions.add_parser("update", help="read a newer release of the published files into your own copy")
    update.add_argument("folder", type=Path, metavar="FOLDER",
                        help="the DfE and ONS files, as downloaded (the same layouts careboard ships)")
    update.add_argument("--into", type=Path, metavar="DIR",
                        help="write the copy here instead (careboard/published/data rebuilds the shipped copy)")
    store_arg(update)
    update.set_defaults(func=cmd_benchmarks_update)


def _data_args(s) -> None:
    s.add_argument("--benchmarks", type=Path, metavar="FOLDER",
                   help="read the published files in FOLDER instead of careboard's copy")
    store_arg(s)
