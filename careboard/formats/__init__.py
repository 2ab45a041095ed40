"""The formats careboard reads, each described as data: today the DfE's SSDA903 return
(ssda903.py reading ssda903.toml). A format's module says what its tables, columns, keys and field
types are; nothing above it writes those down again."""
