"""Social-worker rules SW01STG1-SW19STG2. Each case: the rows the rule must flag, worked out by hand.

Years are named by the year ending 31 March: 2024 runs 01/04/2023-31/03/2024, 2025 01/04/2024-31/03/2025,
2026 01/04/2025-31/03/2026, 2027 01/04/2026-31/03/2027. Rows are SWEpisodes rows unless a case says otherwise.
"""

import pytest

from tests.cohort import child, ep, row
from tests.rule_rows import cla, new
from tests.rulecheck import check_case


def sw(c, decom, dec="", sw_id="SW1", reason="MANAGE"):
    return row(child=c, dob="01/01/2010", sw_id=sw_id, sw_decom=decom, sw_dec=dec, sw_reason=reason)


def flags(*rows):
    return [("sw_episodes", r) for r in rows]


COMPLETENESS = [
    ("SW01STG1", "looked after on 31 March with no social worker rows, or none giving a reason", 2024,
     {"episodes": [cla("A"), cla("B"), cla("C", ls="V3"), ep("D", "01/05/2023", "01/06/2023", "E11"), cla("E")],
      "sw_episodes": [sw("A", "01/04/2023"), sw("E", "01/04/2023", reason="")]}, None,
     [("episodes", 2), ("episodes", 5)]),
    ("SW01STG1", "each item given on at least one of the child's rows passes", 2024,
     {"episodes": [cla("A")], "sw_episodes": [sw("A", "01/01/2023", "01/09/2023", reason=""),
                                              sw("A", "01/09/2023", sw_id="")]}, None, []),
    ("SW03STG1", "a missing ID, start date or reason", 2024,
     {"sw_episodes": [sw("A", "01/04/2023"), sw("B", "01/04/2023", sw_id=""), sw("C", ""),
                      sw("D", "01/04/2023", reason="")]}, None, flags(2, 3, 4)),
    ("SW03STG1", "complete rows pass", 2024, {"sw_episodes": [sw("A", "01/04/2023"), sw("B", "01/01/2020")]},
     None, []),
    ("SW01aSTG1", "no ID before April 2023, and a blank start date, fail", 2025,
     {"sw_episodes": [sw("A", "01/01/2023", sw_id=""), sw("B", "01/01/2023", reason=""), sw("C", ""),
                      sw("D", "01/05/2024", sw_id="")]}, None, flags(1, 3)),
    ("SW01aSTG1", "an episode from before April 2023 needs no reason", 2025,
     {"sw_episodes": [sw("B", "01/01/2023", reason=""), sw("D", "01/05/2024")]}, None, []),
    ("SW01bSTG1", "no ID or no reason from 1 April 2023", 2025,
     {"sw_episodes": [sw("A", "01/05/2024", sw_id=""), sw("B", "01/04/2023", reason=""),
                      sw("C", "31/03/2023", reason=""), sw("D", "")]}, None, flags(1, 2)),
    ("SW01bSTG1", "complete rows pass", 2025, {"sw_episodes": [sw("A", "01/05/2024")]}, None, []),
]

