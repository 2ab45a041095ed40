"""Breakdown tables: a committee paper's small tables of counts by month, by source or by code (approvals by
month with how many were within the timescale, notifications by who made them, reviews by how the child
took part). Declared units, like indicators, in one registry."""
