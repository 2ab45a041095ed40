"""Rule cases that need reference data (Ofsted URN list, postcode lookup) beside the return.

A case names reference tables in its `tables` dict next to the 903 tables, e.g.
    {"episodes": [...], "urn_list": [...], "council": [{"la_code": "874"}]}
`with_reference` takes them out, has them loaded into the frame's database just before the rule runs,
and marks the matching inputs available, so `check_case` sees an ordinary return.
"""

from __future__ import annotations

import tests.rulecheck as rulecheck
from careboard.validate.rules.reference import DDL, load_reference

# which runner input each reference table stands for
NEED = {"urn_list": "urn_list", "postcode_lookup": "postcodes", "council": "council"}


def with_reference(case: tuple, monkeypatch) -> tuple[tuple, dict]:
    """Split a case into (case for check_case, keyword arguments) and arrange its reference tables."""
    code, description, year, tables, last, expected = case
    reference = {k: v for k, v in tables.items() if k in DDL}
    if not reference:
        return case, {}
    plain = {k: v for k, v in tables.items() if k not in DDL}
    run = rulecheck.run_rules

    def run_with_reference(con, *args, **kwargs):
        load_reference(con, **reference)
        return run(con, *args, **kwargs)

    monkeypatch.setattr(rulecheck, "run_rules", run_with_reference)
    available = {NEED[k] for k in reference if NEED[k]}
    return (code, description, year, plain, last, expected), {"available": available}
