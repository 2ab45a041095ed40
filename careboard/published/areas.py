"""Area keys and year labels shared by the EES, ONS and LAIT readers.

Every area is keyed by one string: the 3-digit DfE LA number for an LA ("874"), the ONS region code
for a region ("E12000006", or "E13000001"/"E13000002" for Inner/Outer London) and "E92000001" for
England. LAs are joined on the DfE number because GSS codes change when a county becomes unitary.
"""

from __future__ import annotations

from functools import lru_cache

import re

ENGLAND = "E92000001"

# LAIT area numbers for England and the regions (benchmarks.md §5); 1000 is a discontinued England row.
LAIT_AREAS = {
    970: ENGLAND,
    980: "E12000001",  # North East
    981: "E12000002",  # North West
    982: "E12000003",  # Yorkshire and the Humber
    983: "E12000004",  # East Midlands
    984: "E12000005",  # West Midlands
    985: "E12000006",  # East of England
    986: "E12000007",  # London
    987: "E13000001",  # Inner London
    988: "E13000002",  # Outer London
    989: "E12000008",  # South East
    990: "E12000009",  # South West
}
LAIT_IGNORED_AREAS = {1000}


def ees_area_key(level: str, region_code: str | None, old_la_code: str | None) -> str | None:
    """Key of one EES/ONS row from its geographic level and codes (None for unknown levels)."""
    if level == "National":
        return ENGLAND
    if level == "Regional":
        return region_code or None
    if level == "Local authority":
        return old_la_code or None
    return None


def lait_area_key(la_number: float | None) -> str | None:
    """Key of one LAIT row from its float ``LA Number`` (e.g. 874.0 -> "874", 970.0 -> England)."""
    if la_number is None:
        return None
    number = int(la_number)
    if number in LAIT_IGNORED_AREAS:
        return None
    return LAIT_AREAS.get(number, str(number))


def normalise_la_code(la_code: str | int) -> str:
    """Accept 874, "874" or "874.0"; reject anything that is not a 3-digit DfE LA number."""
    text = str(la_code).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not re.fullmatch(r"\d{3}", text):
        raise ValueError(f"LA code must be a 3-digit DfE LA number such as '874', got {la_code!r}")
    return text


# LAIT "Years" labels; suffixes mark revisions. A later revision wins over a provisional figure.
_SUFFIX_RANK = {"(final)": 0, "(rev)": 1, "": 2, "(ot)": 3, "(prov)": 4}
_SINGLE = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})[-/](\d{2})$")                 # '2024-25', '2023/24', '2019-21'
_ACADEMIC_SPAN = re.compile(r"^(\d{2})\d{2}/\d{2}-\d{2}/(\d{2})$")  # '2019/20-21/22'


# Labels and values repeat thousands of times in one file: parse each distinct text once.
@lru_cache(maxsize=65536)
def parse_lait_year(label: str) -> tuple[int, int] | None:
    """(year ending, preference rank) for a LAIT ``Years`` label; None for junk such as '0'.

    '2025' is the year ending March 2025 for financial-year measures; '2024-25' and '2024/25'
    also end in 2025. 3-year spans ('2019-21', '2019/20-21/22') are keyed by their last year.
    A lower rank is preferred when one measure has several rows for the same year.
    """
    text = label.strip()
    suffix = ""
    match = re.search(r"\s*(\([A-Za-z]+\))$", text)
    if match:
        suffix = match.group(1).lower()
        text = text[: match.start()]
    rank = _SUFFIX_RANK.get(suffix)
    if rank is None:
        return None
    if m := _SINGLE.match(text):
        year = int(m.group(1))
        return (year, rank) if year > 1900 else None
    if m := _RANGE.match(text):
        start = int(m.group(1))
        end = start // 100 * 100 + int(m.group(2))
        return (end if end > start else end + 100, rank)
    if m := _ACADEMIC_SPAN.match(text):
        return (int(m.group(1) + m.group(2)), rank)
    return None
