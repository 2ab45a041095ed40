"""(family not yet written)"""

INDICATORS = ()
