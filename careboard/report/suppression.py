"""Small-number suppression for the public version of the report (DfE convention).

No child may be identifiable from a published report. A count of children from 1 to ``threshold``
(default 5) is withheld and shown as "c"; zero stays 0, as in DfE statistics. Anything worked out
from a withheld count is withheld too: the percentage, rate or average, its variance from target,
its RAG rating and change arrow, and the narrative sentence; so is a percentage's numerator that
leaves 1 to 5 of its group uncounted. In profile tables further cells are withheld wherever a
subtotal, the column total or a figure the scorecard publishes would let one be worked out.

Withheld figures are set to None and named in the record's ``suppressed`` field (careboard.results);
the renderer shows every name listed there as "c".
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from careboard.indicators.base import UNITS
from careboard.report.profile_layout import layout
from careboard.results import Assessment, Panel, ProfileTable, Report, SummaryTable, Value

DEFAULT_THRESHOLD = 5

# Which fields of a Value count children, per indicator unit. A rate's denominator is a population and
# an average's numerator is a sum of days or scores: neither is a count of children.
CHILD_COUNTS = {
    "%": ("numerator", "denominator"),
    "count": ("value", "numerator", "denominator"),
    "rate": ("numerator",),
    "days": ("denominator",),
    "score": ("denominator",),
}
assert set(CHILD_COUNTS) == set(UNITS)


PRIVACY = "so it is not published, to protect their privacy"
# What a withheld field of a Value is, in words, per unit (the field names are careboard.results.Value's).
WITHHELD_WORDS = {
    "value": {"count": "The number of children counted"},
    "numerator": {"%": "The number of children counted", "rate": "The number of children counted"},
    "denominator": {"%": "The number of children in the group this percentage is worked out over",
                    "days": "The number of children this average is worked out over",
                    "score": "The number of children this average is worked out over"},
}


# A percentage's numerator shown beside its denominator tells how many of the group were not counted: when
# that is a small count (6 of 7 children had a health assessment: 1 did not), the numerator is withheld too.
# Marked so in ``Value.suppressed``, to say why.
COMPLEMENT = "complement"
SHARED = "shared"    # in Value.suppressed: withheld because another panel withholds the same count
DERIVED = "; the figure worked out from it, its comparison with the target and its change are withheld too"


def neutral_sentence(threshold: int, current: Value | None = None, unit: str = "count") -> str:
    """What was withheld from a panel and why: the small count first, then what follows from it."""
    withheld = current.suppressed if current is not None else frozenset()
    if SHARED in withheld:
        return (f"A count behind this figure is published elsewhere in this report, where it would give away a count "
                f"of between 1 and {threshold} children that is withheld, {PRIVACY}{DERIVED}.")
    if COMPLEMENT in withheld and "denominator" not in withheld:
        return (f"All but between 1 and {threshold} of the group were counted, so the number counted is not "
                f"published, to protect the privacy of those not counted{DERIVED}.")
    small = [WITHHELD_WORDS[name][unit] for name in ("value", "numerator", "denominator")
             if name in withheld and unit in WITHHELD_WORDS[name]
             and (name != "numerator" or "denominator" not in withheld)]
    what = small[0] if small else "A count of children behind this figure"
    return f"{what} is between 1 and {threshold}, {PRIVACY}{'' if unit == 'count' else DERIVED}."


def previous_note(threshold: int, compared_with: str) -> str:
    period = "last year's" if compared_with == "Previous year" else "last month's"
    return (f"{period.capitalize()} figure rests on a count of between 1 and {threshold} children, {PRIVACY}; "
            "nor is the change since then.")


NEUTRAL_DQ_NOTE = "Some records behind this indicator have data-quality errors; details are in the internal report."


def is_small(count: float | None, threshold: int) -> bool:
    return count is not None and 0 < count <= threshold


def suppress(report: Report, threshold: int = DEFAULT_THRESHOLD) -> Report:
    """The public version of ``report``: small counts and everything derived from them withheld."""
    if threshold < 1:
        raise ValueError(f"suppression threshold must be at least 1, got {threshold}")
    return replace(
        report,
        panels=suppress_panels(report.panels, threshold),
        profiles=[suppress_table(table, threshold) for table in report.profiles],
        tables=[suppress_summary(table, threshold) for table in report.tables],
        public=True,
        suppression_threshold=threshold,
    )


def _small_rest(value: Value, unit: str, part, threshold: int) -> bool:
    """Whether `part`, an extra count no larger than the count a % or count figure shows, leaves the rest small."""
    counted = value.numerator
    return (unit in ("%", "count") and isinstance(part, int) and not isinstance(part, bool)
            and counted is not None and part <= counted and is_small(counted - part, threshold))


def suppress_panels(panels: list[Panel], threshold: int) -> list[Panel]:
    """Each panel suppressed on its own, then again with the counts it shares with another panel withheld where
    the other withholds them (Indicator.same_as: 26 children in foster care as one figure's denominator gave away
    the 4 not in foster care that another's withheld numerator hid), until nothing more is withheld."""
    from careboard.indicators.registry import BY_ID

    by_id = {panel.indicator_id: i for i, panel in enumerate(panels)}
    declared = [BY_ID[panel.indicator_id] for panel in panels if panel.indicator_id in BY_ID]
    pairs = [(by_id[ind.id], own, by_id[other_id], other_part)
             for ind in declared for own, other in ind.same_as
             for other_id, _, other_part in [other.partition(".")] if other_id in by_id]
    wholes = [(by_id[ind.id], ind.parts[0], [(by_id[pid], part) for pid, _, part in
                                             (x.partition(".") for x in ind.parts[1]) if pid in by_id],
               ind.withhold_whole)
              for ind in declared if ind.parts]
    marked = list(panels)
    while True:
        done = [suppress_panel(panel, threshold) for panel in marked]
        more = list(marked)
        for i, own, j, other in pairs:
            for a, part_a, b, part_b in ((i, own, j, other), (j, other, i, own)):
                for when in _withheld_dates(done[a], part_a) - _withheld_dates(done[b], part_b):
                    more[b] = _marked(more[b], when, part_b)
        for w, whole, members, withhold_whole in wholes:
            for j, part, when in _parts_leaving_a_small_rest(done, w, whole, members, threshold):
                j, part = (w, whole) if withhold_whole else (j, part)
                more[j] = _marked(more[j], when, part)
        if more == marked:
            return done
        marked = more


def _parts_leaving_a_small_rest(done: list[Panel], w: int, whole: str, members: list[tuple[int, str]],
                                threshold: int) -> list[tuple[int, str, date]]:
    """(panel, part, date) to withhold where the parts shown of a whole leave a small count unpublished (of 15 who
    left care, 8 returned home, 6 under an SGO and none adopted: 1 left otherwise): the smallest part shown."""
    out = []
    for point in _points(done[w]):
        total = _count(point, whole)
        shown = [(count, j, part) for j, part in members
                 if (q := _point_at(done[j], point.as_at)) is not None and (count := _count(q, part)) is not None]
        if total is None or not is_small(total - sum(count for count, _, _ in shown), threshold):
            continue
        counted = [(count, j, part) for count, j, part in shown if count]
        if counted:
            _, j, part = min(counted)
            out.append((j, part, point.as_at))
    return out


def _count(point: Value, part: str):
    """A part of a figure as shown (None when withheld or not known)."""
    if part in point.suppressed:
        return None
    return point.extra.get(part[len("extra."):]) if part.startswith("extra.") else getattr(point, part)


def _point_at(panel: Panel, when: date) -> Value | None:
    return next((point for point in _points(panel) if point.as_at == when), None)


def _withheld_dates(panel: Panel, part: str) -> set[date]:
    return {point.as_at for point in _points(panel) if part in point.suppressed}


def _points(panel: Panel) -> list[Value]:
    return [panel.current, *panel.trend] + ([panel.previous] if panel.previous is not None else [])


def _marked(panel: Panel, when: date, part: str) -> Panel:
    """`panel` with `part` of each of its figures at `when` marked to be withheld."""
    def mark(point: Value) -> Value:
        if point.as_at != when or part in point.suppressed:
            return point
        return replace(point, suppressed=point.suppressed | {part, SHARED})

    return replace(panel, current=mark(panel.current), trend=[mark(point) for point in panel.trend],
                   previous=mark(panel.previous) if panel.previous is not None else None)


def suppress_value(value: Value, unit: str, threshold: int) -> Value:
    withheld = set(value.suppressed)
    withheld.update(name for name in CHILD_COUNTS[unit] if is_small(getattr(value, name), threshold))
    if unit == "%" and None not in (value.numerator, value.denominator) and is_small(
            value.denominator - value.numerator, threshold):
        withheld.add(COMPLEMENT)
    if withheld & {"numerator", "denominator", "value", COMPLEMENT}:
        # a percentage, rate or mean gives its numerator back when multiplied by the denominator
        withheld.update({"value", "numerator"})
    extra = dict(value.extra)
    for key, item in value.extra.items():
        if isinstance(item, int) and not isinstance(item, bool) and is_small(item, threshold):
            withheld.add(f"extra.{key}")
        elif _small_rest(value, unit, item, threshold):
            # a part of the count shown beside it: 8 returned home, 6 as planned, says 2 did not
            withheld.update({f"extra.{key}", f"{COMPLEMENT}.{key}"})
        if f"extra.{key}" in withheld:
            extra[key] = None
    if not withheld:
        return value
    return _blank(value, withheld, extra=extra)


def _blank(record, withheld: set[str], **fields):
    """``record`` with each withheld field set to None (``fields`` may say otherwise) and the names recorded."""
    blanks = {name: None for name in withheld if hasattr(record, name)}
    return replace(record, **(blanks | fields), suppressed=frozenset(withheld))


def suppress_panel(panel: Panel, threshold: int) -> Panel:
    current = suppress_value(panel.current, panel.unit, threshold)
    trend = [suppress_value(point, panel.unit, threshold) for point in panel.trend]
    previous = suppress_value(panel.previous, panel.unit, threshold) if panel.previous is not None else None
    assessment = _suppress_assessment(replace(panel, previous=previous), current, trend, threshold)
    return replace(
        panel,
        current=current,
        trend=trend,
        previous=previous,
        assessment=assessment,
        sentence=_public_sentence(panel, current, assessment, threshold),
        dq_note=NEUTRAL_DQ_NOTE if panel.dq_note else "",
    )


def _public_sentence(panel: Panel, current: Value, assessment: Assessment, threshold: int) -> str:
    """The sentence with what was withheld said exactly: the figure itself, only a count inside the
    sentence (the figure stays), or only last period's figure."""
    if current.suppressed & {"value", "numerator", "denominator"}:
        return neutral_sentence(threshold, current, panel.unit)
    sentence = panel.sentence
    if current.suppressed:   # only counts named inside the sentence: write them as "between 1 and N"
        sentence = _reworded(panel, current, threshold)
    if "previous" in assessment.suppressed - panel.assessment.suppressed:
        sentence = f"{sentence} {previous_note(threshold, panel.compared_with)}".strip()
    return sentence


def _reworded(panel: Panel, current: Value, threshold: int) -> str:
    from careboard.indicators.registry import BY_ID
    from careboard.report.sentences import sentence

    indicator = BY_ID.get(panel.indicator_id)
    if indicator is None:   # a hand-made panel: no template to fill again
        return f"A count of children in this panel's description is between 1 and {threshold}, {PRIVACY}."
    return sentence(indicator, current, panel.assessment.target, threshold)


def _suppress_assessment(panel: Panel, current: Value, trend: list[Value], threshold: int) -> Assessment:
    assessment = panel.assessment
    exists = {"variance": assessment.variance is not None, "rag": assessment.rag is not None,
              "previous": assessment.previous is not None, "change": assessment.change != "n/a"}
    withheld = set(assessment.suppressed)
    if "value" in current.suppressed:
        withheld.update(name for name in ("variance", "rag", "change") if exists[name])
    if _previous_withheld(panel, current.as_at, trend, threshold):
        withheld.update(name for name in ("previous", "change") if exists[name])
    if withheld == set(assessment.suppressed):
        return assessment
    return _blank(assessment, withheld, change="n/a" if "change" in withheld else assessment.change)


def _previous_withheld(panel: Panel, as_at: date, trend: list[Value], threshold: int) -> bool:
    """Whether last month's figure rests on a small count.

    The trend point before the current month tells us; without one only a plain count can be judged,
    so any other previous value is withheld to be safe.
    """
    previous = panel.assessment.previous
    if previous is None:
        return False
    if panel.previous is not None:
        return "value" in panel.previous.suppressed
    earlier = [point for point in trend if point.as_at < as_at]
    if earlier:
        return "value" in max(earlier, key=lambda point: point.as_at).suppressed
    return panel.unit != "count" or is_small(previous, threshold)


def suppress_table(table: ProfileTable, threshold: int) -> ProfileTable:
    """Withhold small cells, then enough further cells that no withheld cell can be worked out.

    Each column holds sums: every subtotal is the sum of its rows, the top-level rows add up to the
    published number looked after, and some rows add up to a figure the scorecard publishes (children in
    foster care: ProfileTable.published_sums). The withheld cells of a sum whose total is known add up to what the
    shown cells leave; as a withheld small count lies between 1 and the threshold (zeros are shown), two
    withheld cells that leave 2 are both 1. Wherever the cells withheld pin one down so (one withheld cell
    alone always is), or add up to a small count themselves, the smallest shown non-zero cell of that sum is
    withheld too (zeros only when nothing else is left), until no sum gives a cell away.
    """
    rows = layout(table)
    sums = [(subtotal, details) for subtotal, details in rows.groups]
    if len(rows.top_level) > 1:
        sums.append((None, rows.top_level))
    sums.extend(_published(table, rows.top_level))
    withheld = set(table.suppressed)
    withheld.update((r, c) for r, (_, counts, _) in enumerate(table.rows)
                    for c, count in enumerate(counts) if is_small(count, threshold))
    for column in range(len(table.dates)):
        _protect_column(lambda row, column=column: table.rows[row][1][column], column, sums, withheld, threshold)
    if withheld == set(table.suppressed):
        return table
    new_rows = [(label, [None if (r, c) in withheld else count for c, count in enumerate(counts)], subtotal)
                for r, (label, counts, subtotal) in enumerate(table.rows)]
    return replace(table, rows=new_rows, suppressed=frozenset(withheld))


def _published(table: ProfileTable, top_level: list[int]) -> list[tuple[None, list[int]]]:
    """The sums the scorecard publishes too, and for rows that stand alone, what the rest of the table adds up
    to (the number looked after less the published sum)."""
    index = {label: row for row, (label, _, _) in enumerate(table.rows)}
    sums = []
    for labels in table.published_sums:
        rows = sorted(index[label] for label in labels)
        sums.append((None, rows))
        if set(rows) <= set(top_level) and len(rows) < len(top_level):
            sums.append((None, [row for row in top_level if row not in rows]))
    return sums


def _protect_column(count, column: int, sums: list[tuple[int | None, list[int]]], withheld: set,
                    threshold: int) -> None:
    """Withhold further cells (row, `column`) of the sums (subtotal row or None for a known total, rows) until no
    withheld cell can be worked out; `count(row)` is a cell's count before any was withheld."""
    changed = True
    while changed:
        changed = False
        for total, details in sums:
            members = ([total] if total is not None else []) + details
            hidden = [row for row in members if (row, column) in withheld]
            unknown = [row for row in members if (row, column) not in withheld and count(row) is None]
            if not hidden or unknown:
                continue
            values = [count(row) for row in hidden]
            if (total is not None and (total, column) in withheld) or None in values:
                # the subtotal withheld too, or cells withheld before whose values are gone: one alone gives itself away
                given_away = len(hidden) == 1
            else:
                # what the withheld cells add up to is known: one of them may be pinned down, or that sum itself
                # a small count (the seven placements other than fostering hold 1 child between them)
                given_away = _pinned(values, threshold) or is_small(sum(values), threshold)
            shown = [row for row in members if (row, column) not in withheld]
            if not given_away or not shown:
                continue
            # smallest non-zero first; ties go to the row nearest the top, so the result is stable
            partner = min(shown, key=lambda row: (count(row) == 0, count(row), row))
            withheld.add((partner, column))
            changed = True


def _pinned(hidden: list[int], threshold: int) -> bool:
    """Whether the withheld cells of a sum whose total is known give one away: each small count lies between 1
    and the threshold, any other withheld cell between 0 and their sum; a cell left one possible value is."""
    total = sum(hidden)
    lows = [1 if is_small(n, threshold) else 0 for n in hidden]
    highs = [threshold if is_small(n, threshold) else total for n in hidden]
    for i in range(len(hidden)):
        low = max(lows[i], total - (sum(highs) - highs[i]))
        high = min(highs[i], total - (sum(lows) - lows[i]))
        if low == high:
            return True
    return False


def suppress_summary(table: SummaryTable, threshold: int) -> SummaryTable:
    """A breakdown table with its small counts withheld, and in a row with one, its percentages and averages
    too (they are worked out from the row's counts).

    A row's first count is its group (a month's requests, a source's notifications) and the others parts of it:
    where the group is withheld, so are they, zeros too ("0 visited in time" says it of every child of a small
    group). Each column's counts add up to its total, which the scorecard often publishes (the notifications of
    the 12 months): further cells are withheld, as in the profile tables, until no withheld one can be worked out
    from it. A small total is one the scorecard withholds, so no reader knows it."""
    counts = [c for c, kind in enumerate(table.kinds, start=1) if kind == "count"]
    withheld = set()
    for r, row in enumerate(table.rows):
        small = [c for c in counts if is_small(row[c], threshold)]
        withheld.update((r, c) for c in (counts if counts and counts[0] in small else small))
    every_row = [(None, list(range(len(table.rows))))]
    for c in counts:
        total = sum(row[c] or 0 for row in table.rows)
        if total and not is_small(total, threshold):
            _protect_column(lambda r, c=c: table.rows[r][c], c, every_row, withheld, threshold)
    for r in {r for r, _ in withheld}:
        withheld.update((r, c) for c, kind in enumerate(table.kinds, start=1) if kind != "count")
    if not withheld:
        return table
    rows = [[None if (r, c) in withheld else cell for c, cell in enumerate(row)] for r, row in enumerate(table.rows)]
    return replace(table, rows=rows, suppressed=frozenset(withheld))
