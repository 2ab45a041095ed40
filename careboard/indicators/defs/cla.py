"""Children looked after at a date: count and rate per 10,000 (indicators.md A1)."""

from ..base import Indicator

_IN_CARE = """
SELECT child, 1 AS num, file_id, line_no
FROM cla_on({as_at})
"""

CLA_COUNT = Indicator(
    id="cla_count",
    title="Number of children in care",
    unit="count",
    aggregate="count",
    window="at",
    polarity=None,
    numerator="Children looked after at the end of the period",
    denominator="",
    definition="Children looked after by the council at the end of the month, each counted once. Children "
               "looked after only for short breaks are not counted.",
    technical="Children with an episode open at the as-at date (started on or before it, not ended on or "
              "before it), each counted once even when two of their episodes overlap. Children looked after only "
              "under an agreed series of short breaks (LS V3/V4) are excluded.",
    sentence="At the end of {month}, there were {num} children in care.",
    sql=_IN_CARE,
    decimals=0,
    reference="DfE SSDA903 guide; indicators.md A1",
)

CLA_RATE = Indicator(
    id="cla_rate_10k",
    title="Children in care per 10,000 children",
    unit="rate",
    aggregate="rate",
    window="at",
    polarity="low",
    numerator="Children looked after at the end of the period",
    denominator="Children aged 0 to 17 in the area (ONS mid-year estimate: for the year ending 31 March Y, mid-(Y-1))",
    definition="Children in care at the end of the month for every 10,000 children aged 0 to 17 living in the "
               "area (the ONS mid-year population estimate).",
    technical="cla_count divided by the 0-17 population, times 10,000.",
    sentence="At the end of {month}, there were {num} children in care, a rate of {value} per 10,000 children.",
    sql=_IN_CARE,
    decimals=1,
    reference="DfE CLA statistics; indicators.md A1",
)

INDICATORS = (CLA_COUNT, CLA_RATE)
