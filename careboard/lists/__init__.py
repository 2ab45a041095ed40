"""Operational lists: named children a practitioner or manager works through (reviews due, ...).

Each list is a declared unit (base.OperationalList) in its own module under defs/, listed once in
registry.LISTS; run.py runs one against a snapshot's model. Unlike an indicator, a list names children,
so each says who may see it, and none goes into the committee report.
"""
