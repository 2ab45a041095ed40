"""Every statement careboard's rules, indicators, model and validation views run translates from
DuckDB to PostgreSQL and Spark SQL (sqlglot, strict; see portable_sql.py for what counts), so another
engine can run them. Engine-specific pieces go behind careboard's own macros (careboard/sql)."""

import pytest

from careboard.sql import MACROS

from .portable_sql import FAMILIES, problems

# Statements allowed not to translate, each with the reason. Only engine glue belongs here.
ALLOWED: dict[str, str] = {
    "rule 102": "not yet portable: regexp_full_match",
    "rule 168": "not yet portable: regexp_full_match",
    "rule 171": "not yet portable: regexp_full_match",
    "rule 104": "not yet portable: regexp_full_match",
    "rule 112": "not yet portable: regexp_full_match",
    "rule 113": "not yet portable: regexp_full_match",
    "rule 115": "not yet portable: regexp_full_match",
    "rule 116": "not yet portable: regexp_full_match",
    "rule 117": "not yet portable: a function sqlglot does not know arg_max_null, arg_max/arg_min",
    "rule 118": "not yet portable: arg_max/arg_min",
    "rule 141": "not yet portable: regexp_full_match",
    "rule 147": "not yet portable: regexp_full_match",
    "rule 164": "not yet portable: regexp_full_match",
    "rule 169": "not yet portable: regexp_full_match",
    "rule 166": "not yet portable: regexp_full_match",
    "rule 180": "not yet portable: regexp_full_match",
    "rule 209": "not yet portable: a function sqlglot does not know age_on, make_date",
    "rule 210": "not yet portable: make_date",
    "rule 205B": "not yet portable: subquery in FROM without an alias",
    "rule 218": "not yet portable: regexp_extract",
    "rule 230": "not yet portable: regexp_extract",
    "rule 243": "not yet portable: regexp_extract",
    "rule 234": "not yet portable: a function sqlglot does not know age_on",
    "rule 331": "not yet portable: ASOF JOIN",
    "rule 334": "not yet portable: arg_max/arg_min",
    "rule 392c": "not yet portable: regexp_full_match",
    "rule 426": "not yet portable: subquery in FROM without an alias",
    "rule 440": "not yet portable: a function sqlglot does not know age_on",
    "rule 441": "not yet portable: a function sqlglot does not know age_on",
    "rule 444": "not yet portable: subquery in FROM without an alias",
    "rule 452": "not yet portable: subquery in FROM without an alias",
    "rule 453": "not yet portable: subquery in FROM without an alias",
    "rule 454": "not yet portable: subquery in FROM without an alias",
    "rule 552": "not yet portable: arg_max/arg_min",
    "rule 554": "not yet portable: arg_max/arg_min",
    "rule 556": "not yet portable: arg_max/arg_min",
    "rule 577": "not yet portable: a function sqlglot does not know arg_max_null, arg_max/arg_min",
    "rule 578": "not yet portable: a function sqlglot does not know arg_max_null, arg_max/arg_min",
    "rule 632": "not yet portable: a function sqlglot does not know try_strptime, regexp_full_match",
    "rule 700": "not yet portable: regexp_full_match",
    "rule 701": "not yet portable: regexp_full_match",
    "rule 1001": "not yet portable: a function sqlglot does not know arg_max_null, a function sqlglot does not know arg_min_null",
    "rule 1007": "not yet portable: a function sqlglot does not know to_years",
    "rule 1016": "not yet portable: a function sqlglot does not know to_years",
    "rule 1004": "not yet portable: regexp_full_match",
    "rule 1005": "not yet portable: regexp_full_match",
    "rule SW04STG1": "not yet portable: regexp_full_match",
    "rule SW05STG1": "not yet portable: regexp_full_match",
    "indicator cla_count": "not yet portable: a function sqlglot does not know cla_on",
    "indicator cla_rate_10k": "not yet portable: a function sqlglot does not know cla_on",
    "indicator uasc_count": "not yet portable: a function sqlglot does not know cla_on",
    "indicator foster_placement_pct": "not yet portable: a function sqlglot does not know cla_on",
    "indicator placements_3plus_pct": "not yet portable: a function sqlglot does not know cla_on",
    "indicator placements_3plus_2yr_pct": "not yet portable: a function sqlglot does not know cla_on",
    "indicator long_term_stability_pct": "not yet portable: a function sqlglot does not know age_on, a function sqlglot does not know cla_on",
    "indicator sw_changes_3plus_pct": "not yet portable: a function sqlglot does not know cla_on",
    "indicator review_participation_pct": "not yet portable: a function sqlglot does not know age_on",
    "indicator health_assessment_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator immunisations_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator dental_check_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator development_check_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator convicted_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator sdq_received_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator sdq_mean": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator sdq_concern_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator substance_misuse_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator substance_intervention_pct": "not yet portable: a function sqlglot does not know age_on, make_date",
    "indicator adopt_a1_days": "not yet portable: date minus date",
    "indicator adopt_a1_days_3yr": "not yet portable: date minus date",
    "indicator adopt_a10_days": "not yet portable: date minus date",
    "indicator adopt_a10_days_3yr": "not yet portable: date minus date",
    "indicator adopt_a2_days": "not yet portable: date minus date",
    "indicator adopt_a2_days_3yr": "not yet portable: date minus date",
    "model episode_rows": "not yet portable: make_date",
    "model episodes": "not yet portable: PostgreSQL does not support IGNORE NULLS.",
    "model placements": "not yet portable: a function sqlglot does not know arg_max_null, a function sqlglot does not know arg_min_null",
    "model carers": "not yet portable: a function sqlglot does not know arg_max_null",
    "model review_schedule": "not yet portable: make_date",
    "model adoptions": "not yet portable: PostgreSQL does not support EXCEPT in the SELECT projection",
    "model oc2_cohort": "not yet portable: make_date",
    "model care_leavers": "not yet portable: make_date",
    "view header_ages": "not yet portable: a function sqlglot does not know age_on",
    "view child_episodes": "not yet portable: a function sqlglot does not know arg_max_null, a function sqlglot does not know arg_min_null",
    "view v_episodes": "not yet portable: a function sqlglot does not know age_on",
    "view v_oc2": "not yet portable: a function sqlglot does not know age_on",
    "view v_oc3": "not yet portable: a function sqlglot does not know age_on",
}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_statement_translates(family):
    found = {}
    for unit, sql in FAMILIES[family]():
        for dialect, what in problems(sql, set(MACROS)).items():
            found.setdefault(unit, set()).update(f"{dialect}: {w}" for w in what)
    failing = {u: w for u, w in found.items() if u not in ALLOWED}
    assert not failing, "\n".join(f"{u} does not translate: {'; '.join(sorted(w))}" for u, w in failing.items())
    stale = [u for u in ALLOWED if u.startswith(_UNIT_WORD[family]) and u not in found]
    assert not stale, f"now translate, take them off ALLOWED: {', '.join(stale)}"


_UNIT_WORD = {"rules": "rule ", "indicators": "indicator ", "model": "model ", "views": "view "}


def test_allow_list_names_known_units():
    units = {u for collect in FAMILIES.values() for u, _ in collect()}
    assert set(ALLOWED) <= units, f"ALLOWED names units careboard does not have: {set(ALLOWED) - units}"
