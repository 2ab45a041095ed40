"""Private fostering: notifications received, and whether the first visit followed within 7 working days
(Children (Private Arrangements for Fostering) Regulations 2005; timescales.md section 3). From the council's
list of private fostering notifications (docs/local-lists.md)."""

from __future__ import annotations

from ...timescales import get as timescale
from ..base import Indicator

GROUP = "Private fostering"
REFERENCE = "Children (Private Arrangements for Fostering) Regulations 2005; timescales.md section 3"
FIRST_VISIT = timescale("private_fostering_first_visit")
# The sources of a notification a committee paper names, by the list's codes (schools: codes.toml).
_SOURCES = ("PARENT", "CARER", "HEALTH", "SOCIAL_CARE")

NOTIFICATIONS = Indicator(
    id="private_fostering_notifications_count",
    title="Private fostering notifications received",
    unit="count",
    aggregate="count",
    window="12m",
    polarity=None,
    numerator="Notifications of a private fostering arrangement received in the 12 months",
    denominator="",
    definition="Notifications the council received in the 12 months that a child was, or was about to be, "
               "privately fostered: cared for 28 days or more by someone who is not a parent or close relative. "
               "Who notified the council is shown: parents, carers, schools (their admissions teams too), health "
               "and social care; the rest "
               "(the child, the police, another council and others) together.",
    technical="private_fostering rows with NOTIFIED in the 12 months, counted by NOTIFIED_BY.",
    sentence="In the 12 months to {month} the council received {num} private fostering notifications: {parent} from "
             "parents, {carer} from carers, {school} from schools, {health} from health, {social_care} from social "
             "care and {other} from others.",
    sql="""
SELECT child, notified, notified_by, first_visit, file_id, line_no, 1 AS num
FROM private_fostering
WHERE notified BETWEEN {period_start} AND {period_end}
""",
    decimals=0,
    extras={**{code.lower(): f"count(CASE WHEN notified_by = '{code}' THEN 1 END)" for code in _SOURCES},
            "school": "count(CASE WHEN notified_by IN {PRIVATE_FOSTERING_SCHOOLS} THEN 1 END)",
            "other": "count(CASE WHEN notified_by NOT IN {PRIVATE_FOSTERING_NAMED_SOURCES} THEN 1 END)"},
    counts="notifications",
    group=GROUP,
    reference=REFERENCE,
)

FIRST_VISIT_ON_TIME = Indicator(
    id="private_fostering_first_visit_pct",
    title="Private fostering notifications followed by a visit within 7 working days",
    unit="%",
    aggregate="share",
    window="12m",
    polarity="high",
    numerator="Notifications followed by a first visit within 7 working days",
    denominator="Notifications received in the 12 months whose 7 working days had passed by the end of the period",
    definition="Of the private fostering notifications received in the 12 months, the share where a social worker "
               "first visited the child within 7 working days. A notification whose 7 days are still running is "
               "counted once they have passed, or once the visit is made.",
    technical="private_fostering with NOTIFIED in the 12 months and NOTIFIED + 7 working days before the as-at "
              "date (or a FIRST_VISIT by then); counted when FIRST_VISIT is on or before that day.",
    sentence="{num} of the {den} private fostering notifications in the 12 months to {month} were followed by a "
             "visit within 7 working days ({value}).",
    sql=f"""
SELECT child, notified, first_visit, due_date, file_id, line_no,
       CASE WHEN first_visit <= due_date THEN 1 ELSE 0 END AS num
FROM (SELECT *, {FIRST_VISIT.due_sql("notified")} AS due_date FROM private_fostering) p
WHERE notified BETWEEN {{period_start}} AND {{period_end}} AND (due_date < {{as_at}} OR first_visit <= {{as_at}})
""",
    counts="notifications",
    group=GROUP,
    reference=REFERENCE,
)

INDICATORS = (NOTIFICATIONS, FIRST_VISIT_ON_TIME)
