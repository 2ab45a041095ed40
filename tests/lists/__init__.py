"""Cases for the operational lists: each module holds CASES, keyed by list id (tests/test_meta_lists.py)."""
