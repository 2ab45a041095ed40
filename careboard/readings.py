"""The two readings of several years' returns that every figure can be worked out with, named once.

Kept apart from careboard.model, which builds the model: the command line offers the readings as a
choice without loading it.
"""

# How several years' returns are read together (see docs/indicators.md, "Reading several years"):
#   latest   - data as loaded now: every return, a later return's version of an episode replacing an
#              earlier one's for all of its dates, so corrections made since reach back into history;
#   per-year - the DfE's convention: a date is counted from the returns up to the collection year that
#              contains it, so what was returned for that year stands, as in the published figures.
HISTORY = ("latest", "per-year")
DEFAULT_HISTORY = "latest"
# What the report's notes say about the reading used, for committee members.
HISTORY_NOTES = {
    "latest": "Figures for earlier months are worked out from all the data loaded now, so corrections the council "
              "has made since, in later years' returns, are reflected in them. They can therefore differ from "
              "figures published at the time by the Department for Education, which counts each date from the "
              "return for the year (April to March) that contains it and does not revise it afterwards.",
    "per-year": "Figures for each month are worked out as the Department for Education counts them: each date "
                "from the return for the year (April to March) that contains it and the returns before it, so "
                "figures for past months stay as they were returned at the time, even where a later return "
                "corrected them.",
}
