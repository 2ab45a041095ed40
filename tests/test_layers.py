"""careboard's layers point one way: a module imports only from its own layer or lower ones.

The layers are declared once, below, lowest first; each is the packages and modules that make it.
A module belongs to the longest name that contains it, so every module of careboard must fall in
one. Imports are read from the source (every `import`, at the top, in a function or under
TYPE_CHECKING alike), so the check needs nothing imported and sees what a reader of the code sees.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "careboard"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("careboard", "careboard.dates", "careboard.plural", "careboard.rounding", "careboard.nearest",
              "careboard.safe_cells", "careboard.calendar", "careboard.results", "careboard.errors",
              "careboard.timescales", "careboard.readings", "careboard.whole_files", "careboard.notepad")),
    ("formats", ("careboard.formats",)),
    ("backends", ("careboard.backends", "careboard.sql")),
    ("ingest", ("careboard.ingest",)),
    ("tables", ("careboard.tables",)),
    # The model's definitions (each derived idea once, and how returns are stitched) sit below the store,
    # whose stale-open-episode warning reads episodes through them; the model built from them sits higher.
    ("concepts", ("careboard.model.concepts",)),
    ("store", ("careboard.store",)),
    ("pipeline", ("careboard.pipeline",)),
    ("model", ("careboard.model",)),
    ("units", ("careboard.validate", "careboard.indicators", "careboard.lists", "careboard.breakdowns", "careboard.profiles",
               "careboard.published", "careboard.judge")),
    ("outputs", ("careboard.report", "careboard.docs", "careboard.synth")),
    ("cli", ("careboard.__main__", "careboard.cli")),
)

# Imports that point up a layer today, each with why it stays for now. An entry that no longer
# matches an import fails the suite too, so the list only shrinks.
ALLOWED_BACK_EDGES: dict[tuple[str, str], str] = {
}

# Names beginning with an underscore used by another module, each with why, shrinking like the list above.
ALLOWED_PRIVATE: dict[tuple[str, str], str] = {
}


@dataclass(frozen=True)
class Import:
    file: str          # relative to the folder above the package, as a reader would open it
    line: int
    importer: str      # module names, dotted
    imported: str
    names: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported}"


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(package: Path) -> list[Import]:
    """Every import of one of the package's own modules, from every module of it."""
    files = sorted(package.rglob("*.py"))
    modules = {module_name(p, package) for p in files}
    found = []
    for path in files:
        importer = module_name(path, package)
        here = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [(a.name, ()) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([node.module] if node.module else []))
                # `from careboard.formats import ssda903` imports the module careboard.formats.ssda903, not careboard itself
                by_target: dict[str, tuple[str, ...]] = {}
                for a in node.names:
                    if f"{base}.{a.name}" in modules:
                        by_target.setdefault(f"{base}.{a.name}", ())
                    else:
                        by_target[base] = by_target.get(base, ()) + (a.name,)
                targets = list(by_target.items())
            else:
                continue
            for target, names in targets:
                if target.split(".")[0] == package.name:
                    found.append(Import(str(path.relative_to(package.parent)), node.lineno, importer, target, names))
    return found


def layer_of(module: str, layers=LAYERS) -> tuple[int, str] | None:
    """(rank, layer) of the longest declared name that is the module or a package holding it. The top
    package stands only for itself (its __init__), so a new module directly under it must be declared."""
    best = None
    for rank, (layer, names) in enumerate(layers):
        for name in names:
            holds = module.startswith(name + ".") and "." in name
            if (module == name or holds) and (best is None or len(name) > best[0]):
                best = (len(name), rank, layer)
    return best and best[1:]


def back_edges(found: list[Import], layers=LAYERS) -> list[tuple[Import, str, str]]:
    """(import, importer's layer, imported's layer) for each import of a higher layer."""
    out = []
    for imp in found:
        (low, low_name), (high, high_name) = layer_of(imp.importer, layers), layer_of(imp.imported, layers)
        if high > low:
            out.append((imp, low_name, high_name))
    return out


def describe(edges) -> str:
    return "\n".join(f"{imp} ({low} layer imports the higher {high} layer)" for imp, low, high in edges)


IMPORTS = imports_in(PACKAGE)


def test_every_module_is_in_a_layer():
    modules = sorted({module_name(p, PACKAGE) for p in PACKAGE.rglob("*.py")})
    assert [m for m in modules if layer_of(m) is None] == [], "add these to LAYERS in tests/test_layers.py"


def test_no_module_imports_a_higher_layer():
    edges = [e for e in back_edges(IMPORTS) if (e[0].importer, e[0].imported) not in ALLOWED_BACK_EDGES]
    assert not edges, "imports pointing up a layer:\n" + describe(edges)


def test_every_allowed_back_edge_still_exists():
    present = {(imp.importer, imp.imported) for imp, _, _ in back_edges(IMPORTS)}
    gone = sorted(set(ALLOWED_BACK_EDGES) - present)
    assert not gone, f"remove these from ALLOWED_BACK_EDGES, the import is gone or no longer points up: {gone}"


def private_imports(found: list[Import]) -> list[Import]:
    return [imp for imp in found if any(n.startswith("_") and not n.startswith("__") for n in imp.names)]


def test_no_module_imports_another_modules_private_names():
    private = [f"{imp} ({', '.join(n for n in imp.names if n.startswith('_'))})" for imp in private_imports(IMPORTS)
               if (imp.importer, imp.imported) not in ALLOWED_PRIVATE]
    assert not private, "private names used from another module; make them public or move them:\n" + "\n".join(private)


def test_every_allowed_private_import_still_exists():
    gone = sorted(set(ALLOWED_PRIVATE) - {(imp.importer, imp.imported) for imp in private_imports(IMPORTS)})
    assert not gone, f"remove these from ALLOWED_PRIVATE, the import is gone: {gone}"


# The checker itself, on a small package made for the purpose.
TOY_LAYERS = (("low", ("toy.low",)), ("high", ("toy", "toy.high")))


def test_a_module_no_layer_names_is_found():
    assert layer_of("careboard.newcomer") is None and layer_of("careboard.cli.newcomer")[1] == "cli"


@pytest.mark.parametrize("source, expected", [
    ("from toy.high import thing\n", ["toy/low/a.py:1: toy.low.a imports toy.high (low layer imports the higher high layer)"]),
    ("\n\ndef f():\n    from ..high import thing\n", ["toy/low/a.py:4: toy.low.a imports toy.high (low layer imports the higher high layer)"]),
    ("from toy import high\n", ["toy/low/a.py:1: toy.low.a imports toy.high (low layer imports the higher high layer)"]),
    ("import toy.high.b\n", ["toy/low/a.py:1: toy.low.a imports toy.high.b (low layer imports the higher high layer)"]),
    ("from . import b\nfrom toy.low.b import _helper\nimport json\n", []),
])
def test_the_checker_names_file_line_and_layers(tmp_path, source, expected):
    for name, text in {"__init__.py": "", "low/__init__.py": "", "low/a.py": source, "low/b.py": "_helper = 1\n",
                       "high/__init__.py": "", "high/b.py": "from toy.low import a\n"}.items():
        (tmp_path / "toy" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "toy" / name).write_text(text)
    assert describe(back_edges(imports_in(tmp_path / "toy"), TOY_LAYERS)).splitlines() == expected
