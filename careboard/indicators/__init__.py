"""Indicators: declared units (base.Indicator) in one registry, run by calculate.py over the model."""
