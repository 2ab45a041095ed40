"""The fostering tables a committee paper shows: approvals by month, with how many came within 8 months
of the application, and private fostering notifications by who made them."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Breakdown, Column

APPROVALS_BY_MONTH = Breakdown(
    id="fostering_approvals_by_month",
    title="Fostering approvals by month",
    section="Fostering",
    description="Fostering households approved at panel in each of the last 12 months, mainstream and connected "
                "(family and friends) carers, and how many were approved within 8 months of their application, "
                "the national minimum standard.",
    by="month",
    key_heading="Month",
    columns=(Column("mainstream", "Mainstream"), Column("connected", "Connected"), Column("approved", "All approvals"),
             Column("within", "Within 8 months"), Column("within_pct", "Within timescale", "%", ("within", "approved"))),
    sql=f"""
SELECT CAST(date_trunc('month', panel) AS DATE) AS month,
       count(CASE WHEN application_type = 'MAINSTREAM' THEN 1 END) AS mainstream,
       count(CASE WHEN application_type = 'CONNECTED' THEN 1 END) AS connected,
       count(*) AS approved,
       count(CASE WHEN panel <= {timescale("fostering_assessment").due_sql("application")} THEN 1 END) AS within
FROM fostering_applications
WHERE outcome = 'APPROVED' AND panel BETWEEN {{period_start}} AND {{period_end}}
GROUP BY CAST(date_trunc('month', panel) AS DATE)
""",
    reference="Fostering Services: National Minimum Standards (2011), standard 14.4",
)

# Who notified the council, in the list's codes (docs/local-lists.md), in the order a paper lists them.
SOURCES = (("PARENT", "Parent"), ("CARER", "Private foster carer"), ("SELF", "The child"), ("SCHOOL", "School"),
           ("SCHOOL_ADMISSIONS", "School admissions"), ("HEALTH", "Health"), ("POLICE", "Police"),
           ("SOCIAL_CARE", "Children's social care"), ("OTHER_LA", "Another council"), ("OTHER", "Other"))

NOTIFICATIONS_BY_SOURCE = Breakdown(
    id="private_fostering_by_source",
    title="Private fostering notifications by source",
    section="Private fostering",
    description="Private fostering notifications received in the last 12 months by who notified the council, and "
                "how many were followed by a visit within 7 working days, by the date of this report. The share "
                "visited in time is of the notifications whose 7 working days had passed by then, or visited within "
                "them, as the figure counts: one still within its time and not yet visited is left out of it.",
    by="code",
    key_heading="Notified by",
    codes=SOURCES,
    columns=(Column("notifications", "Notifications"), Column("visited", "Visited within 7 working days"),
             Column("due", "Due a visit", shown=False),
             Column("visited_pct", "Visited in time", "%", ("visited", "due"))),
    sql=f"""
SELECT notified_by, count(*) AS notifications,
       count(CASE WHEN first_visit <= due_date AND first_visit <= {{as_at}} THEN 1 END) AS visited,
       count(CASE WHEN due_date < {{as_at}} OR first_visit <= {{as_at}} THEN 1 END) AS due
FROM (SELECT *, {timescale("private_fostering_first_visit").due_sql("notified")} AS due_date FROM private_fostering) p
WHERE notified BETWEEN {{period_start}} AND {{period_end}}
GROUP BY notified_by
""",
    reference="Children (Private Arrangements for Fostering) Regulations 2005",
    sheet="Private fostering by source",
)

BREAKDOWNS = (APPROVALS_BY_MONTH, NOTIFICATIONS_BY_SOURCE)
