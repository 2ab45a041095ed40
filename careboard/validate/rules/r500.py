"""DfE rules 500-599: episode order and provider codes, adopters' details, OC2 conviction and health
promotion items here; decisions to place for adoption (r500_adoption), missing periods (r500_missing) and
the comparisons with last year's return (r500_history) in their own modules.
"""

from ...formats.codes import fixed_lists
from ..rule import Rule
from .field_groups import OC2_CORE
from .sql_blocks import oc2_age
from .sql_checks import any_blank, blank, given

EPISODES = (
    Rule("501", "This episode starts before the previous episode ended. Episodes must not overlap: correct DECOM "
                "here or the previous episode's DEC.",
         table="episodes", fields=("DECOM", "DEC"), fails='"DECOM" < prev_dec'),
    # The category of need is set when care starts, so an episode that follows on the same day keeps it.
    # The DfE's words compare each episode with the start of its period of care, not with the episode before: a
    # CIN changed for one episode and changed back is one mistake, not two, and the advice follows.
    Rule("504", "The category of need (CIN) differs from the one recorded when this period of care began; it should "
                "stay as recorded then. Use the CIN of the period's first episode.",
         table="episodes", fields=("CIN",), sql="""
WITH e AS (SELECT row_no, "CHILD", "CIN", seq,
                  sum(CASE WHEN prev_rec = 'X1' AND prev_dec = "DECOM" THEN 0 ELSE 1 END)
                      OVER (PARTITION BY "CHILD" ORDER BY seq ROWS UNBOUNDED PRECEDING) AS period_no
           FROM ret_v_episodes),
     p AS (SELECT row_no, "CIN", seq,
                  first_value("CIN") OVER (PARTITION BY "CHILD", period_no ORDER BY seq) AS first_cin,
                  min(seq) OVER (PARTITION BY "CHILD", period_no) AS first_seq
           FROM e)
SELECT row_no FROM p WHERE seq > first_seq AND "CIN" IS DISTINCT FROM first_cin"""),
    Rule("516", "The episode ends with a special guardianship order to former foster carers (E45 or E46), so the "
                "placement should be with those foster carers (U1-U6). Correct PLACE or REC.",
         table="episodes", fields=("PLACE", "REC"),
         fails='"REC" IN {REC_SPECIAL_GUARDIANSHIP_FOSTER_CARERS} AND coalesce("PLACE" NOT IN {PLACE_FOSTER}, true)'),
)


def _provider_missing(no_provider: str, years: tuple[int, ...]) -> Rule:
    return Rule("526", "The placement provider (PLACE_PROVIDER) is blank. Every placement has a provider code "
                       "except temporary ones (T0-T4) and, up to 2024/25, Z1 or, from 2025/26, Z11-Z14.",
                table="episodes", fields=("PLACE", "PLACE_PROVIDER"), years=years,
                fails=f'{blank("PLACE_PROVIDER")} AND coalesce("PLACE" NOT IN {no_provider}, true)')


def _provider_not_for(code: str, provider: str, places: str, who: str) -> Rule:
    """`provider` cannot provide the placements of the code list named `places`."""
    names = ", ".join(fixed_lists()[places])
    return Rule(code, f"Provider {provider} ({who}) cannot provide this placement type ({names}). Correct "
                      f"PLACE_PROVIDER or PLACE.",
                table="episodes", fields=("PLACE", "PLACE_PROVIDER"),
                fails=f"\"PLACE_PROVIDER\" = '{provider}' AND \"PLACE\" IN {{{places}}}")


PROVIDERS = (
    # Z1 went from the placement list in 2025/26 and Z11-Z14 came in; both have no provider.
    _provider_missing("{PLACE_NO_PROVIDER} AND \"PLACE\" <> 'Z1'", years=(2024, 2025)),
    _provider_missing("{PLACE_NO_PROVIDER}", years=(2026, 2027)),
    _provider_not_for("527", "PR1", "PLACE_NOT_FROM_COUNCIL", "the council's own provision"),
    _provider_not_for("528", "PR2", "PLACE_NOT_FROM_COUNCIL", "another local authority"),
    _provider_not_for("529", "PR3", "PLACE_NOT_FROM_OTHER_PUBLIC",
                      "another public body, which does not provide these"),
    _provider_not_for("530", "PR4", "PLACE_WITH_PARENTS", "a private provider"),
    _provider_not_for("531", "PR5", "PLACE_WITH_PARENTS", "a voluntary or third sector provider"),
    Rule("550", "Provider PR0 (parent or other person with parental responsibility) goes only with placement P1. "
                "Correct PLACE_PROVIDER or PLACE.",
         table="episodes", fields=("PLACE", "PLACE_PROVIDER"),
         fails="\"PLACE_PROVIDER\" = 'PR0' AND coalesce(\"PLACE\" <> 'P1', true)"),
)


