"""(family not yet written)"""

RULES = ()
