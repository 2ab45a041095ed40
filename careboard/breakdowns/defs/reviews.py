"""Reviews by how the child took part (the SSDA903's participation codes), as an IRO's report shows them."""

from __future__ import annotations

from ..base import Breakdown, Column

# The return's participation codes, in words (SSDA903 guide), and reviews with none recorded.
PARTICIPATION = (("PN0", "Child under 4"), ("PN1", "Attended and spoke for themselves"),
                 ("PN2", "Attended, an advocate spoke for them"), ("PN3", "Attended and gave their views non-verbally"),
                 ("PN4", "Attended but did not contribute"), ("PN5", "Did not attend, briefed an advocate"),
                 ("PN6", "Did not attend, gave their views another way"),
                 ("PN7", "Did not attend, views not given"), ("", "Not recorded"))

REVIEWS_BY_PARTICIPATION = Breakdown(
    id="reviews_by_participation",
    title="Reviews by how the child took part",
    section="Reviews",
    description="Reviews of children in care held in the last 12 months by how the child took part, as the "
                "independent reviewing officer recorded it. Reviews of children in care only for short breaks are "
                "left out.",
    by="code",
    key_heading="How the child took part",
    codes=PARTICIPATION,
    columns=(Column("reviews", "Reviews"),),
    sql="""
SELECT coalesce(review_code, '') AS code, count(*) AS reviews
FROM review_schedule
WHERE review_date BETWEEN {period_start} AND {period_end}
GROUP BY coalesce(review_code, '')
""",
    reference="SSDA903 REVIEW_CODE; indicators.md A9",
    sheet="Reviews by participation",
)

BREAKDOWNS = (REVIEWS_BY_PARTICIPATION,)
