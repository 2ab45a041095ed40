"""Targets, RAG, variance and change arrows for committee KPIs."""

from careboard.judge.assess import (
    assess,
    change,
    change_arrow,
    rag,
    variance,
    variance_rule_text,
    variance_unit,
)
from careboard.judge.council import (
    CouncilConfig,
    CouncilConfigError,
    Target,
    load_council_config,
)

__all__ = [
    "CouncilConfig",
    "CouncilConfigError",
    "Target",
    "assess",
    "change",
    "change_arrow",
    "load_council_config",
    "rag",
    "variance",
    "variance_rule_text",
    "variance_unit",
]
