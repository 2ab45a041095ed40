"""The adopters' journey, from Ofsted's Annex A List 11: how many took each step in the last 12 months, and
how long the step took from the one before."""

from __future__ import annotations

from ..base import Breakdown, Column

# Each step, the list 11 column dating it, and the step before it (None for the first).
STEPS = (("ENQUIRY", "Enquiries", "enquiry", None), ("STAGE1", "Started stage 1", "stage1_start", "enquiry"),
         ("STAGE2", "Started stage 2", "stage2_start", "stage1_start"),
         ("APPROVED", "Approved", "approved", "stage2_start"), ("MATCHED", "Matched with children", "matched", "approved"),
         ("PLACED", "Children placed with them", "children_placed_on", "matched"),
         ("LEFT", "Left the process", "left_on", None))


def _step(code: str, column: str, before: str | None) -> str:
    days = f"date_diff('day', {before}, {column})" if before else "NULL"
    return (f"SELECT '{code}' AS step, count(*) AS adopters, coalesce(sum({days}), 0) AS days, "
            f"count({days}) AS timed FROM annex_a_adopters WHERE {column} BETWEEN {{period_start}} AND {{period_end}}")


ADOPTER_JOURNEY = Breakdown(
    id="adopter_journey",
    title="Adopters' journey",
    section="Adoption",
    description="Prospective adopters taking each step of the adoption process in the last 12 months, from the "
                "first enquiry to children being placed with them, with the average number of days since the step "
                "before (for those whose list gives both dates), and how many left the process. From Ofsted's "
                "Annex A List 11.",
    by="code",
    key_heading="Step",
    codes=tuple((code, words) for code, words, _, _ in STEPS),
    columns=(Column("adopters", "Adopters"), Column("days", "Days taken, in all", shown=False),
             Column("timed", "Adopters with both dates", shown=False),
             Column("mean_days", "Average days since the step before", "mean", ("days", "timed"))),
    sql="\nUNION ALL\n".join(_step(code, column, before) for code, _, column, before in STEPS),
    reference="Ofsted, Annex A List 11; Adoption Agencies Regulations 2005 (two-stage process)",
)

BREAKDOWNS = (ADOPTER_JOURNEY,)
