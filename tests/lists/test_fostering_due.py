"""The fostering team's due lists (`careboard due --list temporary|fostering`): rows and summaries worked out
by hand at 31 January 2025, from the fixtures of tests/indicators/test_local_lists.py."""

from datetime import date

import pytest

from tests.lists.check import check_case
from tests.indicators.test_local_lists import APPLICATIONS, AS_AT, TEMPORARY

D = date
NOBODY = (None, None)    # the lists give no team or worker

CASES = [
    # (list, description, returns, snapshot as-at date, options, expected rows, expected summary)
    ("temporary_approvals_due", "16 weeks from the start, the 16-week date recorded, or the extension",
     # T1's 16 weeks ended 21/01/2025; T3's end 04/02 and T6's extension 16/02; T2's extension (17/03) is beyond
     # the 28 days; T4 has ended and T5 not begun.
     TEMPORARY, AS_AT, {},
     [("T1", "overdue", D(2025, 1, 21), 10, "C1", D(2024, 10, 1), None, *NOBODY),
      ("T3", "due soon", D(2025, 2, 4), 0, "C3", D(2024, 10, 15), None, *NOBODY),
      ("T6", "due soon", D(2025, 2, 16), 0, "C6", D(2024, 9, 1), D(2025, 2, 16), *NOBODY)],
     "1 approval overdue and 2 due in the next 28 days at 31/01/2025."),
    ("temporary_approvals_due", "drawn up for 30/09/2024, before most began: none ending",
     TEMPORARY, D(2024, 9, 30), {}, [],
     "0 approvals overdue and 0 due in the next 28 days at 30/09/2024."),
    ("fostering_assessments_due", "8 months from the application; a panel after the report date is still to come",
     # A5 applied 01/03/2024: 8 months ended 01/11/2024. A4 (01/07/2024) is due 01/03/2025, within 40 days;
     # A7 (01/12/2024) not until 01/08/2025.
     APPLICATIONS, AS_AT, {"days": 40},
     [("A5", "overdue", D(2024, 11, 1), 91, "MAINSTREAM", D(2024, 3, 1), None, None, *NOBODY),
      ("A4", "due soon", D(2025, 3, 1), 0, "MAINSTREAM", D(2024, 7, 1), D(2024, 8, 1), None, *NOBODY)],
     "1 assessment overdue and 1 due in the next 40 days at 31/01/2025."),
    ("fostering_assessments_due", "drawn up for 30/09/2024: A2's panel of 02/10/2024 had not happened yet",
     # A2 applied 01/02/2024: 8 months end 01/10/2024, in the next 28 days. A1 and A5 are due 01/11/2024, beyond.
     APPLICATIONS, D(2024, 9, 30), {},
     [("A2", "due soon", D(2024, 10, 1), 0, "CONNECTED", D(2024, 2, 1), D(2024, 2, 1), None, *NOBODY)],
     "0 assessments overdue and 1 due in the next 28 days at 30/09/2024."),
    ("fostering_assessments_due", "nothing due on the day itself at 30/09/2024",
     APPLICATIONS, D(2024, 9, 30), {"days": 0}, [],
     "0 assessments overdue and 0 due in the next 0 days at 30/09/2024."),
]


@pytest.mark.parametrize("list_id,description,returns,snapshot_as_at,options,rows,said", CASES,
                         ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_fostering_lists(list_id, description, returns, snapshot_as_at, options, rows, said):
    check_case(list_id, returns, snapshot_as_at, options, rows, said)
