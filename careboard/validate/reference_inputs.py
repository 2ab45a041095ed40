"""The optional reference inputs of a validation run: reading them into the tables the rules read
(rules/reference.py), with every LA code in one form, and saying what the run can then check.

The council's own LA code comes from --la, or else from the return's file names when they all start
with the same DfE number ("874 Children 2025-26.csv"); otherwise the rules comparing with it are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import InputError
from .codes import code_list
from .la_codes import DFE, GSS, code_style, gss_to_dfe, la_number_in_file_names
from .reference_files import children_services_la, read_postcode_lookup, read_urn_list
from .rules.reference import create_reference_table, load_reference, postcode_key

LA_OPTION = "--la"


@dataclass(frozen=True)
class ReferenceInputs:
    urn_list: Path | None = None
    postcodes: Path | None = None
    la: str | None = None              # the council's LA code as given with --la
    benchmarks: Path | None = None     # DfE published files, for turning GSS codes into DfE numbers


@dataclass
class Installed:
    """What was loaded: the inputs the runner may count on, and a note for each thing worth saying."""

    inputs: ReferenceInputs = field(default_factory=ReferenceInputs)
    available: set[str] = field(default_factory=set)
    council: str | None = None
    notes: list[str] = field(default_factory=list)

    @cached_property
    def key(self) -> str:
        """What the rule results depend on beyond the return, for the validation cache: each reference
        file by checksum and the council's code; '' when no reference file was given."""
        parts = [f"{name}={_sha256(path)}" for name, path in (("urn_list", self.inputs.urn_list),
                                                              ("postcodes", self.inputs.postcodes)) if path]
        if parts and self.council:
            parts.append(f"council={self.council}")
        return " ".join(parts)

    def keep_postcodes_used(self, con, episodes: tuple[str, ...] = ("ret_episodes", "ret_episodes_last")) -> None:
        """Cut the postcode lookup down to the postcodes the `episodes` tables (FROM clauses) hold: the
        whole directory is millions of rows, a return uses a few thousand, and each distance rule joins
        the lookup twice."""
        if "postcodes" not in self.available:
            return
        used = " UNION ALL ".join(f"SELECT {postcode_key(column)} AS pcd FROM {source}"
                                  for source in episodes for column in ('"HOME_POST"', '"PL_POST"'))
        con.execute(f"DELETE FROM postcode_lookup WHERE NOT EXISTS (SELECT 1 FROM ({used}) u "
                    f"WHERE u.pcd = postcode_lookup.pcd)")


def _sha256(path: Path) -> str:
    import hashlib  # only when a reference file is given

    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _council_option(text: str, known: tuple[str, ...]) -> str:
    """--la, held to what a URN list's LA column is held to: an English LA with children's services."""
    try:
        code = children_services_la(text, known)
    except ValueError as e:
        raise InputError(LA_OPTION, str(e)) from None
    if code is None:
        raise InputError(LA_OPTION, "give the council's DfE number (874) or its GSS code (E06000031)")
    return code


def install_reference(con, inputs: ReferenceInputs, return_files: list[Path], year: int,
                      temp: bool = True) -> Installed:
    """Read the given inputs into the reference tables on `con` (TEMP tables unless `temp` is False)."""
    known = code_list("LA_CODE", year)
    done = Installed(inputs)
    council = _council_option(inputs.la, known) if inputs.la else None     # a wrong --la is an error even alone
    if not (inputs.urn_list or inputs.postcodes):
        return done         # every rule comparing with the council also needs one of the files
    if council is None and (council := la_number_in_file_names(return_files, known)) is not None:
        done.notes.append(f"council LA {council}, from the file names (give --la to say otherwise)")
    done.council = council
    urns = read_urn_list(inputs.urn_list, known) if inputs.urn_list else []
    if inputs.postcodes:
        create_reference_table(con, "postcode_lookup", temp)
        read_postcode_lookup(con, inputs.postcodes, "postcode_lookup")
    _one_coding(con, inputs, done, urns)
    load_reference(con, temp, urn_list=urns, council=[{"la_code": done.council}] if done.council else [])
    done.available = {name for name, given in (("urn_list", inputs.urn_list), ("postcodes", inputs.postcodes),
                                                ("council", done.council)) if given}
    if council is None:
        done.notes.append("the council's own LA code is not known, so rules comparing with it are skipped: "
                          "give --la")
    return done


def _postcode_styles(con) -> set[str]:
    rows = con.execute("""SELECT DISTINCT CASE WHEN regexp_full_match(la_code, '[0-9]{3}') THEN 'DfE'
                                               WHEN regexp_full_match(la_code, '[A-Z][0-9]{8}') THEN 'GSS' END
                          FROM postcode_lookup""").fetchall()
    return {s for (s,) in rows if s}


def _one_coding(con, inputs: ReferenceInputs, done: Installed, urns: list[dict]) -> None:
    """Make the council and both tables code LAs alike: DfE numbers whenever GSS codes can be mapped,
    as they are otherwise left."""
    styles = {"council": {code_style(done.council)} if done.council else set(),
              "urn_list": {code_style(r["la_code"]) for r in urns if r["la_code"]},
              "postcodes": _postcode_styles(con) if inputs.postcodes else set()}
    if not any(GSS in s for s in styles.values()):
        return
    folder = inputs.benchmarks
    mapping = gss_to_dfe(folder) if folder and Path(folder).is_dir() else {}
    if not mapping:
        dfe_coded = {name for name, s in styles.items() if DFE in s}
        if not dfe_coded:
            return          # all GSS: comparable as they are
        if dfe_coded == {"council"} and not inputs.la:
            done.notes.append(f"the council's LA {done.council} (from the file names) cannot be matched with the "
                              f"GSS codes of the reference files without the DfE benchmark files "
                              f"(--benchmarks), so rules comparing with it are skipped")
            done.council = None
            return
        where = ", ".join(f"{name} ({'/'.join(sorted(s))})" for name, s in styles.items() if s)
        raise InputError(", ".join(str(p) for p in (inputs.urn_list, inputs.postcodes) if p),
                         f"LA codes come in two forms ({where}) and cannot be matched: careboard maps GSS codes to "
                         f"DfE numbers with the DfE benchmark files (old_la_code, new_la_code), but found none"
                         f"{' in ' + str(folder) if folder else ''}; give --benchmarks FOLDER, or give every "
                         f"input the same kind of code")
    if done.council and code_style(done.council) == GSS:
        if done.council not in mapping:
            raise InputError(LA_OPTION, f"{done.council} is not an LA in the DfE's files; give the council's "
                                        f"DfE number instead")
        done.council = mapping[done.council]
    for r in urns:
        if code_style(r["la_code"] or "") == GSS and r["la_code"] not in mapping:
            # compared with the council as it is, it would fail every rule asking where the provider is
            raise InputError(str(inputs.urn_list), f"the LA {r['la_code']} of URN {r['URN']} is not an LA in the "
                                                   f"DfE's files: give its DfE number or a current GSS code",
                             field="LA")
        r["la_code"] = mapping.get(r["la_code"], r["la_code"])
    if inputs.postcodes:
        con.execute("CREATE OR REPLACE TEMP TABLE la_code_map (gss VARCHAR, dfe VARCHAR)")
        con.executemany("INSERT INTO la_code_map VALUES (?, ?)", list(mapping.items()))
        con.execute("""UPDATE postcode_lookup SET la_code = m.dfe FROM la_code_map m
                       WHERE postcode_lookup.la_code = m.gss""")
        con.execute("DROP TABLE la_code_map")
