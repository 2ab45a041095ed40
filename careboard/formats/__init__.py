"""The formats careboard reads, each described as data. registry.py lists them (today the DfE's SSDA903
return, ssda903.py with its spec ssda903.toml); a Format (format.py) says what the format is called,
which spec file holds its tables, columns, keys and field types (spec.py reads it), how its tables are
recognised and what period one of its files covers (period.py). Nothing above this package writes a
table's columns or types down again."""
