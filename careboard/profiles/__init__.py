"""Profile tables of the children in care (age, gender, ethnicity, legal status, placement, time in
care, UASC) at several dates, as the committee report shows them. The groupings are data: groups.toml."""

from .counts import countable, profile_counts
from .groups import GroupsError, Row, Table, groups, load_groups
from .tables import build_profiles

__all__ = ["countable", "profile_counts", "build_profiles", "groups", "load_groups", "GroupsError", "Row", "Table"]
