"""Shared helpers for the amendment tests (not a test module): small documents built from model
objects, op construction, baselines, and reading a written .docx back through ``secdocs parse``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from click.testing import CliRunner

from secdocs.model.address import flatten, locate_all
from secdocs.amend.ops import Op
from secdocs.model import Definition, Document, Kind, Provision, Run, iter_definitions

ROOT = Path(__file__).resolve().parents[1]
BASELINES = ROOT / "baselines"
MP134A = ROOT / "modifications" / "MP134A"
BASELINE_IDS = ["Section A", "Section L", "Section M", "Appendix B", "Appendix Q", "Appendix S"]


def P(kind: Kind, number: str | None = None, text: str = "", heading: str = "", children=()) -> Provision:
    return Provision(kind, number=number, text=[Run(text)] if text else [],
                     heading=[Run(heading)] if heading else [], children=list(children))


def C(number, text, *children):
    return P(Kind.CLAUSE, number, text, children=children)


def para(number, text, *children):
    return P(Kind.PARAGRAPH, number, text, children=children)


def T(text):
    return P(Kind.TEXT, None, text)


def set_uids(doc: Document) -> Document:
    """uids as a reader sets them: the address, ``def:Term`` and ``def:Term/(a)``."""
    for loc in locate_all(doc):
        loc.provision.uid = loc.address
        for d in loc.provision.definitions:
            d.uid = f"def:{d.term_text}"
            for n, m in enumerate(d.meaning, 1):
                m.uid = f"{d.uid}/{m.number or f'text[{n}]'}"
    return doc


def small_section() -> Document:
    """A small Section: two Parts, cross-headings, clauses, (a)/(i) lists, a "provided that"."""
    doc = Document(id="Section L", title="Small", version="18.0", scheme="section", sec_version="46.0",
                   date="2021-06-24", front=[[Run("Representative text for tests.")]], provisions=[
        P(Kind.PART, "L1", heading="SMKI POLICY MANAGEMENT AUTHORITY", children=[
            P(Kind.CROSS_HEADING, heading="Establishment"),
            C("L1.1", "The Panel shall establish the SMKI PMA."),
            C("L1.2", "The SMKI PMA shall:",
              para("(a)", "keep the policies under review;"),
              para("(b)", "approve the compliance policy, including:",
                   para("(i)", "its scope; and"),
                   para("(ii)", "its timetable;"),
                   ),
              para("(c)", "advise the Panel,"),
              T("provided that the Panel may decide otherwise.")),
            P(Kind.CROSS_HEADING, heading="Reviews"),
            C("L1.3", "The Panel shall review the Panel's decisions and the Panel's budget."),
            C("L1.4", "The SMKI PMA may request revocation of any Certificate."),
        ]),
        P(Kind.PART, "L2", heading="SMKI ASSURANCE", children=[
            C("L2.1", "The DCC shall co-operate."),
            C("L2.1A", "The DCC shall report."),
            C("L2.2", "Not used."),
        ]),
    ])
    return set_uids(doc)


def small_definitions() -> Document:
    def d(term, *meaning):
        return Definition(term=[Run(term, bold=True, term=True)], meaning=list(meaning))

    table = C("A1.1", "In this Code:")
    table.definitions = [
        d("Authority", T("means the Gas and Electricity Markets Authority.")),
        d("Certificate Revocation List (CRL)", T("means a list of revoked Certificates.")),
        d("Fast-Track Modification", T("has the meaning given in Section D.")),
        d("Party", T("means a person that is a party to this Code, and includes:"),
          para("(a)", "the DCC; and"), para("(b)", "each Supplier Party,"), T("in each case.")),
        d("SM WAN", T("means the smart metering wide area network.")),
        d("Small Supplier Party", T("means a Supplier Party that is not large.")),
        d("Supplier Party", T("means a Party that supplies energy; a Party that supplies energy may be large.")),
    ]
    doc = Document(id="Section A", title="Definitions", version="31.0", scheme="section", sec_version="46.0",
                   date="2021-06-24", provisions=[P(Kind.PART, "A1", heading="DEFINITIONS", children=[table])])
    return set_uids(doc)


def small_policy() -> Document:
    doc = Document(id="Appendix B", title="Policy", version="6.0", scheme="policy", sec_version="46.0",
                   date="2021-06-24", provisions=[
        P(Kind.HEADING, "4", heading="CERTIFICATE LIFE-CYCLE", children=[
            P(Kind.HEADING, "4.9", heading="Certificate Revocation", children=[
                T("Certificates may be revoked."),
                P(Kind.HEADING, "4.9.1", heading="Circumstances for Revocation", children=[
                    para("(A)", "The OCA shall revoke a Certificate on request."),
                    para("(B)", "The OCA shall revoke a Certificate where the Subscriber:",
                         para("(i)", "ceases to be a Party; or"),
                         para("(ii)", "ceases to be eligible.")),
                    T("Where a Certificate is held on a Device, the DCC shall notify the Subscriber."),
                ]),
                P(Kind.HEADING, "4.9.2", heading="Who Can Request Revocation", children=[
                    para("(A)", "The Subscriber may request revocation."),
                ]),
            ]),
        ]),
    ])
    return set_uids(doc)


def op(kind: str, target: str, index: int = 1, expect: str | None = None, note: str = "", **params) -> Op:
    return Op(kind, target, params, expect=expect, note=note, index=index, file="t.toml", line=index * 10)


def ops(*specs) -> list[Op]:
    """Ops numbered 1.. from (kind, target, params) tuples."""
    out = []
    for n, (kind, target, params) in enumerate(specs, 1):
        params = dict(params)
        expect = params.pop("expect", None)
        out.append(op(kind, target, index=n, expect=expect, **params))
    return out


def text_at(doc: Document, address: str) -> str:
    for loc in locate_all(doc):
        if loc.address == address:
            return loc.provision.full_text
    raise KeyError(address)


def definition(doc: Document, term: str) -> Definition | None:
    return next((d for _, d in iter_definitions(doc) if d.term_text == term), None)


def terms(doc: Document) -> list[str]:
    return [d.term_text for _, d in iter_definitions(doc)]


@lru_cache(maxsize=None)
def baseline(doc_id: str) -> Document:
    """A baseline read from its text source (the same reader ``secdocs apply`` falls back to)."""
    from secdocs.baselines import find_baseline
    from secdocs.reader import read_document

    return read_document(find_baseline(BASELINES, doc_id))


def parse_json(path: Path) -> dict:
    """``secdocs parse --json`` on a file, as data."""
    from secdocs.cli import main

    result = CliRunner().invoke(main, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout if hasattr(result, "stdout") else result.output)


def model_json(doc: Document) -> dict:
    """What ``parse --json`` should say about a Document (provisions and definitions)."""
    from secdocs.cli.read_cmds import document_json

    data = document_json(doc)
    return {"provisions": data["provisions"], "definitions": data["definitions"]}
