"""Validation: the DfE SSDA903 rule set, year-aware, as declared units run in batches over the staging tables."""
