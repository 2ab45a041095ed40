"""Indicators: declared units (base.Indicator) in one registry, run by the engine over the model."""
