"""The glossary at the end of the committee report: the codes and technical terms the report uses.

Everything else in the report is written in plain words; a term that cannot be avoided (a measure's
national code such as A1, an abbreviation such as NEET) is explained here once. Only the terms that
the report actually prints are listed, in alphabetical order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    pattern: str = ""      # regular expression that finds the term in the report; default: the term as a word

    def used_in(self, text: str) -> bool:
        return re.search(self.pattern or rf"(?<![\w-]){re.escape(self.term)}(?![\w-])", text) is not None


TERMS = (
    Term("A1", "National adoption measure: the average number of days between a child entering care and moving "
               "in with the family who adopted them."),
    Term("A2", "National adoption measure: the average number of days between the court giving the council "
               "authority to place a child for adoption and the council deciding on a match with adopters."),
    Term("A3", "National adoption measure: the share of children adopted who moved in with their adoptive family "
               "less than 14 months after entering care."),
    Term("A10", "National adoption measure: as A1, but for a child adopted by their own foster carers the clock "
                "stops when the child moved in with those carers."),
    Term("Care leaver", "A young person who was in care for at least 13 weeks from the age of 14, including some "
                        "time after their 16th birthday, and has now left care.", r"(?i)\bcare leavers?\b"),
    Term("Children in care", "Children looked after by the council, under a court order or by agreement with "
                             "their parents (the law calls them looked-after children).", r"(?i)\bchildren in care\b"),
    Term("Children looked after continuously for 12 months",
         "Children who had been in care without a break for at least 12 months on 31 March. Health, wellbeing "
         "and offending figures are reported for this group once a year, as the Department for Education does.",
         r"(?i)\blooked after continuously for 12 months\b"),
    Term("ONS", "Office for National Statistics, whose mid-year estimates give the number of children living in "
                "the area."),
    Term("NEET", "Not in education, employment or training."),
    Term("Period of care", "The time from a child starting to be looked after to leaving care. Moves between "
                           "placements within it do not start a new period of care.", r"(?i)\bperiods? of care\b"),
    Term("Placement", "Where a child in care lives and who looks after them, for example foster carers or a "
                      "children's home.", r"(?i)\bplacements?\b"),
    Term("Placement order", "A court order that allows the council to place a child with prospective adopters.",
         r"(?i)\bplacement orders?\b"),
    Term("pp", "Percentage points: the difference between two percentages (from 10% to 12% is +2 pp)."),
    Term("RAG", "Red, amber or green: how a figure compares with its target (see the notes)."),
    Term("Rolling 12 months", "The 12 months up to and including the month of the report; each month the oldest "
                              "month drops out and the newest comes in."),
    Term("Rolling 3 years", "The 3 years up to and including the month of the report, as the national adoption "
                            "measures are published."),
    Term("Month", "The calendar month of the report.", r"(?<![\w-])Month(?! end)(?![\w-])"),
    Term("Month end", "A count taken on the last day of the month."),
    Term("Year to date", "From 1 April, the start of the financial year, to the end of the month of the report.",
         r"(?i)\byear to date\b"),
    Term("Year", "A figure for the last complete financial year (1 April to 31 March), which is how the "
                 "Department for Education collects it; it changes once a year.", r"\bYear \d{4}/\d{2}\b"),
    Term("SDQ", "Strengths and Difficulties Questionnaire: a short questionnaire about a child's emotional and "
                "behavioural health, completed by the carer. Scores run from 0 to 40; a higher score means more "
                "difficulties, and 17 or more is a cause for concern."),
    Term("Short breaks", "Planned short stays away from home (respite care), usually for disabled children who "
                         "live with their families. Children in care only for short breaks are not counted as "
                         "children in care in this report.", r"(?i)\bshort breaks?\b"),
    Term("Special guardianship order", "A court order that makes someone, often a relative or a former foster "
                                       "carer, the child's special guardian until they are 18.",
         r"(?i)\bspecial guardianship orders?\b"),
    Term("SN model", "The Department for Education's statistical neighbour model of the year shown, which chooses "
                     "the councils most like this one."),
    Term("Stat Neighbours", "Statistical neighbours: the councils most like this one, chosen by the Department "
                            "for Education's model; the benchmark is their average."),
    Term("Unaccompanied asylum-seeking children", "Children seeking asylum in the UK who are not with a parent "
                                                  "or another adult responsible for them.",
         r"(?i)\bunaccompanied asylum-seeking\b"),
)


def glossary(text: str) -> list[Term]:
    """The terms ``text`` (the rest of the report) uses."""
    used = [term for term in TERMS if term.used_in(text)]
    return sorted(used, key=lambda term: [int(part) if part.isdigit() else part.casefold()
                                          for part in re.split(r"(\d+)", term.term)])
