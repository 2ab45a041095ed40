"""Rule families: one module per group of DfE codes, each listing its rules in RULES."""