FORMATS = [
    ("SW02STG1", "up to 2024/25: a wrong prefix or the prefix alone; blank is left to completeness", 2025,
     {"sw_episodes": [sw("A", "01/05/2024", sw_id="SW123"), sw("B", "01/05/2024", sw_id="XX9"),
                      sw("C", "01/05/2024", sw_id="AB123"), sw("D", "01/05/2024", sw_id="SW"),
                      sw("E", "01/05/2024", sw_id=""), sw("F", "01/05/2024", sw_id="sw5")]}, None, flags(3, 4)),
    ("SW02STG1", "2023/24: wrong prefix", 2024,
     {"sw_episodes": [sw("A", "01/05/2023", sw_id="1234"), sw("B", "01/05/2023", sw_id="SW1")]}, None, flags(1)),
    ("SW02STG1", "from 2025/26 a blank ID fails too", 2026,
     {"sw_episodes": [sw("A", "01/05/2025", sw_id=""), sw("B", "01/05/2025", sw_id="SW123"),
                      sw("C", "01/05/2025", sw_id="X1")]}, None, flags(1, 3)),
    ("SW02STG1", "good IDs pass", 2027,
     {"sw_episodes": [sw("A", "01/05/2026", sw_id="SW123"), sw("B", "01/05/2026", sw_id="XX001")]}, None, []),
    ("SW04STG1", "up to 2024/25: unreadable start dates; blank is left to completeness", 2025,
     {"sw_episodes": [sw("A", "01/05/2024"), sw("B", "31/02/2024"), sw("C", ""), sw("D", "2024-05-01"),
                      sw("E", "01/05/24")]}, None, flags(2, 4, 5)),
    ("SW04STG1", "from 2025/26 a blank start date fails too", 2026,
     {"sw_episodes": [sw("A", ""), sw("B", "01/05/2025"), sw("C", "32/01/2026")]}, None, flags(1, 3)),
    ("SW04STG1", "real dates pass", 2024, {"sw_episodes": [sw("A", "01/05/2023"), sw("B", "29/02/2024")]}, None, []),
    ("SW05STG1", "an unreadable end date fails; blank is an open episode", 2025,
     {"sw_episodes": [sw("A", "01/05/2024", "31/02/2025"), sw("B", "01/05/2024"),
                      sw("C", "01/05/2024", "01/06/2024")]}, None, flags(1)),
    ("SW05STG1", "real and blank end dates pass", 2027,
     {"sw_episodes": [sw("A", "01/05/2026", "01/06/2026"), sw("B", "01/06/2026")]}, None, []),
    ("SW13STG1", "a code not on the list; blank is left to completeness", 2025,
     {"sw_episodes": [sw("A", "01/05/2024"), sw("B", "01/05/2024", reason="BOGUS"),
                      sw("C", "01/05/2024", reason="")]}, None, flags(2)),
    ("SW13STG1", "2023/24: every listed code passes", 2024,
     {"sw_episodes": [sw(c, "01/05/2023", reason=r) for c, r in zip("ABCDEFGHIJ", (
         "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"))]},
     None, []),
    ("SW13STG1", "from 2025/26 a blank reason fails on an episode begun in the year", 2026,
     {"sw_episodes": [sw("A", "01/01/2025", reason=""), sw("B", "01/05/2025", reason=""),
                      sw("C", "01/05/2025", reason="fconta"), sw("D", "01/05/2025", reason="XYZ")]}, None,
     flags(2, 4)),
]

DATES = [
    ("SW06STG2", "a start after 31 March", 2025,
     {"sw_episodes": [sw("A", "01/04/2025"), sw("B", "31/03/2025"), sw("C", "01/01/2020")]}, None, flags(1)),
    ("SW06STG2", "starts up to 31 March pass", 2024, {"sw_episodes": [sw("A", "31/03/2024")]}, None, []),
    ("SW07STG2", "an end before 1 April or after 31 March", 2025,
     {"sw_episodes": [sw("A", "01/01/2024", "31/03/2024"), sw("B", "01/01/2024", "01/04/2024"),
                      sw("C", "01/01/2025", "01/04/2025"), sw("D", "01/01/2025")]}, None, flags(1, 3)),
    ("SW07STG2", "ends inside the year pass", 2027,
     {"sw_episodes": [sw("A", "01/01/2026", "01/04/2026"), sw("B", "01/01/2027", "31/03/2027")]}, None, []),
    ("SW09STG2", "an episode ending the day it began", 2025,
     {"sw_episodes": [sw("A", "01/06/2024", "01/06/2024"), sw("B", "01/06/2024", "02/06/2024")]}, None, flags(1)),
    ("SW09STG2", "episodes of a day or more pass", 2026,
     {"sw_episodes": [sw("A", "01/06/2025", "02/06/2025"), sw("B", "01/06/2025")]}, None, []),
    ("SW18STG2", "an end before the start; the same day is SW09's", 2026,
     {"sw_episodes": [sw("A", "01/06/2025", "31/05/2025"), sw("B", "01/06/2025", "01/06/2025"),
                      sw("C", "01/06/2025", "02/06/2025")]}, None, flags(1)),
    ("SW18STG2", "ends after starts pass", 2027, {"sw_episodes": [sw("A", "01/06/2026", "02/06/2026")]}, None, []),
    ("SW19STG2", "both episodes of a child starting the same day", 2026,
     {"sw_episodes": [sw("A", "01/06/2025", "02/07/2025"), sw("B", "01/06/2025"), sw("A", "01/06/2025"),
                      sw("B", "01/05/2025", "01/06/2025")]}, None, flags(1, 3)),
    ("SW19STG2", "different children on the same day pass", 2027,
     {"sw_episodes": [sw("A", "01/06/2026"), sw("B", "01/06/2026")]}, None, []),
]

