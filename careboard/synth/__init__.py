"""Synthetic SSDA903 data: a seedable simulation of one council's children in care, exported as
the annual returns a case system would produce on any date.

    timeline = simulate(seed=1, children_in_care=400, years=10)
    export(timeline, date(2026, 1, 31), Path("out/extract"), errors=["bad_date", "duplicate_key"])
    write_reference(timeline, Path("out/reference"))    # the URN list and postcode lookup to validate with

Used by the demo, the tests and the speed benchmarks (``export_many`` for national size).
"""

from .bulk import BulkResult, export_many
from .demo import write_demo_extracts
from .errors import CATALOGUE as ERROR_KINDS
from .export import ExportResult, InjectedError, export
from .reference import ReferenceFiles, write_reference
from .simulate import simulate
from .timeline import Child, Episode, Period, Timeline

__all__ = ["simulate", "export", "export_many", "write_demo_extracts", "Timeline", "Child", "Period",
           "Episode", "ExportResult", "InjectedError", "BulkResult", "ERROR_KINDS", "write_reference",
           "ReferenceFiles"]
