"""careboard's load as the command line runs it: the pipeline with the DfE rules plugged in, with the
reference data given (validate=False: none, as with --no-validate)."""

from __future__ import annotations

from careboard.pipeline import load as pipeline
from careboard.validate.on_load import DfERules
from careboard.validate.reference_inputs import ReferenceInputs


def load(con, paths, *, validate: bool = True, reference: ReferenceInputs | None = None, **options):
    return pipeline.load(con, paths, validation=DfERules(reference or ReferenceInputs()) if validate else None,
                         **options)
