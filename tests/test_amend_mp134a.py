"""MP134A end to end: the amendment set as drafted, applied to the six baselines, each operation's
effect asserted on the consolidated documents (and, once the reader exists, on the .docx read back)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from amend_helpers import BASELINE_IDS, BASELINES, MP134A, model_json, parse_json
from secdocs.model.address import full_label, index
from secdocs.amend.load import load_all, load_modification
from secdocs.amend.ops import KINDS

# the kinds MP134A's legal text uses: every kind there was when it was written (later kinds have tests
# of their own)
MP134A_KINDS = {"insert", "delete", "replace", "substitute", "insert_text", "delete_text", "insert_definition",
                "amend_definition", "delete_definition", "heading"}
from secdocs.amend.text import find_all, normalise_ws
from secdocs.model import iter_definitions, walk
from secdocs.workflow.apply import build
from secdocs.workspace import document_slug as slug

LABEL = re.compile(r"^\(([A-Za-z0-9]+)\)\s+")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("mp134a") / "MP134A"
    result = build(MP134A, out, baselines=BASELINES)
    return result, out


@pytest.fixture(scope="module")
def amendments():
    sets, problems = load_all(load_modification(MP134A))
    assert problems == []
    return {a.document: a for a in sets}


def outcome(built, doc_id):
    return next(o for o in built[0].outcomes if o.id == doc_id)


# ---------------------------------------------------------------------------------------------
# the modification record and the shape of the set


def test_modification_record():
    mod = load_modification(MP134A)
    raw = mod.table  # as read: TOML dates are dates
    assert (mod.id, raw["proposer"], raw["lead_analyst"]) == ("MP134A", "Easton Brown", "Alison Beard")
    assert raw["date_raised"] == dt.date(2020, 5, 29) and raw["authority_decision_date"] == dt.date(2021, 10, 1)
    assert mod.implementation_date == "2021-10-04" and mod.drafted_against == "46.0"
    assert mod.release == {"name": "4 October 2021 ad-hoc release", "type": "ad-hoc", "sec_version": "47.0",
                           "date": "2021-10-04"}
    assert mod.legal_text["version"] == "2.1"
    assert mod.illustrative and "not the official MP134A legal text" in mod.illustrative_label
    assert mod.author == "MP134A"
    assert [d.id for d in mod.documents] == BASELINE_IDS
    assert raw["parties_impacted"] == ["Large Suppliers", "Small Suppliers",
                                       "Other SEC Parties (Shared Resource Providers)"]
    assert raw["timeline"][0]["date"] == dt.date(2020, 5, 29) and raw["timeline"][-1]["date"] == dt.date(2021, 10, 4)
    assert raw["summary"]["issue"] and raw["summary"]["solution"]


def test_the_set_covers_what_the_issue_asks(amendments):
    all_ops = [op for a in amendments.values() for op in a.ops]
    assert len(all_ops) >= 25
    assert {op.kind for op in all_ops} == MP134A_KINDS and MP134A_KINDS <= set(KINDS)
    assert set(amendments) == set(BASELINE_IDS)
    a = amendments["Section A"].ops
    assert sum(op.kind == "insert_definition" for op in a) >= 4
    assert sum(op.kind == "amend_definition" for op in a) >= 1
    new_terms = {op.target for op in a if op.kind == "insert_definition"}
    assert {"Failed Supplier", "SoLR Event", "Supplier of Last Resort (SoLR)", "SoLR Certificate Arrangement",
            "Continued Use Period"} <= new_terms
    for doc_id in ("Appendix B", "Appendix Q", "Appendix S"):
        targets = [(op.kind, op.target) for op in amendments[doc_id].ops]
        assert any(t.startswith("4.9.1") and k == "insert" for k, t in targets), doc_id
        assert any(t.startswith("4.9.2") for k, t in targets), doc_id
    assert sum(op.kind == "delete" and not op.get("remove") for d in ("Appendix B", "Appendix Q", "Appendix S")
               for op in amendments[d].ops) >= 1
    assert all(op.note for op in all_ops)


# ---------------------------------------------------------------------------------------------
# outputs


def test_outputs_written(built):
    result, out = built
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{slug(i)}.docx" for i in BASELINE_IDS]
                                                           + ["report.json"])
    report = json.loads((out / "report.json").read_text())
    assert report["modification"]["illustrative"] is True
    assert report["summary"]["operations"] == sum(len(o.changes.results) for o in result.outcomes) >= 25
    assert set(report["summary"]["by_kind"]) == MP134A_KINDS
    versions = {d["id"]: (d["baseline_version"], d["version"]) for d in report["documents"]}
    assert versions == {"Section A": ("31.0", "32.0"), "Section L": ("18.0", "19.0"), "Section M": ("9.0", "10.0"),
                        "Appendix B": ("6.0", "7.0"), "Appendix Q": ("4.0", "5.0"), "Appendix S": ("3.0", "4.0")}
    for d in report["documents"]:
        assert d["sec_version"] == "47.0" and d["date"] == "2021-10-04"
        for r in d["operations"]:
            assert r["status"] == "applied" and r["uids"] and r["file"].endswith(".toml") and r["line"] > 0
            assert set(r) >= {"target", "kind", "status", "before", "after"}


def test_consolidated_documents_say_illustrative(built):
    for o in built[0].outcomes:
        doc = o.consolidated
        notes = " ".join("".join(r.text for r in p) for p in doc.front)
        assert "Representative text" in notes
        assert "not the official MP134A legal text" in notes
        last = max(doc.history, key=lambda h: float(h.version))
        assert last.version == doc.version and last.date == "2021-10-04"
        assert "MP134A" in last.description and "Illustrative legal text" in last.description
        assert o.baseline.version in [h.version for h in doc.history]


def test_outputs_are_deterministic(built, tmp_path):
    _, out = built
    again = tmp_path / "again"
    build(MP134A, again, baselines=BASELINES)
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


# ---------------------------------------------------------------------------------------------
# each operation's effect, checked against an independent, plain-string model of the op


def _items_text(items) -> list[str]:
    """The plain text of each paragraph a children / meaning list makes, in document order."""
    if isinstance(items, str):
        items = [items]
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(LABEL.sub("", item))
        else:
            out.append(item.get("text", ""))
            out.extend(_items_text(item.get("children", [])))
    return out


def _nth(text: str, words: str, occurrence: int | None) -> int:
    hits = find_all(text, words)
    assert hits and (occurrence or len(hits) == 1), (words, text)
    return hits[(occurrence or 1) - 1]


@pytest.mark.parametrize("doc_id", BASELINE_IDS)
def test_each_operation_has_its_effect(built, amendments, doc_id):
    o = outcome(built, doc_id)
    base, new = o.baseline, o.consolidated
    base_idx, new_idx = index(base), index(new)
    base_defs = {d.term_text: d for _, d in iter_definitions(base)}
    new_defs = {d.term_text: d for _, d in iter_definitions(new)}
    text_now: dict[str, str] = {}  # address → text after the text ops so far (the oracle)
    for op, r in zip(amendments[doc_id].ops, o.changes.results):
        assert (r.index, r.kind, r.status) == (op.index, op.kind, "applied")
        k = op.kind
        if k == "insert":
            p = new_idx[r.address].provision
            assert p.uid.startswith("new:") and (r.address not in base_idx or p.number is None)
            if op.get("heading"):
                assert p.heading_text == op.get("heading")
            else:
                assert p.own_text == op.get("text")
            assert [q.own_text for _, q in walk(p.children)] == _items_text(op.get("children", []))
            if op.get("number"):
                assert p.number == op.get("number")
            # placed where the op said, next to (or inside) its target
            loc, target = new_idx[r.address], new_idx[op.target].provision
            i = next(n for n, q in enumerate(loc.siblings) if q is p)
            position = op.get("position", "after")
            # (skipping provisions that later ops of the set put in between)
            if position == "after":
                j = i - 1
                while loc.siblings[j] is not target and loc.siblings[j].uid.startswith("new:"):
                    j -= 1
                assert loc.siblings[j] is target
            elif position == "before":
                j = i + 1
                while loc.siblings[j] is not target and loc.siblings[j].uid.startswith("new:"):
                    j += 1
                assert loc.siblings[j] is target
            else:
                assert loc.parent is target and (i == 0 if position == "first" else i == len(loc.siblings) - 1)
        elif k == "delete":
            p = new_idx[op.target].provision
            assert (p.own_text, p.children, p.uid) == ("Not used.", [], base_idx[op.target].provision.uid)
        elif k == "replace":
            p = new_idx[op.target].provision
            assert p.own_text == op.get("text") and p.uid == base_idx[op.target].provision.uid
        elif k == "heading":
            assert base_idx[op.target].provision.heading_text == op.expect
            assert new_idx[op.target].provision.heading_text == op.get("heading")
        elif k in ("substitute", "insert_text", "delete_text"):
            text = text_now.get(op.target, base_idx[op.target].provision.own_text)
            if k == "substitute":
                i = _nth(text, op.get("words"), op.get("occurrence"))
                text = text[:i] + op.get("by") + text[i + len(op.get("words")):]
            elif k == "delete_text":
                i = _nth(text, op.get("words"), op.get("occurrence"))
                text = text[:i] + text[i + len(op.get("words")):]
            else:
                i = _nth(text, op.get("anchor"), op.get("occurrence"))
                at = i + len(op.get("anchor")) if op.get("position", "after") == "after" else i
                text = text[:at] + op.get("text") + text[at:]
            text_now[op.target] = text
        elif k == "insert_definition":
            assert op.target not in base_defs
            d = new_defs[op.target]
            assert d.meaning_text == "\n".join(_items_text(op.get("meaning"))) and d.uid == f"new:def:{op.target}"
        elif k == "amend_definition":
            term = op.target.split('"')[1] if '"' in op.target else op.target
            d, b = new_defs[term], base_defs[term]
            assert d.uid == b.uid
            if op.get("meaning") is not None:
                assert d.meaning_text == "\n".join(_items_text(op.get("meaning")))
            else:
                assert d.meaning_text == b.meaning_text.replace(op.get("words"), op.get("by"), 1)
        elif k == "delete_definition":
            assert op.target in base_defs and op.target not in new_defs
    for address, text in text_now.items():  # the text ops, all of them, and nothing else
        assert new_idx[address].provision.own_text == text, address
        assert new_idx[address].provision.uid == base_idx[address].provision.uid


@pytest.mark.parametrize("doc_id", BASELINE_IDS)
def test_nothing_else_changed(built, doc_id):
    o = outcome(built, doc_id)
    touched = o.changes.uids

    def rows(doc):
        return {p.uid: (full_label(path, p), p.kind, p.heading_text, p.own_text) for path, p in walk(doc.provisions)}

    before, after = rows(o.baseline), rows(o.consolidated)
    assert {u: r for u, r in before.items() if u not in touched} == \
        {u: r for u, r in after.items() if u in before and u not in touched}
    assert set(after) - set(before) <= touched
    assert set(before) - set(after) <= touched
    base_defs = {d.uid: d.meaning_text for _, d in iter_definitions(o.baseline)}
    new_defs = {d.uid: d.meaning_text for _, d in iter_definitions(o.consolidated)}
    assert {u: t for u, t in base_defs.items() if u not in touched} == \
        {u: t for u, t in new_defs.items() if u in base_defs and u not in touched}


def test_key_provisions_read_as_drafted(built):
    L = index(outcome(built, "Section L").consolidated)
    assert [a for a in L if re.fullmatch(r"L1\.16[A-Z]", a)] == ["L1.16A", "L1.16B", "L1.16C", "L1.16D"]
    assert [a for a in L if re.fullmatch(r"L3\.13[A-Z]", a)] == ["L3.13A", "L3.13B"]
    assert "L1.15(ga)" in L and L["L1.15(h)"].provision.uid == "L1.15(h)"
    assert normalise_ws(L["L3.15"].provision.own_text).startswith("Subject to Section L3.13A, where a Party ceases")
    assert "Energy Supply Licence" not in L["L3.15"].provision.own_text
    M = index(outcome(built, "Section M").consolidated)
    assert "SoLR Certificate Arrangement" in M["M8.12A"].provision.own_text
    for doc_id in ("Appendix B", "Appendix Q", "Appendix S"):
        idx = index(outcome(built, doc_id).consolidated)
        assert "SoLR Certificate Arrangement" in idx["4.9.1(G)"].provision.own_text
        assert "Supplier of Last Resort" in idx["4.9.2(E)"].provision.own_text
        assert idx["4.9.1(C)"].provision.own_text.startswith("Subject to Part 4.9.1(G)")
    A = outcome(built, "Section A").consolidated
    terms = [d.term_text for _, d in iter_definitions(A)]
    assert "Supplier Licence" not in terms and "Failed Supplier Certificate" in terms


# ---------------------------------------------------------------------------------------------
# the written .docx read back, and the command


@pytest.mark.parametrize("doc_id", BASELINE_IDS)
def test_written_documents_read_back(built, doc_id):
    result, out = built
    o = outcome(built, doc_id)
    got = parse_json(out / f"{slug(doc_id)}.docx")
    want = model_json(o.consolidated)
    assert got["document"]["version"] == o.consolidated.version
    assert got["provisions"] == want["provisions"]
    assert got["definitions"] == want["definitions"]


def test_cli_apply(tmp_path):
    from secdocs.cli import main

    out = tmp_path / "build" / "MP134A"
    result = CliRunner().invoke(main, ["apply", str(MP134A), "--baselines", str(BASELINES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "section-L.docx: Section L 18.0 → 19.0" in result.stdout
    assert re.search(r"report\.json: \d+ operations on 6 documents in [\d.]+ s", result.stdout)
    assert (out / "report.json").is_file() and len(list(out.glob("*.docx"))) == 6
