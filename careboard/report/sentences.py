"""The sentence under each indicator, in plain words, including when there is no figure to give.

An indicator's ``sentence`` template is filled in house style here. When there is no figure the
sentence says why, in words a committee member can act on: the area's child population is missing
(a rate), or nobody was in the group the measure is worked out over (so far this year, for a
year-to-date measure). In the public report a withheld count of children inside the sentence is
written as "between 1 and N", so the rest of the sentence can still be published.
"""

from __future__ import annotations

import re

from careboard.indicators.base import Indicator
from careboard.indicators.periods import period_for
from careboard.report.formatting import format_value, month_name
from careboard.results import Value

NO_POPULATION = ("The rate per 10,000 children cannot be worked out: the number of children aged 0 to 17 living "
                 "in the area (the ONS population estimate) is not available to this report.")


def sentence(ind: Indicator, v: Value, target: float | None, threshold: int | None = None) -> str:
    """The indicator's sentence for ``v``; withheld counts inside it read "between 1 and ``threshold``"."""
    # nothing at all to count: a share of no one ("no review fell due"), a count of nought with nothing beside it
    nothing = (v.value is None and not v.denominator and ind.aggregate == "share" and not v.not_loaded
               or ind.aggregate == "count" and v.value == 0 and not any(v.extra.values()))
    if ind.none_sentence and nothing and not v.suppressed:
        return capitalise_sentences(ind.none_sentence.format(month=month_name(v.as_at),
                                                             period=period_for(ind.window, v.as_at).label))
    if v.value is None and "value" not in v.suppressed:
        return empty_sentence(ind, v)
    withheld = f"between 1 and {threshold}" if threshold else "c"
    fields = {
        "num": format_value(v.numerator, "count") if ind.aggregate != "mean" else format_value(v.numerator, ind.unit),
        "den": format_value(v.denominator, "count") if v.denominator is not None else "",
        "value": format_value(v.value, ind.unit, ind.decimals),
        "month": month_name(v.as_at),
        "period": period_for(ind.window, v.as_at).label,
        "target": format_value(target, ind.unit, ind.decimals) if target is not None else "no target",
        # an extra withheld as the rest of the count beside it is small (report.suppression.COMPLEMENT)
        **{k: (f"all but {withheld}" if f"complement.{k}" in v.suppressed
               else withheld if f"extra.{k}" in v.suppressed
               else format_value(x, "count") if isinstance(x, (int, float)) else str(x))
           for k, x in v.extra.items()},
    }
    try:
        text = ind.sentence.format(**fields)
    except (KeyError, IndexError, ValueError) as e:
        raise ValueError(f"indicator {ind.id}: sentence template needs {e}") from None
    return capitalise_sentences(one_is_singular(text))


# A count of one filled into a plural template: "there were 1 children" reads "there was 1 child", "1 of the
# children in care were" reads "1 of the children in care was", "1 approved adopters were" "1 approved adopter
# was", "and 1 end within 4 weeks" "and 1 ends within 4 weeks".
# A clause may hold a bracketed period ("this year (April 2025)") and a list of numbers ("19th, 20th or 21st"), not
# another comma or a full stop.
_CLAUSE = r"(?:[^,.;()]|\([^()]*\)|,(?= \d))*?"
_ONE = [(re.compile(r"\bthere were 1 children\b"), "there was 1 child"),
        (re.compile(r"(?<![\d.,])\b1 (child|review|incident|missing-from-care incident|care leaver)(ren|s)\b"),
         r"1 \1"),
        (re.compile(r"\bthere were 1(?![\d.,])\b"), "there was 1"),
        (re.compile(r"\b(the 1 (?:child|care leaver) who) have\b"), r"\1 has"),
        (re.compile(rf"(?<![\d.,])\b(1 of the {_CLAUSE}) were\b"), r"\1 was"),
        (re.compile(rf"(?<![\d.,])\b(1 of the {_CLAUSE}) are\b"), r"\1 is"),
        (re.compile(rf"(?<![\d.,])\b(\d[\d,]* of the 1 (?:child|care leaver)\b{_CLAUSE}) were\b"), r"\1 was"),
        (re.compile(rf"(?<![\d.,])\b(\d[\d,]* of the 1 (?:child|care leaver)\b{_CLAUSE}) are\b"), r"\1 is"),
        (re.compile(r"(?<![\d.,])\b1 (approved )?adopters were\b"), r"1 \1adopter was"),
        (re.compile(r"(?<![\d.,])\b1 end within\b"), "1 ends within")]


def one_is_singular(text: str) -> str:
    for pattern, singular in _ONE:
        text = pattern.sub(singular, text)
    return text


def empty_sentence(ind: Indicator, v: Value) -> str:
    """Why there is no figure."""
    if ind.aggregate == "rate" and not v.denominator:
        counted = format_value(v.numerator, "count")
        return f"{NO_POPULATION} The count behind it is {counted}."
    label = period_for(ind.window, v.as_at).label
    if v.not_loaded:    # a year's figure whose return the data loaded for this report do not hold
        return (f"There is no figure for {label}: it is drawn from the {' and the '.join(v.not_loaded)}, which the "
                "data loaded for this report do not hold.")
    if ind.counts != "children":    # what it counts says it plainest: "there were no reviews to count"
        if ind.window == "ytd":
            return f"There is no figure yet for {label}: there have been no {ind.counts} to count so far this year."
        return f"There is no figure for {label}: there were no {ind.counts} to count."
    if ind.window == "ytd":
        return (f"There is no figure yet for {label}: nobody in the group this measure is worked out over has "
                "been recorded so far this year.")
    return f"There is no figure for {label}: nobody was in the group this measure is worked out over."


def capitalise_sentences(text: str) -> str:
    """A capital letter at the start of the text and of each sentence after a full stop."""
    return re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
