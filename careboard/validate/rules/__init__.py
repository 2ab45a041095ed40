"""Rule families: one module per group of DfE codes, each listing its rules in RULES and named in
validate/registry.FAMILIES. A family imports no other family, only the shared pieces beside it (sql_checks,
sql_blocks, field_groups, reference), so each rule is found in one file (docs/validation-rules.md names it)."""
