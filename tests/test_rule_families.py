"""Rule families do not import each other: each rule lives in one family module, which imports only the
shared pieces beside it (sql_checks, sql_blocks, field_groups, reference), so a rule is found in one file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import careboard.validate.rules as rules_package
from careboard.validate.registry import FAMILIES

PACKAGE = rules_package.__name__
FOLDER = Path(rules_package.__file__).parent
FAMILY_NAMES = {family.__name__ for family in FAMILIES}
MODULES = sorted(f"{PACKAGE}.{p.stem}" for p in FOLDER.glob("*.py") if p.stem != "__init__")


def imported(source: str, module: str) -> set[str]:
    """Every module `source` (the text of `module`) imports, as absolute names: `from . import x` names x."""
    package = module.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)
    return out


def families_imported(module: str) -> set[str]:
    path = FOLDER / f"{module.rsplit('.', 1)[1]}.py"
    return (imported(path.read_text(encoding="utf-8"), module) & FAMILY_NAMES) - {module}


@pytest.mark.parametrize("module", MODULES)
def test_no_rule_module_imports_a_family(module):
    """A family imports no other family, and a shared piece no family (else a family could reach one through it)."""
    found = ", ".join(sorted(families_imported(module)))
    assert not found, f"{module} imports the rule family {found}: move what they share into a shared module"


@pytest.mark.parametrize("module", MODULES)
def test_a_module_holding_rules_is_a_registered_family(module):
    """Shared pieces declare no RULES; a module that does is a family named in the registry."""
    declares = any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "RULES" for t in n.targets)
                   for n in ast.parse((FOLDER / f"{module.rsplit('.', 1)[1]}.py").read_text(encoding="utf-8")).body)
    assert declares == (module in FAMILY_NAMES), f"{module}: a module with RULES must be in FAMILIES, and only it"


@pytest.mark.parametrize("source,expected", [
    ("from .r100 import AD1_ITEMS", {f"{PACKAGE}.r100", f"{PACKAGE}.r100.AD1_ITEMS"}),
    ("from . import r1000_records", {PACKAGE, f"{PACKAGE}.r1000_records"}),
    ("from ..rules import r700", {f"{PACKAGE}", f"{PACKAGE}.r700"}),
    ("import careboard.validate.rules.r500", {f"{PACKAGE}.r500"}),
    ("from ..rule import Rule", {"careboard.validate.rule", "careboard.validate.rule.Rule"}),
])
def test_imports_are_read_as_absolute_names(source, expected):
    assert imported(source, f"{PACKAGE}.r600") == expected


def test_a_family_importing_another_is_caught():
    """The check itself: the way r500 used to take in r500_adoption's rules is an import of a family."""
    found = imported("from . import r500_adoption\nfrom .r100 import OC2_CORE\n", f"{PACKAGE}.r500") & FAMILY_NAMES
    assert found == {f"{PACKAGE}.r500_adoption", f"{PACKAGE}.r100"}


def test_the_file_docs_name_for_each_rule_declares_it():
    """docs/validation-rules.md sends a reader to one file per rule: the code must be written in that file."""
    from careboard.docs import rule_files
    from careboard.validate.registry import RULES

    root = Path(rules_package.__file__).parents[3]
    files = rule_files()
    assert len(files) == len(RULES), "a rule object is listed by two families"
    wrong = [f"{r.code} in {files[id(r)]}" for r in RULES
             if f'"{r.code}"' not in (root / files[id(r)]).read_text(encoding="utf-8")]
    assert not wrong, f"these rules are not written in the file the docs name: {', '.join(wrong)}"