CHAIN = [
    ("SW08STG2", "an open episode with a later one after it, in either row order", 2024,
     {"sw_episodes": [sw("A", "01/04/2023"), sw("A", "01/10/2023"), sw("B", "01/04/2023", "30/09/2023"),
                      sw("B", "01/10/2023"), sw("C", "01/10/2023"), sw("C", "01/04/2023")]}, None, flags(1, 6)),
    ("SW08STG2", "a closed episode followed by an open one passes", 2027,
     {"sw_episodes": [sw("B", "01/04/2026", "30/09/2026"), sw("B", "01/10/2026")]}, None, []),
    ("SW14STG2", "an open episode that is not the child's latest", 2024,
     {"sw_episodes": [sw("A", "01/04/2023"), sw("A", "01/10/2023"), sw("B", "01/10/2023")]}, None, flags(1)),
    ("SW14STG2", "only the latest episode open passes", 2024,
     {"sw_episodes": [sw("A", "01/04/2023", "30/09/2023"), sw("A", "01/10/2023")]}, None, []),
    # A: 10-day gap; B: 5-day gap; C: previous still open; D: starts 10 days before the previous ended;
    # E: first contact after a gap, not excused in 2023/24.
    ("SW10STG2", "2023/24: starts more than 7 days from the previous end, or while it is open", 2024,
     {"sw_episodes": [sw("A", "01/04/2023", "30/06/2023"), sw("A", "10/07/2023"),
                      sw("B", "01/04/2023", "30/06/2023"), sw("B", "05/07/2023"),
                      sw("C", "01/04/2023"), sw("C", "01/06/2023"),
                      sw("D", "01/04/2023", "30/06/2023"), sw("D", "20/06/2023"),
                      sw("E", "01/04/2023", "30/06/2023"), sw("E", "01/09/2023", reason="FCONTA")]}, None,
     flags(2, 6, 8, 10)),
    ("SW10STG2", "from 2024/25 a first contact may follow a gap", 2025,
     {"sw_episodes": [sw("A", "01/04/2024", "30/06/2024"), sw("A", "10/07/2024"),
                      sw("E", "01/04/2024", "30/06/2024"), sw("E", "01/09/2024", reason="FCONTA")]}, None,
     flags(2)),
    ("SW10STG2", "a start exactly 7 days after the previous end passes", 2026,
     {"sw_episodes": [sw("B", "01/04/2025", "30/06/2025"), sw("B", "07/07/2025")]}, None, []),
    ("SW10aSTG2", "a gap of more than 7 days, not a first contact", 2026,
     {"sw_episodes": [sw("A", "01/04/2025", "30/06/2025"), sw("A", "10/07/2025"),
                      sw("E", "01/04/2025", "30/06/2025"), sw("E", "01/09/2025", reason="FCONTA")]}, None,
     flags(2)),
    ("SW10aSTG2", "a start 7 days before the previous end passes", 2027,
     {"sw_episodes": [sw("B", "01/04/2026", "30/06/2026"), sw("B", "23/06/2026", "01/08/2026"),
                      sw("B", "01/08/2026")]}, None, []),
    ("SW10bSTG2", "a first contact on or before the previous end, or while it is open", 2026,
     {"sw_episodes": [sw("A", "01/04/2025", "30/06/2025"), sw("A", "30/06/2025", reason="FCONTA"),
                      sw("B", "01/04/2025", "30/06/2025"), sw("B", "01/09/2025", reason="FCONTA"),
                      sw("C", "01/04/2025"), sw("C", "01/06/2025", reason="FCONTA")]}, None, flags(2, 6)),
    ("SW10bSTG2", "a first contact after the previous end passes", 2027,
     {"sw_episodes": [sw("B", "01/04/2026", "30/06/2026"), sw("B", "01/07/2026", reason="FCONTA")]}, None, []),
]

