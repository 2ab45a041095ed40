"""The `careboard` command: one module per group of sub-commands (data, outputs, validate, setup, findings,
docs), their shared options in common.py, the parser in parser.py; here, running a command, its exit
codes and --debug. Each sub-command imports what it needs when it runs, so start-up stays quick."""

from __future__ import annotations

import gc
import os
import sys

from .parser import build_parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):
        # `careboard` alone: the commands and what each does, rather than a complaint that one is missing.
        parser.print_help(sys.stderr)
        return 2
    return _dispatch(parser.parse_args(argv))


def run() -> None:
    """The `careboard` command: main(), then exit."""
    try:
        code = main()
        # Exiting, Python looks for garbage among every object still alive, most of them made by importing
        # careboard and its libraries, several times over: 25-30 ms of a 0.7 s `validate`. Collected once
        # here (so anything unreachable that needs closing is closed) and then frozen, they are left to the
        # operating system: 10 ms less.
        gc.collect()
        gc.freeze()
    except KeyboardInterrupt:   # pressed as the command starts or ends, outside the command itself
        code = _fail("stopped (Ctrl-C)", 130)
    sys.exit(code)


def _dispatch(args) -> int:
    """Run a command. Expected failures (a user's mistake, bad data, a file that cannot be read or written, a
    store that cannot be opened) are one line and exit 2; anything else is careboard's own fault: one line
    saying so (the traceback with --debug) and exit 3. A reader that stops reading (`| head`) ends it quietly."""
    from ..errors import InputError

    try:
        code = args.func(args)
        sys.stdout.flush()   # inside the try, so a closed pipe is noticed here rather than at exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except InputError as e:
        return _fail(str(e))
    except OSError as e:
        return _fail(f"{e.filename}: {e.strerror}" if e.filename and e.strerror else str(e))
    except KeyboardInterrupt:
        return _fail("stopped (Ctrl-C)", 130)
    except Exception as e:  # noqa: BLE001 — the last resort: never a traceback unless asked for
        from ..backends import engine

        if engine().interrupted(e):
            return _fail("stopped (Ctrl-C)", 130)
        if (failed := engine().file_failure(e)) is not None:     # a full disk, say, as the store is written
            file, action, reason = failed
            return _fail(f"{file}: cannot be {action} ({reason})")
        if (store := _store_not_opened(e)) is not None:
            if (pid := engine().held_by(e)) is not None:
                return _fail(f"{store}: the store is in use by another program (process {pid}), most likely "
                             f"another careboard command: wait for it to finish, then try again")
            return _fail(f"{store}: cannot be opened as a careboard store ({e}); is it a store? Give the "
                         f"store's file with --db")
        if getattr(args, "debug", False) or os.environ.get("CAREBOARD_DEBUG", "") not in ("", "0"):
            raise
        return _fail(f"internal error ({type(e).__name__}: {str(e)[:200]}). This is a fault in careboard, not in "
                     f"your data: please report it to the careboard maintainers with the command you ran, "
                     f"its output with --debug (or CAREBOARD_DEBUG=1), which shows the traceback, and what "
                     f"careboard --version says.", 3)


def _store_not_opened(e: Exception) -> str | None:
    """The store's path when `e` is DuckDB refusing to open it (not a DuckDB file, locked by another process)."""
    from ..backends import engine
    from ..store.db import default_path, open_store

    if not isinstance(e, engine().error):
        return None
    tb = e.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code is open_store.__code__:
            return str(tb.tb_frame.f_locals.get("path") or default_path())
        tb = tb.tb_next
    return None


def _fail(message: str, code: int = 2) -> int:
    print(f"careboard: {message}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so Python's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):   # stdout without a file descriptor (tests, embedding)
        pass
