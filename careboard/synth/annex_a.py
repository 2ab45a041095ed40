"""A synthetic Ofsted Annex A workbook (lists 8-11) for a simulated council, consistent with its SSDA903
children: list 8 the children in care on the day and those who left in the 6 months before; list 9 the care
leavers aged 17 to 21; list 10 the children with a decision that they should be adopted (still waiting, placed,
adopted in the last 12 months or decided against in it), with brothers and sisters placed together sharing a
family identifier; list 11 the adopters those children were matched with (but for the families placed with
another agency's adopters, who are in that agency's list 11), and others still in assessment or who left the
process. Headers are Ofsted's template wording and answers its labels, as councils' workbooks carry them
(careboard/formats/annex_a.toml), so the demo reads it as a council's would be read.

    write_annex_a(timeline, date(2025, 1, 31), Path("extract/lists/annex_a.xlsx"))
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from random import Random

from ..formats import registry
from .calendar import add_months, age_on
from .timeline import Child, Timeline

_SHEETS = {"annex_a_children_in_care": "List 8", "annex_a_care_leavers": "List 9", "annex_a_adoption": "List 10",
           "annex_a_adopters": "List 11"}
_PLACED_FOR_ADOPTION = {"A3", "A4", "A5", "A6"}
_AUTHORITY = {"E1", "D1"}
_WORKERS = ("Ali Khan", "Jo Bloggs", "Sam Patel", "Chris Lee", "Pat Jones", "Mo Ahmed", "Sue Grant", "Kim Evans")
_TEAMS = ("Children in Care 1", "Children in Care 2", "Adolescent Team", "Permanence Team")
_REVERSED = {"E": "RD1", "F": "RD2", "G": "RD3"}     # 903 reasons a decision ceased -> Annex A's


@cache
def _spec() -> dict:
    return tomllib.loads(registry.get("annex_a").spec_file.read_text(encoding="utf-8"))


def _header(table: str, column: str) -> str:
    """Ofsted's wording of a column's header: the first plain (not pattern) header it is read from."""
    headers = _spec()["headers"]
    for entry in (*headers.get(table, {}).get(column, ()), *headers["common"].get(column, ())):
        if not entry.startswith("/"):
            return entry
    return column


def _answer(column: str, code: str | None) -> str | None:
    """A code written as the template's label ("Placement order"), or the code where it has none."""
    if code is None or code == "":
        return None
    for answers in _spec()["answers"].values():
        if column in answers["columns"]:
            labels = answers["labels"].get(code) or []
            return labels[0] if labels else code
    return code


@dataclass(frozen=True)
class _Sheet:
    table: str
    columns: tuple[str, ...]
    rows: list[dict]


@dataclass(frozen=True)
class PlantedError:
    """A known error written into the workbook, where careboard should report it."""

    kind: str          # ERROR_KINDS
    sheet: str         # "List 8"
    row: int           # the spreadsheet row (the header is row 1)
    column: str        # careboard's column
    written: str


# Known errors a workbook can be asked for, as councils' workbooks have them: a spreadsheet error value in a
# date, a date that is no date, and an answer no list of answers has.
ERROR_KINDS = {"error_value": ("DOB", "#N/A"), "bad_date": ("POC_START", "31/02/2024"),
               "unknown_answer": ("DISABLED", "Maybe")}


def write_annex_a(timeline: Timeline, as_at: date, path: Path, errors: tuple[str, ...] = ()) -> list[PlantedError]:
    """The council's Annex A workbook as it would stand on `as_at`, lists 8 to 11, one sheet each, with the
    known errors asked for planted in list 8 (ERROR_KINDS); returns where they went."""
    rng = Random(f"{timeline.seed}|annex a|{as_at.isoformat()}")
    known = [c for c in timeline.children if c.periods and c.periods[0].start <= as_at]
    adoption_rows, adopters = _adoption(known, as_at, Random(f"{timeline.seed}|annex a adoption"))
    sheets = [_Sheet("annex_a_children_in_care", _LIST_8, [r for c in known if (r := _list_8(c, as_at, rng))]),
              _Sheet("annex_a_care_leavers", _LIST_9, [r for c in known if (r := _list_9(c, as_at))]),
              _Sheet("annex_a_adoption", _LIST_10, adoption_rows),
              _Sheet("annex_a_adopters", _LIST_11, adopters)]
    planted = []
    for kind in errors:
        if kind not in ERROR_KINDS:
            raise ValueError(f"no Annex A error kind {kind!r}; known: {', '.join(ERROR_KINDS)}")
        column, written = ERROR_KINDS[kind]
        index = rng.randrange(len(sheets[0].rows))
        sheets[0].rows[index][column] = _Written(written)
        planted.append(PlantedError(kind, _SHEETS[sheets[0].table], index + 2, column, written))
    _write(path, sheets)
    return planted


