"""Return home interviews after a child in care went missing: offered, and done, within 72 hours of the
child's return (DfE statutory guidance on children who run away or go missing, 2014). Incidents and offers
are matched once, in the return_interviews macro (indicators/due.py)."""

from __future__ import annotations

from ..base import Indicator

_WINDOW = """
SELECT child, went_missing, returned_on, offer_due, offered_on, interviewed_on, team, worker, file_id, line_no,
       CASE WHEN {field} <= offer_due THEN 1 ELSE 0 END AS num
FROM return_interviews({{as_at}})
WHERE returned_on BETWEEN {{period_start}} AND {{period_end}} AND offer_due <= {{as_at}}
  AND (offer_due < {{as_at}} OR {field} IS NOT NULL)
"""

_COMMON = dict(unit="%", aggregate="share", window="12m", polarity="high", counts="incidents", group="Missing",
               reference="Statutory guidance on children who run away or go missing from home or care (DfE, 2014); "
                         "timescales.md section 2")
_DENOMINATOR = ("Missing incidents of children in care who came back in the 12 months, whose 72 hours had run out by "
                "the end of the period (or run out on its last day, with an offer made by then)")

RHI_OFFERED = Indicator(
    id="rhi_offered_72h_pct",
    title="Return home interviews offered within 72 hours",
    numerator="Incidents after which a return home interview was offered within 72 hours of the child's return",
    denominator=_DENOMINATOR,
    definition="Each time a child in care came back from being missing in the 12 months, whether they were offered "
               "a return home interview within 72 hours (3 days) of coming back. An interview held in that time "
               "shows it was offered. Absences recorded as away from placement without authorisation are not "
               "counted. Offers come from the council's activity log.",
    technical="Missing incidents (MISSING = M) with MIS_END in the 12 months and MIS_END + 3 days before the as-at "
              "date (on it, when the offer was made by then: until the day ends there is still time); the first "
              "RHI_OFFERED or RHI_DONE in the activity log from MIS_END up to the child's next missing incident, on "
              "or before MIS_END + 3 days.",
    sentence="A return home interview was offered within 72 hours after {num} of the {den} missing incidents "
             "that ended in the 12 months to {month} ({value}).",
    sql=_WINDOW.format(field="offered_on"),
    **_COMMON,
)

RHI_DONE = Indicator(
    id="rhi_done_72h_pct",
    title="Return home interviews held within 72 hours",
    numerator="Incidents after which a return home interview was held within 72 hours of the child's return",
    denominator=_DENOMINATOR,
    definition="Each time a child in care came back from being missing in the 12 months, whether a return home "
               "interview was held within 72 hours (3 days) of coming back. A child may decline one; interviews "
               "held later are counted separately. Interviews come from the council's activity log.",
    technical="As rhi_offered_72h_pct, counting the first RHI_DONE on or before MIS_END + 3 days; held_at_all "
              "counts the incidents with an RHI_DONE at any time before the next incident.",
    sentence="A return home interview was held within 72 hours after {num} of the {den} missing incidents that "
             "ended in the 12 months to {month} ({value}); {held_at_all} were held at some point.",
    sql=_WINDOW.format(field="interviewed_on"),
    extras={"held_at_all": "count(interviewed_on)"},
    **_COMMON,
)

INDICATORS = (RHI_OFFERED, RHI_DONE)
