"""The command line's parser: every command group adds its own sub-commands, in the order `careboard -h` lists them."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    from . import annex_a, data, docs, findings, outputs, setup, validate

    # No abbreviated options: `docs --out FOLDER` was read as --output and wrote a file named FOLDER.
    p = argparse.ArgumentParser(prog="careboard", description="Corporate-parenting performance from the SSDA903 return.",
                                allow_abbrev=False)
    sub = p.add_subparsers(dest="command", required=True, parser_class=WholeWords)
    for group in (data, outputs, validate, setup, findings, docs, annex_a):
        group.add_commands(sub)
    _debug_args(p, sub)
    p.add_argument("--version", action=_Version, nargs=0, help="say which careboard this is, and its Python and DuckDB")
    return p


class _Version(argparse.Action):
    """--version, worked out only when asked: the engine's version means importing it."""

    def __call__(self, parser, namespace, values, option_string=None):
        import platform

        from .. import __version__
        from ..backends import engine

        print(f"careboard {__version__} (Python {platform.python_version()}, {engine().describe()})")
        parser.exit()


class WholeWords(argparse.ArgumentParser):
    """A command's parser that takes its options only when written in full."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allow_abbrev=False, **kwargs)


def _debug_args(p: argparse.ArgumentParser, sub) -> None:
    """--debug before or after the sub-command (SUPPRESS: a sub-command left without it keeps the top one's)."""
    text = "show the full Python traceback of an internal error (also: CAREBOARD_DEBUG=1)"
    p.add_argument("--debug", action="store_true", help=text)
    commands = list(sub.choices.values())
    for s in commands:
        s.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=text)
        # and after an action of a sub-command (careboard benchmarks update FOLDER --debug)
        commands += [c for a in s._actions if isinstance(a, argparse._SubParsersAction) for c in a.choices.values()]