class _Written(str):
    """A value written into a cell as it stands (a planted error), not read as a code to be worded."""


def _write(path: Path, sheets: list[_Sheet]) -> Path:
    import xlsxwriter   # only when a workbook is written

    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    for sheet in sheets:
        ws = book.add_worksheet(_SHEETS[sheet.table])
        ws.write_row(0, 0, [_header(sheet.table, c) for c in sheet.columns])
        for i, row in enumerate(sheet.rows, start=1):
            for j, column in enumerate(sheet.columns):
                value = row.get(column)
                if isinstance(value, _Written):
                    ws.write_string(i, j, value)
                elif isinstance(value, date):
                    ws.write_datetime(i, j, value, day)
                elif value is not None:
                    ws.write(i, j, _answer(column, value) if isinstance(value, str) and column in _CODED else value)
    book.close()
    return path


_CODED = {"SEX", "ETHNIC", "UASC", "DISABLED", "CIN", "LS", "PLACE", "PLACE_PROVIDER", "REC", "ELIGIBILITY",
          "IN_TOUCH", "ACCOMMODATION", "ACTIVITY", "DECISION_REVERSED_REASON", "LEFT_REASON"}
_LIST_8 = ("CHILD", "SEX", "ETHNIC", "DOB", "AGE", "UASC", "DISABLED", "POC_START", "CIN", "LS_START", "LS",
           "REVIEW_DATE", "HEALTH_ASSESSMENT_DATE", "POC_END", "REC", "PLACE_START", "PLACE", "PLACE_PROVIDER",
           "TEAM", "WORKER")
_LIST_9 = ("CHILD", "SEX", "ETHNIC", "DOB", "AGE", "DISABLED", "TEAM", "WORKER", "PERSONAL_ADVISER", "ELIGIBILITY",
           "IN_TOUCH", "PATHWAY_PLAN_REVIEW_DATE", "ACCOMMODATION", "ACTIVITY")
_LIST_10 = ("CHILD", "FAMILY", "SEX", "ETHNIC", "DOB", "AGE", "DISABLED", "ENTERED_CARE_DATE", "DECISION_DATE",
            "PLACEMENT_ORDER_DATE", "MATCH_DATE", "PLACED_DATE", "ADOPTION_ORDER_DATE", "DECISION_REVERSED_DATE",
            "DECISION_REVERSED_REASON")
_LIST_11 = ("ADOPTER", "FAMILY", "ENQUIRY_DATE", "STAGE1_START_DATE", "STAGE1_END_DATE", "STAGE2_START_DATE",
            "STAGE2_END_DATE", "APPLICATION_DATE", "APPROVED_DATE", "MATCHED_DATE", "CHILDREN_PLACED_DATE",
            "CHILDREN_PLACED", "ADOPTION_ORDER_DATE", "LEFT_DATE", "LEFT_REASON")


def _disabled(child: Child) -> str:
    # The 903 does not say; about one child in ten looked after has a disability.
    return "Y" if Random(f"{child.id}|disabled").random() < 0.1 else "N"


def _about(child: Child, as_at: date) -> dict:
    return {"CHILD": child.id, "SEX": {"M": "1", "F": "2"}.get(child.sex, "0"), "ETHNIC": child.ethnicity,
            "DOB": child.dob, "AGE": age_on(child.dob, as_at), "DISABLED": _disabled(child)}


def _list_8(child: Child, as_at: date, rng: Random) -> dict | None:
    """A row for a child in care on the day, or who left in the 6 months before."""
    since = add_months(as_at, -6)
    period = next((p for p in reversed(child.periods) if p.start <= as_at and (p.end is None or p.end > since)
                   and not p.short_break), None)
    if period is None:
        return None
    episodes = [e for e in period.episodes if e.decom <= as_at]
    last = episodes[-1]
    ended = period.end if period.end is not None and period.end <= as_at else None
    ls_start = last.decom
    for e in reversed(episodes):        # back to the start of the legal status the child has now
        if e.ls != last.ls:
            break
        ls_start = e.decom
    reviews = [r.date for r in child.reviews if period.start <= r.date <= as_at]
    place_start = max((e.decom for e in episodes if e.rne != "L"), default=period.start)
    return {**_about(child, as_at), "UASC": "Y" if child.uasc else "N", "POC_START": period.start,
            "CIN": last.cin, "LS_START": ls_start, "LS": last.ls, "REVIEW_DATE": max(reviews, default=None),
            "HEALTH_ASSESSMENT_DATE": as_at - timedelta(days=rng.randint(20, 340)) if period.start < add_months(
                as_at, -2) else None,
            "POC_END": ended, "REC": last.rec if ended else None, "PLACE_START": place_start, "PLACE": last.place,
            "PLACE_PROVIDER": last.provider or None, **_allocated(child)}