def _adopters(code: str, field: str, value: str, allowed: str, said: str) -> Rule:
    """When `field` (NB_ADOPTR or LS_ADOPTR) is `value`, the adopters' sex (SEX_ADOPTR) must be in the code
    list named `allowed`."""
    return Rule(code, f"{said}, so the sex of the adopters (SEX_ADOPTR) should be "
                      f"{' or '.join(fixed_lists()[allowed])}. Correct "
                      f"SEX_ADOPTR or {field}.",
                table="ad1", fields=(field, "SEX_ADOPTR"),
                fails=f'"{field}" = \'{value}\' AND coalesce("SEX_ADOPTR" NOT IN {{{allowed}}}, true)')


_COUPLE = "SEX_ADOPTR_COUPLE"
_SAME_SEX = "SEX_ADOPTR_SAME_SEX"

ADOPTERS = (
    _adopters("511", "NB_ADOPTR", "2", _COUPLE, "There are two adopters (NB_ADOPTR 2)"),
    _adopters("514", "LS_ADOPTR", "L0", "SEX_ADOPTR_SINGLE", "The adopter's legal status is single (L0)"),
    _adopters("517", "LS_ADOPTR", "L3", "SEX_ADOPTR_DIFFERENT_SEX", "The adopters are a different-sex unmarried couple (L3)"),
    _adopters("518", "LS_ADOPTR", "L4", _SAME_SEX,
              "The adopters are a same-sex couple neither married nor in a civil partnership (L4)"),
    _adopters("519", "LS_ADOPTR", "L2", _COUPLE, "The adopters are in a civil partnership (L2)"),
    _adopters("520", "LS_ADOPTR", "L11", "SEX_ADOPTR_DIFFERENT_SEX", "The adopters are a different-sex married couple (L11)"),
    _adopters("524", "LS_ADOPTR", "L12", _SAME_SEX, "The adopters are a same-sex married couple (L12)"),
)

_AGE_END = oc2_age("{end}")


def _needed(code: str, item: str, what: str, ages: str, who: str) -> Rule:
    """An OC2 item the 12-month group must have at some ages."""
    return Rule(code, f"{what} ({item}) is missing for a child {who} on 31 March who has been looked after for "
                      f"12 months. Give {item} (0 or 1).",
                table="oc2", fields=(item, "DOB"), tables=("episodes",),
                fails=f"cla_12m AND {_AGE_END} {ages} AND {blank(item)}")


def _with_core(code: str, item: str, what: str) -> Rule:
    """An OC2 item that, once given, needs the four core health items beside it."""
    return Rule(code, f"{what} is given, so immunisations, teeth check, health assessment and substance misuse "
                      f"must be given too. Complete them.",
                table="oc2", fields=(item,) + OC2_CORE, fails=f"{given(item)} AND {any_blank(OC2_CORE)}")


OC2 = (
    Rule("542", "Conviction information (CONVICTED) is given for a child under 10 on 31 March. Children under 10 "
                "cannot be convicted: clear CONVICTED, or correct the date of birth.",
         table="oc2", fields=("CONVICTED", "DOB"), fails=f"{_AGE_END} < 10 AND {given('CONVICTED')}"),
    _needed("543", "CONVICTED", "Conviction information", ">= 10", "aged 10 or over"),
    _with_core("544", "CONVICTED", "Conviction information"),
    _needed("545", "HEALTH_CHECK", "Health promotion information", "< 5", "under 5"),
    Rule("546", "Health promotion information (HEALTH_CHECK) is only for children under 5 on 31 March; this child "
                "is 5 or over. Clear HEALTH_CHECK, or correct the date of birth.",
         table="oc2", fields=("HEALTH_CHECK", "DOB"), tables=("episodes",),
         fails=f"cla_12m AND {_AGE_END} >= 5 AND {given('HEALTH_CHECK')}"),
    _with_core("547", "HEALTH_CHECK", "Health promotion information"),
)

RULES = EPISODES + PROVIDERS + ADOPTERS + OC2
