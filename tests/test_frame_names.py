"""The rules' per-return tables (validate/frame.py) and the stitched model (careboard/model) live side by
side on a store's connection: a load validates its returns there, and a model may already be built on it.
They never share a name, so neither side replaces or drops the other's tables."""

from __future__ import annotations

from datetime import date

from careboard import model
from careboard.store import open_store
from careboard.validate.frame import PREFIX, frame_tables
from careboard.validate.rules.reference import DDL as REFERENCE_TABLES
from careboard.validate.session import validate_snapshot
from tests.cohort import ep, with_headers, write_returns
from tests.loading import load

# Tables the model builds beside its views (the working-day calendar its review schedule reads).
MODEL_TABLES = set(model.VIEWS) | {"calendar"}


def test_every_frame_table_has_the_frame_prefix():
    assert [t for t in frame_tables() if not t.startswith(PREFIX)] == []


def test_no_model_table_has_the_frame_prefix():
    assert [t for t in MODEL_TABLES if t.startswith(PREFIX)] == []


def test_the_validation_side_and_the_model_share_no_name():
    validation_side = set(frame_tables()) | set(REFERENCE_TABLES)
    assert validation_side & MODEL_TABLES == set()


def test_the_check_would_see_a_clash():
    """Had the frame kept the tables' own names (episodes ...), the model's episodes would clash."""
    unprefixed = {t.removeprefix(PREFIX) for t in frame_tables()}
    assert unprefixed & MODEL_TABLES >= {"episodes", "reviews", "missing", "sw_episodes"}


def _counts(con) -> dict[str, int]:
    return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in model.VIEWS}


def test_validating_a_snapshot_leaves_the_model_built_on_its_connection(tmp_path):
    returns = with_headers({
        2024: {"episodes": [ep("A", "01/05/2023", place="U1", rne="S", ls="C2", cin="N1")]},
        2025: {"episodes": [ep("A", "01/05/2023", "01/07/2024", "X1", place="U1", rne="S", ls="C2", cin="N1"),
                            ep("A", "01/07/2024", place="U4", rne="P", ls="C2", cin="N1")]}})
    con = open_store(":memory:")
    snapshot = load(con, write_returns(tmp_path, returns), as_at=date(2025, 3, 31), validate=False).snapshot_id
    model.build_model(con, snapshot)
    before = _counts(con)
    outcomes = validate_snapshot(con, snapshot, [2025])
    assert [o.year for o in outcomes] == [2025]
    assert _counts(con) == before and before["episodes"] == 2 and before["periods"] == 1
    # and the frame's own tables are gone
    assert con.execute(f"SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '{PREFIX}%'").fetchone() == (0,)
