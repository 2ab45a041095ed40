"""Typing a format's tables into one table shape, with provenance: each table's staging columns and
DDL (schema.py) and the raw tables read as SQL sources (sources.py)."""
