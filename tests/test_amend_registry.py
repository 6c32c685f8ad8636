"""The operation registry: one record per kind, read by every consumer (key checks, engine,
drafting notes, conflict scope), and errors that name their op as objects."""

from __future__ import annotations

from amend_helpers import ops, small_section
from secdocs.amend.ops import KINDS, OpError, check_keys, run
from secdocs.amend.ops.spec import EDITS_WORDS, INSERTS, REMOVES, REWRITES
from secdocs.render.legaltext import change_words


def test_every_kind_is_one_complete_record():
    for name, spec in KINDS.items():
        assert spec.name == name
        assert callable(spec.executor) and spec.description
        assert spec.effect in (INSERTS, EDITS_WORDS, REWRITES, REMOVES)
        assert spec.target in ("provision", "definition")
        assert spec.words_key is None or spec.words_key in spec.required + spec.optional, name


def test_key_checks_read_the_record():
    for name, spec in KINDS.items():
        table = {"kind": name, "target": "L1.1"}
        missing = check_keys(table)
        for key in spec.required:
            assert f"missing key {key!r} for {name}" in missing
        assert any("unknown key 'bogus'" in r for r in check_keys({**table, "bogus": 1}))
    assert check_keys({"kind": "insert", "target": "L1.1", "text": "x", "position": "last"}) == []
    assert check_keys({"kind": "insert_text", "target": "L1.1", "anchor": "a", "text": "b", "position": "last"}) == \
        ["position must be one of after, before, not 'last'"]


def test_drafting_notes_say_the_record_description():
    doc, changes, errors = run(small_section(), ops(("substitute", "L1.1", {"words": "Panel", "by": "Board"})))
    assert not errors
    assert change_words(changes.results[0]) == KINDS["substitute"].description == "Words substituted"


def test_errors_name_their_op_as_an_object():
    written = ops(("substitute", "L1.1", {"words": "no such words", "by": "x"}),
                  ("delete", "L9.99", {}))
    _doc, _changes, errors = run(small_section(), written)
    assert [type(e) for e in errors] == [OpError, OpError]
    assert [e.op for e in errors] == written
    assert str(errors[1]) == f"{written[1].where}: {errors[1].reason}"
    assert errors[1].reason.startswith("target L9.99 not found")
