"""`careboard docs`: the indicator catalogue, the validation rules and the operational lists, as Markdown."""

from __future__ import annotations

from pathlib import Path

from ..whole_files import written


def cmd_docs(args) -> int:
    """Relative paths are under the current folder, wherever careboard is run; missing folders are made."""
    from ..docs import breakdown_docs, indicator_docs, list_docs, rule_docs, timescale_docs

    for path, text in ((Path(args.output), indicator_docs()), (Path(args.rules_output), rule_docs()),
                       (Path(args.lists_output), list_docs()), (Path(args.timescales_output), timescale_docs()),
                       (Path(args.tables_output), breakdown_docs())):
        path.parent.mkdir(parents=True, exist_ok=True)
        with written(path) as part:
            part.write_text(text, encoding="utf-8")
        print(f"wrote {path.resolve()}")
    return 0


def add_commands(sub) -> None:
    s = sub.add_parser("docs", help="write the indicator catalogue, the validation rules, the operational lists "
                                    "and the timescales as Markdown")
    s.add_argument("--output", default="docs/indicators.md", metavar="FILE",
                   help="the indicator catalogue (default: docs/indicators.md under the current folder, made if missing)")
    s.add_argument("--rules-output", default="docs/validation-rules.md", metavar="FILE",
                   help="the validation rules (default: docs/validation-rules.md under the current folder)")
    s.add_argument("--lists-output", default="docs/lists.md", metavar="FILE",
                   help="the operational lists (default: docs/lists.md under the current folder)")
    s.add_argument("--timescales-output", default="docs/timescales.md", metavar="FILE",
                   help="the timescales judged by (default: docs/timescales.md under the current folder)")
    s.add_argument("--tables-output", default="docs/tables.md", metavar="FILE",
                   help="the breakdown tables (default: docs/tables.md under the current folder)")
    s.set_defaults(func=cmd_docs)