CONTINUITY = [
    # 26/03/2024 is 5 days before 31 March 2024. A: nothing after; B: next 3 days later; C: next 9 days later;
    # D: ended 3 days before 31 March (SW11b's); E: ended exactly 5 days before, nothing after.
    ("SW11aSTG2", "an end more than 5 days before 31 March not followed within 5 days", 2024,
     {"sw_episodes": [sw("A", "01/04/2023", "01/01/2024"), sw("B", "01/04/2023", "01/01/2024"),
                      sw("B", "04/01/2024"), sw("C", "01/04/2023", "01/01/2024"), sw("C", "10/01/2024"),
                      sw("D", "01/04/2023", "28/03/2024"), sw("E", "01/04/2023", "26/03/2024")]}, None,
     flags(1, 4, 7)),
    ("SW11aSTG2", "an episode followed within 5 days passes", 2024,
     {"sw_episodes": [sw("B", "01/04/2023", "01/01/2024"), sw("B", "04/01/2024")]}, None, []),
    ("SW11bSTG2", "2023/24: an end in the last 4 days with nothing after", 2024,
     {"sw_episodes": [sw("D", "01/04/2023", "28/03/2024"), sw("E", "01/04/2023", "26/03/2024"),
                      sw("F", "01/04/2023", "28/03/2024"), sw("F", "29/03/2024")]}, None, flags(1)),
    ("SW11bSTG2", "from 2024/25: any end before 31 March with nothing after", 2025,
     {"sw_episodes": [sw("A", "01/04/2024", "01/01/2025"), sw("B", "01/04/2024", "31/03/2025"),
                      sw("C", "01/04/2024", "01/01/2025"), sw("C", "02/01/2025")]}, None, flags(1)),
    ("SW11bSTG2", "a chain reaching 31 March passes", 2027,
     {"sw_episodes": [sw("A", "01/04/2026", "01/01/2027"), sw("A", "01/01/2027")]}, None, []),
    # C was born in the year, on the day its first episode began; D is on short breaks; E left care.
    ("SW12STG2", "2023/24: episodes of a looked-after child begin after 1 April", 2024,
     {"header": [child("A", sex="1"), child("B", sex="1"), child("C", sex="1", dob="01/06/2023"),
                 child("D", sex="1"), child("E", sex="1"), child("F", sex="1")],
      "episodes": [cla("A"), cla("B"), ep("C", "01/06/2023"), cla("D", ls="V4"),
                   ep("E", "01/05/2023", "01/06/2023", "E11"), cla("F")],
      "sw_episodes": [sw("A", "01/01/2023"), sw("B", "01/06/2023"), sw("B", "01/05/2023", "31/05/2023"),
                      sw("C", "01/06/2023"), sw("D", "01/05/2023"), sw("E", "01/05/2023")]}, None, flags(3)),
    ("SW12STG2", "from 2024/25 a looked-after child with no episodes is reported on the open episode", 2025,
     {"episodes": [cla("A"), cla("B"), cla("F")],
      "sw_episodes": [sw("A", "01/04/2024"), sw("B", "02/04/2024")]}, None,
     [("sw_episodes", 2), ("episodes", 3)]),
    # G and H came into care on 01/06/2024, I has been in care since 2020; each chain starts with a first contact.
    ("SW12STG2", "a first contact may open the chain in the year, but not after care began", 2025,
     {"episodes": [new("G"), new("H"), cla("I")],
      "sw_episodes": [sw("G", "15/05/2024", reason="FCONTA"), sw("H", "10/06/2024", reason="FCONTA"),
                      sw("I", "02/04/2024", reason="FCONTA")]}, None, flags(2, 3)),
    # J's only episode begins after 31 March, a date rule 354 reports: J was not looked after on 31 March.
    ("SW12STG2", "a child whose care begins after 31 March is not looked after on it", 2025,
     {"episodes": [cla("A"), ep("J", "05/04/2025")], "sw_episodes": [sw("A", "01/04/2024")]}, None, []),
    ("SW12STG2", "episodes from before the year pass", 2026,
     {"episodes": [cla("A")], "sw_episodes": [sw("A", "01/01/2025")]}, None, []),
    # A ended on 31 March; B's latest is open; C's earlier episode is still open; D's latest ended.
    ("SW17STG2", "no episode open on 31 March, reported on the latest", 2026,
     {"sw_episodes": [sw("A", "01/04/2025", "31/03/2026"), sw("B", "01/04/2025", "01/01/2026"),
                      sw("B", "01/01/2026"), sw("C", "01/04/2025"), sw("C", "01/06/2025", "01/07/2025"),
                      sw("D", "01/04/2025", "01/06/2025"), sw("D", "01/06/2025", "01/12/2025")]}, None,
     flags(1, 7)),
    ("SW17STG2", "an episode open at 31 March passes", 2027,
     {"sw_episodes": [sw("B", "01/04/2026", "01/01/2027"), sw("B", "01/01/2027")]}, None, []),
]

CASES = COMPLETENESS + FORMATS + DATES + CHAIN + CONTINUITY


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(case):
    check_case(*case)