def _allocated(child: Child) -> dict:
    pick = Random(f"{child.id}|allocated")
    return {"TEAM": pick.choice(_TEAMS[:3]), "WORKER": pick.choice(_WORKERS)}


def _list_9(child: Child, as_at: date) -> dict | None:
    """A row for a care leaver aged 17 to 21 whose care ended at 16 or over."""
    if not 17 <= age_on(child.dob, as_at) <= 21 or not child.periods:
        return None
    last = child.periods[-1]
    if last.end is None or last.end > as_at or age_on(child.dob, last.end) < 16 or last.short_break:
        return None
    oc3 = child.oc3[max(child.oc3)] if child.oc3 else None
    pick = Random(f"{child.id}|pathway plan")
    # Most plans reviewed in the last 6 months (or when care ended), about one in twelve longer ago; one in forty
    # with no review recorded.
    days_ago = pick.randrange(1, 183) if pick.random() < 0.92 else pick.randrange(183, 240)
    reviewed = None if pick.random() < 0.025 else max(as_at - timedelta(days=days_ago), last.end)
    return {**_about(child, as_at), **_allocated(child), "TEAM": "Leaving Care",
            "PERSONAL_ADVISER": pick.choice(_WORKERS), "PATHWAY_PLAN_REVIEW_DATE": reviewed,
            "ELIGIBILITY": "FORMER_RELEVANT" if age_on(child.dob, as_at) >= 18 else "RELEVANT",
            "IN_TOUCH": oc3.in_touch if oc3 else "YES",
            # the OC3's codes where the care leaver is in touch (a 0 there means not known)
            "ACCOMMODATION": _known("ACCOMMODATION", oc3.accom[:1]) if oc3 else None,
            "ACTIVITY": _known("ACTIVITY", oc3.activ) if oc3 else None}


def _known(column: str, code: str) -> str | None:
    return code if _answer(column, code) != code else None


def _adoption(children: list[Child], as_at: date, rng: Random) -> tuple[list[dict], list[dict]]:
    """List 10's children and list 11's adopters: each child placed or adopted has the adopters they were
    matched with; children decided on within a month of each other are sometimes brothers and sisters, placed
    together with one family."""
    year_ago = add_months(as_at, -12)
    rows, families = [], {}
    for child in children:
        decision = next((d for d in reversed(child.decisions) if d.date_placed <= as_at), None)
        if decision is None:
            continue
        episodes = [e for e in child.episodes if e.decom <= as_at]
        adopted = child.adoption.adopted if child.adoption and child.adoption.adopted <= as_at else None
        reversed_on = decision.ceased if decision.ceased and decision.ceased <= as_at and not adopted else None
        if (adopted and adopted < year_ago) or (reversed_on and reversed_on < year_ago):
            continue
        placed = min((e.decom for e in episodes if e.place in _PLACED_FOR_ADOPTION and e.decom >= decision.date_placed),
                     default=None)
        order = min((e.decom for e in episodes if e.ls in _AUTHORITY and e.decom >= decision.date_placed), default=None)
        match = (child.adoption.date_match if child.adoption and child.adoption.date_match <= as_at
                 else placed - timedelta(days=rng.randint(7, 35)) if placed else None)
        period = next((p for p in reversed(child.periods) if p.start <= decision.date_placed), child.periods[0])
        rows.append({**_about(child, as_at), "ENTERED_CARE_DATE": period.start, "DECISION_DATE": decision.date_placed,
                     "PLACEMENT_ORDER_DATE": order, "MATCH_DATE": match, "PLACED_DATE": placed,
                     "ADOPTION_ORDER_DATE": adopted, "DECISION_REVERSED_DATE": reversed_on,
                     "DECISION_REVERSED_REASON": _REVERSED.get(decision.reason_ceased, "RD4") if reversed_on else None})
    # Brothers and sisters: a child matched within 30 days of the one before, a third of the time.
    rows.sort(key=lambda r: (r["MATCH_DATE"] or date.max, r["CHILD"]))
    family = 0
    for i, row in enumerate(rows):
        before = rows[i - 1] if i else None
        if (before and row["MATCH_DATE"] and before["MATCH_DATE"]
                and (row["MATCH_DATE"] - before["MATCH_DATE"]).days <= 30 and rng.random() < 0.33):
            row["FAMILY"] = before["FAMILY"]
            row["MATCH_DATE"], row["PLACED_DATE"] = before["MATCH_DATE"], before["PLACED_DATE"] or row["PLACED_DATE"]
        else:
            family += 1
            row["FAMILY"] = f"F{family:04d}"
        families.setdefault(row["FAMILY"], []).append(row)
    matched = [(k, _adopter(f"AD{k:04d}", kids, as_at, rng)) for k, kids in enumerate(families.values(), start=1)
               if kids[0]["MATCH_DATE"]]
    # Adopters another agency approved are in that agency's list 11, not this one's.
    adopters = [a for k, a in matched if k % _INTER_AGENCY_EVERY]
    adopters += _still_in_assessment(len(matched), family, as_at, rng)
    return rows, adopters


