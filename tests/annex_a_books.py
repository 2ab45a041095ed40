"""Annex A workbooks written by hand for the tests, shaped like councils' own: Ofsted's long headers or
short ones, titles above the header row, the three ways of writing a coded answer, dates as dates, text
and formulas, error values, lists 1-7 beside lists 8-11.

A sheet is given as rows of cells (the header row among them); a cell is a value as openpyxl writes it
(a date, a number, text, or "=..." for a formula, which openpyxl saves without a result)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

# Ofsted's template headers, as councils' workbooks carry them.
LIST_8 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
          "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
          "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need",
          "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
          "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
          "Date of Last Social Work Visit", "What is the permanence plan for this child?",
          "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
          "Date of Last Dental Check", "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
          "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type",
          "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
          "Number of Episodes the Child has been \u2018Missing\u2019 from their Placement in the last 12 months",
          "Number of Episodes the Child has been \u2018Absent\u2019 from their Placement in the last 12 months",
          "Was the child offered a Return Interview after their last missing episode (Y/N)?",
          "Did the child accept a Return Interview after their last missing episode (Y/N)?",
          "Allocated Team", "Allocated Worker"]

LIST_9 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
          "Does the Child have a Disability", "Allocated Team", "Allocated Worker", "Eligibity Category",
          "LA in Touch", "Type of accommodation", "Suitability of Accomodation", "Activity Status"]

LIST_10 = ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
           "Does the Child have a Disability", "Date the Child Entered Care",
           "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
           "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order ",
           "Date of Decision that Child Should No Longer be Placed for Adoption",
           "Reason Why Child No Longer Placed for Adoption",
           "Date the child was placed for fostering in FFA or concurrent planning placement"]

LIST_11 = ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
           "Is the (prospective) adopter fostering for adoption?", "Date enquiry received", "Date Stage 1 started",
           "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
           "Date application approved", "Date adopter matched with child(ren)",
           "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
           "Date of leaving adoption process", "Reason for leaving adoption process"]

LIST_3 = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of referral",
          "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team",
          "Allocated Worker"]


def list_8_row(child: str, **cells) -> list:
    """A list 8 row in the template's column order: a looked-after child with every answer in the
    template's own wording, changed where `cells` says (by header, or by its first word for short)."""
    row = {
        "Child Unique ID": child, "Gender": "b) Female", "Ethnicity": "a) WBRI", "Date of Birth": date(2012, 5, 3),
        "Age of Child (Years)": 12, LIST_8[5]: "b) No", "Does the Child have a Disability": "b) No",
        "Date Started to be Looked After": date(2023, 6, 1), "Child's Category of Need": "N1 - Abuse or neglect",
        LIST_8[9]: "b) No", "Start date of current legal status": date(2023, 9, 14),
        "Child's Legal Status": "C2: FCO", "Date of Latest Statutory Review": date(2024, 11, 20),
        "Date of Last Social Work Visit": date(2025, 1, 6), LIST_8[14]: "f) Long-term fostering",
        LIST_8[15]: date(2024, 12, 2), "Date of Last Health Assessment": date(2024, 8, 1),
        "Date of Last Dental Check": date(2024, 10, 1), "Number of Placements in the Last 12 months": 1,
        "Date Ceased to be Looked After": None, "Reason Ceased to be Looked After": None,
        "Start Date of Most Recent Placement": date(2023, 6, 1), "Placement Type": "f) U6: Foster placement - not FFA",
        "Placement Provider": "b) PR1: Own provision", "Placement postcode": "PE1 1AA", "URN of Placement": None,
        "Placement Location": "a) In", "LA of Placement": "Peterborough", LIST_8[28]: 0, LIST_8[29]: 0,
        LIST_8[30]: None, LIST_8[31]: None, "Allocated Team": "Children in Care 1", "Allocated Worker": "A Worker",
    }
    row.update(cells)
    return [row[h] for h in LIST_8]


def write_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with a sheet per entry, each holding its rows from A1 down (None: an empty cell)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
    book.save(path)
    return path
