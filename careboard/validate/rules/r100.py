"""DfE rules 101-199 and their kin: header, UASC and basic episode codes and dates."""

from ..rule import Rule

RULES = (
    Rule("101", "Sex is not a valid code for this year. Use 1 (male) or 2 (female) up to 2023/24, "
                "and M, F or U (unknown) from 2024/25.",
         table="header", fields=("SEX",), fails='"SEX" IS NULL OR "SEX" NOT IN {SEX}'),
    Rule("102", "Date of birth is missing or not a real date written dd/mm/yyyy. Correct the child's date of birth.",
         table="header", fields=("DOB",), fails='"DOB" IS NULL'),
    Rule("103", "Ethnicity is missing or not one of the DfE ethnicity codes (for example WBRI, MWBC, BAFR, REFU, NOBT).",
         table="header", fields=("ETHNIC",), fails='"ETHNIC" IS NULL OR "ETHNIC" NOT IN {ETHNIC}'),
)
