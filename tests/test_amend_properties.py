"""Properties on the real baselines: random valid operation sequences never change a provision
they do not target, and an empty amendment set reproduces the baseline exactly."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from amend_helpers import BASELINE_IDS, baseline, op
from secdocs.model.address import flatten, full_label, locate_all
from secdocs.amend.ops import apply, run
from secdocs.amend.text import find_all
from secdocs.model import Kind, iter_definitions, walk


def candidates(doc_id: str):
    """Numbered clauses and paragraphs with text: the provisions random ops may target."""
    return [loc for loc in locate_all(baseline(doc_id))
            if loc.provision.kind in (Kind.CLAUSE, Kind.PARAGRAPH) and loc.provision.number
            and loc.provision.own_text and not loc.provision.definitions]


CANDIDATES = {doc_id: candidates(doc_id) for doc_id in BASELINE_IDS}
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=30).map(
    lambda s: re.sub(r"\s+", " ", s).strip() or "x")


def unique_words(text: str) -> list[str]:
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if len(find_all(text, w)) == 1})


@st.composite
def amendment_sets(draw):
    doc_id = draw(st.sampled_from(BASELINE_IDS))
    cands = CANDIDATES[doc_id]
    picks = draw(st.lists(st.integers(0, len(cands) - 1), min_size=1, max_size=6, unique=True))
    chosen = []
    for i in picks:  # no target inside another target
        loc = cands[i]
        if any(loc.provision is c.provision or any(a is c.provision for a in loc.path)
               or any(a is loc.provision for a in c.path) for c in chosen):
            continue
        chosen.append(loc)
    amendments = []
    for n, loc in enumerate(chosen, 1):
        text = loc.provision.own_text
        words = unique_words(text)
        kinds = ["insert", "delete", "replace", "delete_remove"] + (["substitute", "insert_text", "delete_text"]
                                                                      if words else [])
        kind = draw(st.sampled_from(kinds))
        new_text = draw(WORDS)
        if kind == "insert":
            amendments.append(op("insert", loc.address, n, text=new_text))
        elif kind == "delete":
            amendments.append(op("delete", loc.address, n, expect=text))
        elif kind == "delete_remove":
            amendments.append(op("delete", loc.address, n, remove=True))
        elif kind == "replace":
            amendments.append(op("replace", loc.address, n, text=new_text))
        else:
            w = draw(st.sampled_from(words))
            if kind == "substitute":
                amendments.append(op("substitute", loc.address, n, words=w, by=new_text))
            elif kind == "insert_text":
                amendments.append(op("insert_text", loc.address, n, anchor=w, text=" " + new_text,
                                     position=draw(st.sampled_from(["before", "after"]))))
            else:
                amendments.append(op("delete_text", loc.address, n, words=w))
    return doc_id, amendments


def by_uid(doc):
    out = {}
    for path, p in walk(doc.provisions):
        out[p.uid] = (full_label(path, p), p.kind, p.heading_text, p.own_text, p.full_text)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amendment_sets())
def test_random_ops_never_change_what_they_do_not_target(case):
    doc_id, amendments = case
    doc = baseline(doc_id)
    pristine = copy.deepcopy(doc)  # taken before: the cached baseline is the very object run() is given
    new, changes, errors = run(doc, amendments)
    assume(not errors)  # e.g. no free suffix after L3.20 (L3.20A exists) — not a valid set
    touched = changes.uids
    before, after = by_uid(doc), by_uid(new)
    for uid, row in before.items():
        if uid in touched:
            continue
        assert after.get(uid) == row, uid  # same address, kind, heading and text
    # untouched provisions keep their relative order; every new uid was reported as created
    order_before = [u for u in before if u not in touched]
    order_after = [u for u in after if u in before and u not in touched]
    assert order_after == order_before
    assert set(after) - set(before) <= touched
    # every op reports what it touched, and the definitions were left alone
    for r in changes.results:
        assert r.status == "applied" and r.uids
    assert [(d.uid, d.term_text, d.meaning_text) for _, d in iter_definitions(new)] == \
        [(d.uid, d.term_text, d.meaning_text) for _, d in iter_definitions(doc)]
    assert doc == pristine and by_uid(doc) == by_uid(pristine)  # the input was not mutated


@pytest.mark.parametrize("doc_id", BASELINE_IDS)
def test_empty_amendment_set_reproduces_the_baseline(doc_id):
    doc = baseline(doc_id)
    new, changes = apply(doc, [])
    assert new == doc and new is not doc
    assert flatten(new) == flatten(doc)
    assert [(p.uid, p.text) for _, p in walk(new.provisions)] == [(p.uid, p.text) for _, p in walk(doc.provisions)]
    assert [(d.uid, d.term, d.meaning) for _, d in iter_definitions(new)] == \
        [(d.uid, d.term, d.meaning) for _, d in iter_definitions(doc)]
    assert changes.results == []


def test_empty_amendment_set_writes_the_same_bytes():
    from secdocs.ooxml.write import docx_bytes

    for doc_id in ("Section L", "Appendix B"):
        doc = baseline(doc_id)
        assert docx_bytes(apply(doc, [])[0]) == docx_bytes(doc)