# Every eighth family of children, in the order they were matched, goes to another agency's adopters, as when
# none the agency approved can meet the children's needs (the 2022 regional paper placed 93% within the
# region). A fixed share rather than a chance one: a council places a dozen children a year, and by chance
# alone the demo's year would as often show all or a third of them placed out.
_INTER_AGENCY_EVERY = 8


def _adopter(adopter: str, kids: list[dict], as_at: date, rng: Random) -> dict:
    """The adopters a family of children was matched with, their journey counted back from the match."""
    matched = kids[0]["MATCH_DATE"]
    approved = matched - timedelta(days=rng.randint(30, 240))
    stage2_end = approved - timedelta(days=rng.randint(10, 40))
    stage2_start = stage2_end - timedelta(days=rng.randint(90, 150))
    stage1_end = stage2_start - timedelta(days=rng.randint(0, 60))
    stage1_start = stage1_end - timedelta(days=rng.randint(45, 75))
    placed = kids[0]["PLACED_DATE"]
    adopted = max((k["ADOPTION_ORDER_DATE"] for k in kids if k["ADOPTION_ORDER_DATE"]), default=None)
    return {"ADOPTER": adopter, "FAMILY": kids[0]["FAMILY"],
            "ENQUIRY_DATE": stage1_start - timedelta(days=rng.randint(14, 60)), "STAGE1_START_DATE": stage1_start,
            "STAGE1_END_DATE": stage1_end, "STAGE2_START_DATE": stage2_start, "STAGE2_END_DATE": stage2_end,
            "APPLICATION_DATE": stage2_start, "APPROVED_DATE": approved, "MATCHED_DATE": matched,
            "CHILDREN_PLACED_DATE": placed, "CHILDREN_PLACED": len(kids) if placed else None,
            "ADOPTION_ORDER_DATE": adopted}


def _still_in_assessment(numbered: int, families: int, as_at: date, rng: Random) -> list[dict]:
    """Adopters who enquired in the last year and are somewhere in the process, or left it; each a family of
    their own, numbered after list 10's."""
    out = []
    for n, k in enumerate(range(numbered + 1, numbered + 1 + rng.randint(12, 20)), start=1):
        enquiry = as_at - timedelta(days=rng.randint(10, 360))
        row = {"ADOPTER": f"AD{k:04d}", "FAMILY": f"F{families + n:04d}", "ENQUIRY_DATE": enquiry}
        step = enquiry + timedelta(days=rng.randint(14, 45))
        for start, end, days in (("STAGE1_START_DATE", "STAGE1_END_DATE", (45, 75)),
                                 ("STAGE2_START_DATE", "STAGE2_END_DATE", (90, 150))):
            if step > as_at:
                break
            row[start] = step
            step = step + timedelta(days=rng.randint(*days))
            if step > as_at:
                break
            row[end] = step
            if start == "STAGE2_START_DATE":
                row["APPLICATION_DATE"] = row[start]
                row["APPROVED_DATE"] = step + timedelta(days=rng.randint(10, 40))
                if row["APPROVED_DATE"] > as_at:
                    del row["APPROVED_DATE"]
            step = step + timedelta(days=rng.randint(0, 30))
        if rng.random() < 0.2:
            last = max(v for v in row.values() if isinstance(v, date))
            left = last + timedelta(days=rng.randint(5, 40))
            if left <= as_at:
                row["LEFT_DATE"], row["LEFT_REASON"] = left, rng.choice(("1", "2", "3"))
        out.append(row)
    return out
