"""Naming the nearest known ids, and listing options as a reader would."""

from __future__ import annotations

import pytest

from careboard.nearest import either, nearest


@pytest.mark.parametrize("options, said", [([], ""), (["a"], "a"), (["a", "b"], "a or b"), (["a", "b", "c"], "a, b or c")])
def test_options_are_listed_as_a_reader_lists_them(options, said):
    assert either(options) == said


def test_the_nearest_ids_are_the_same_in_another_case_then_close_spellings_then_containing():
    known = ["cla_count", "ceased_count", "uasc_count", "starts_count"]
    assert nearest("CLA_COUNT", known) == ["cla_count"]
    assert nearest("cla_cont", known) == ["cla_count", "ceased_count", "uasc_count"]
    assert nearest("starts", known) == ["starts_count"]
    assert nearest(99, [1, 12, 7]) == [12]
