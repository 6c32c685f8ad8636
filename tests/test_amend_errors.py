"""Every validation error: its one-line message, all of them collected, and nothing written."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from amend_helpers import MP134A, ops, small_definitions, small_policy, small_section
from secdocs.amend.load import load_amendments, op_header_lines
from secdocs.amend.ops import KINDS, AmendmentErrors, apply, validate
from secdocs.amend.text import text_hash
from secdocs.errors import AmendmentError

KNOWN = ", ".join(KINDS)  # how an unknown-kind message lists the kinds


def errors(doc, *specs) -> list[str]:
    return [str(e) for e in validate(doc, ops(*specs))]


def one(doc, *specs) -> str:
    errs = errors(doc, *specs)
    assert len(errs) == 1, errs
    return errs[0]


# ---------------------------------------------------------------------------------------------
# shape of an op


def test_unknown_kind():
    assert one(small_section(), ("renumber", "L1.1", {})) == \
        f"t.toml:10 op 1 (renumber L1.1): unknown kind 'renumber' (known: {KNOWN})"
    assert KNOWN.startswith("insert, delete, replace, substitute, insert_text, delete_text, insert_definition,"
                            " amend_definition, delete_definition, heading")  # the registry's order


def test_unknown_key_and_missing_key():
    errs = errors(small_section(), ("substitute", "L1.1", {"wrds": "Panel", "by": "SMKI PMA"}))
    assert errs == [
        "t.toml:10 op 1 (substitute L1.1): unknown key 'wrds' for substitute (allowed: by, expect, kind, note,"
        " occurrence, target, words)",
        "t.toml:10 op 1 (substitute L1.1): missing key 'words' for substitute"]


def test_bad_values():
    errs = errors(small_section(), ("substitute", "L1.1", {"words": "Panel", "by": "x", "occurrence": 0}),
                  ("delete", "L1.1", {"remove": "yes"}),
                  ("insert", "L1.1", {"position": "below", "text": "x"}),
                  ("insert", "L1.1", {"text": "x", "children": [{"txt": "y"}]}),
                  ("insert_definition", "X", {"meaning": "means x.", "expect": "y"}))
    assert errs == [
        "t.toml:10 op 1 (substitute L1.1): occurrence must be a whole number from 1",
        "t.toml:20 op 2 (delete L1.1): remove must be true or false",
        "t.toml:30 op 3 (insert L1.1): position must be one of after, before, first, last, not 'below'",
        "t.toml:40 op 4 (insert L1.1): unknown key 'txt' in children[1] (allowed: number, text, heading, provision,"
        " children)",
        "t.toml:40 op 4 (insert L1.1): children[1] has no text",
        "t.toml:50 op 5 (insert_definition X): expect is not allowed for insert_definition (there is nothing there"
        " yet to pin)"]


# ---------------------------------------------------------------------------------------------
# against the document


def test_target_not_found_suggests_nearest():
    assert one(small_section(), ("substitute", "L1.13", {"words": "a", "by": "b"})) == \
        "t.toml:10 op 1 (substitute L1.13): target L1.13 not found; nearest: L1.3, L1.1, L2.1"
    assert "target L9.9(z) not found" in one(small_section(), ("delete", "L9.9(z)", {}))


def test_words_not_found_or_ambiguous():
    doc = small_section()
    assert one(doc, ("substitute", "L1.3", {"words": "Authority", "by": "x"})) == \
        't.toml:10 op 1 (substitute L1.3): words "Authority" not found in the text'
    assert one(doc, ("substitute", "L1.3", {"words": "the Panel's", "by": "x"})) == \
        't.toml:10 op 1 (substitute L1.3): words "the Panel\'s" found 2 times; give occurrence = 1..2'
    assert one(doc, ("delete_text", "L1.3", {"words": "the Panel's", "occurrence": 3})) == \
        't.toml:10 op 1 (delete_text L1.3): words "the Panel\'s" found 2 times, so there is no occurrence 3'
    assert one(doc, ("insert_text", "L1.4", {"anchor": "any Device", "text": "x"})) == \
        't.toml:10 op 1 (insert_text L1.4): anchor "any Device" not found in the text'
    assert one(doc, ("substitute", "L1.4", {"words": "Certificat", "by": "x"})) == \
        't.toml:10 op 1 (substitute L1.4): words "Certificat" not found in the text'


def test_stale_expect_shows_word_diff():
    msg = one(small_section(), ("replace", "L1.1", {"text": "x", "expect": "The Panel shall appoint the SMKI PMA."}))
    assert msg == "t.toml:10 op 1 (replace L1.1): stale: the text has moved on: The Panel shall [-appoint-]" \
                  " {+establish+} the SMKI PMA."
    msg = one(small_section(), ("delete", "L1.1", {"expect": text_hash("something else")}))
    assert msg.startswith("t.toml:10 op 1 (delete L1.1): stale: expect sha256:")
    assert "of the text found: 'The Panel shall establish the SMKI PMA.'" in msg


def test_two_ops_touching_the_same_words():
    doc = small_section()
    assert one(doc, ("substitute", "L1.3", {"words": "review the Panel's decisions", "by": "audit decisions"}),
               ("substitute", "L1.3", {"words": "decisions", "by": "choices"})) == \
        "t.toml:20 op 2 (substitute L1.3): touches the same words as op 1 (substitute L1.3); combine them into one" \
        " operation"
    # an anchor inside words another op wrote
    assert "touches the same words as op 1" in one(
        doc, ("substitute", "L1.4", {"words": "any Certificate", "by": "any Organisation Certificate"}),
        ("insert_text", "L1.4", {"anchor": "Organisation", "text": " or IKI"}))
    # a provision replaced, deleted or inserted as a whole
    assert "touches the same provision as op 1 (replace L1.1)" in one(
        doc, ("replace", "L1.1", {"text": "New."}), ("substitute", "L1.1", {"words": "New", "by": "Old"}))
    assert "touches words of this provision as op 1 (substitute L1.2(b)(i))" in one(
        doc, ("substitute", "L1.2(b)(i)", {"words": "scope", "by": "extent"}), ("delete", "L1.2", {}))
    assert "touches the same provision as op 1 (insert L1.4)" in one(
        doc, ("insert", "L1.4", {"text": "New text."}), ("substitute", "L1.4A", {"words": "New", "by": "Old"}))
    assert "touches the same heading as op 1 (heading L2)" in one(
        doc, ("heading", "L2", {"heading": "A"}), ("heading", "L2", {"heading": "B"}))
    # different words of one provision are fine
    assert errors(doc, ("substitute", "L1.3", {"words": "review", "by": "audit"}),
                  ("substitute", "L1.3", {"words": "budget", "by": "costs"})) == []


def test_inserted_number_taken_or_out_of_order():
    doc = small_section()
    assert one(doc, ("insert", "L1.3", {"number": "L1.4", "text": "x"})) == \
        "t.toml:10 op 1 (insert L1.3): number L1.4 is already taken"
    assert one(doc, ("insert", "L1.2(a)", {"number": "(b)", "text": "x"})) == \
        "t.toml:10 op 1 (insert L1.2(a)): number L1.2(b) is already taken"
    assert one(doc, ("insert", "L1.3", {"number": "L1.9", "text": "x"})) == \
        "t.toml:10 op 1 (insert L1.3): number L1.9 does not sort between L1.3 and L1.4; nothing is renumbered," \
        " so choose a number that does (e.g. a suffix)"
    assert one(doc, ("insert", "L2.1", {"text": "x"})) == \
        "t.toml:10 op 1 (insert L2.1): no free number after L2.1 before L2.1A; give the number explicitly"
    assert one(doc, ("insert", "L1.3", {"text": "x"}), ("insert", "L1.3", {"number": "L1.3A", "text": "y"})) == \
        "t.toml:20 op 2 (insert L1.3): number L1.3A is already taken"
    assert one(doc, ("insert", "L1.2(a)", {"number": "(A)", "text": "x"})).endswith(
        "label (A) does not fit paragraph level 1 (lowerLetter; e.g. (a))")
    assert one(doc, ("insert", "L1/cross-heading[1]", {"text": "x"})).endswith(
        "say what to insert next to a cross-heading: give provision = ... or number = ...")


def test_delete_unnumbered_needs_remove():
    assert one(small_section(), ("delete", "L1/cross-heading[1]", {})).endswith(
        'a cross-heading has no number to keep as "Not used"; use remove = true')


def test_definition_errors():
    doc = small_definitions()
    assert one(doc, ("insert_definition", "Party", {"meaning": "means x."})) == \
        't.toml:10 op 1 (insert_definition Party): definition "Party" already exists; use amend_definition'
    assert one(doc, ("insert_definition", "PARTY", {"meaning": "means x."})).endswith(
        'definition "Party" already exists; use amend_definition')
    assert one(doc, ("amend_definition", "Partie", {"meaning": "x"})) == \
        't.toml:10 op 1 (amend_definition Partie): no definition of "Partie" to amend or delete; nearest: Party'
    assert one(doc, ("delete_definition", "Nothing", {})).endswith('no definition of "Nothing" to amend or delete')
    assert one(doc, ("amend_definition", "Party", {"words": "Authority", "by": "x"})).endswith(
        'words "Authority" not found in the meaning of "Party"')
    assert one(doc, ("amend_definition", "Supplier Party", {"words": "supplies energy", "by": "x"})).endswith(
        'words "supplies energy" found 2 times in the meaning of "Supplier Party"; give occurrence = 1..2')
    assert one(doc, ("amend_definition", "Party", {"words": "x"})).endswith(
        "missing key 'by' for amend_definition with words")
    assert one(small_section(), ("insert_definition", "X", {"meaning": "means x."})).endswith(
        "Section L has no definitions table")
    assert one(doc, ("insert_definition", 'A9.9:"X"', {"meaning": "means x."})).endswith(
        "A9.9 holds no definitions table (tables: A1.1)")


def test_all_errors_collected_and_apply_raises_with_lines():
    doc = small_section()
    amendments = ops(("substitute", "L1.99", {"words": "a", "by": "b"}),
                     ("insert", "L1.3", {"text": "fine"}),
                     ("delete", "L1.1", {"expect": "wrong"}),
                     ("frobnicate", "L1.1", {}))
    with pytest.raises(AmendmentErrors) as info:
        apply(doc, amendments)
    assert isinstance(info.value, AmendmentError)
    assert [line.split(": ", 1)[0] for line in info.value.lines] == [
        "t.toml:10 op 1 (substitute L1.99)", "t.toml:30 op 3 (delete L1.1)", "t.toml:40 op 4 (frobnicate L1.1)"]
    assert str(info.value) == "\n".join(info.value.lines)


def test_policy_target_forms():
    assert validate(small_policy(), ops(("delete", "Appendix B 4.9.1(A)", {}))) == []
    assert one(small_policy(), ("delete", "4.9.3(A)", {})).startswith("t.toml:10 op 1 (delete 4.9.3(A)): target")


# ---------------------------------------------------------------------------------------------
# files: lines, top-level keys, TOML syntax, modification.toml


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_op_lines_found_and_used(tmp_path):
    f = write(tmp_path / "section-L.toml", '''
        document = "Section L"
        note = """
        [[op]] inside a string is not a header
        """

        [[op]]
        kind = "substitute"
        target = "L1.1"
        words = "Panel"
        by = "Authority"

        [[op]]  # the second
        kind = "delet"
        target = "L1.2"
        ''')
    assert op_header_lines(f.read_text()) == [6, 12]
    with pytest.raises(AmendmentErrors) as info:
        load_amendments(f, shown="section-L.toml")
    assert info.value.lines == [f"section-L.toml:12 op 2 (delet L1.2): unknown kind 'delet' (known: {KNOWN})"]


def test_top_level_and_syntax_errors(tmp_path):
    f = write(tmp_path / "a.toml", '''
        documnt = "Section L"
        ''')
    with pytest.raises(AmendmentErrors) as info:
        load_amendments(f, shown="a.toml")
    assert info.value.lines == ["a.toml:1: unknown top-level key 'documnt' (allowed: document, op, note)",
                                'a.toml:1: no document = "..." naming the document these operations amend']
    g = write(tmp_path / "b.toml", '''
        document = "Section L"
        [[op]]
        kind = "delete
        ''')
    with pytest.raises(AmendmentError, match=r"b\.toml:3: not valid TOML"):
        load_amendments(g, shown="b.toml")


# ---------------------------------------------------------------------------------------------
# the command: exit 1, every line, OUT untouched


def copy_mp134a(tmp_path: Path) -> Path:
    dest = tmp_path / "modifications" / "MP134A"
    shutil.copytree(MP134A, dest)
    return dest


def test_cli_refuses_bad_amendments_and_leaves_out_untouched(tmp_path, monkeypatch):
    from secdocs.cli import main

    mod = copy_mp134a(tmp_path)
    text = (mod / "section-L.toml").read_text()
    text = text.replace('target = "L3.18"', 'target = "L3.81"', 1)
    text = text.replace('words = "Energy Supply Licence"', 'words = "Energy Supply Licences"', 1)
    (mod / "section-L.toml").write_text(text)
    m_text = (mod / "section-M.toml").read_text().replace('expect = "Section M8.12(d) and Section M8.13; and"',
                                                         'expect = "Section M8.12(d) and Section M8.14; and"')
    (mod / "section-M.toml").write_text(m_text)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous output")
    baselines = Path(__file__).resolve().parents[1] / "baselines"
    result = CliRunner().invoke(main, ["apply", str(mod), "--baselines", str(baselines), "-o", str(out)])
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if x.startswith("secdocs: error: ")]
    assert len(lines) == 3, result.stderr
    assert any("section-L.toml:" in x and "(substitute L3.15): words \"Energy Supply Licences\" not found" in x
               for x in lines)
    assert any("(replace L3.81): target L3.81 not found; nearest: L3.18" in x for x in lines)
    assert any("section-M.toml:" in x and "stale: the text has moved on:" in x and "[-M8.14-] {+M8.13+};" in x
               for x in lines)
    assert "3 errors; nothing written" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    assert (out / "keep.txt").read_text() == "previous output"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no temporary folder left


def test_cli_refuses_document_mismatch(tmp_path):
    from secdocs.cli import main

    mod = copy_mp134a(tmp_path)
    text = (mod / "appendix-Q.toml").read_text().replace('document = "Appendix Q"', 'document = "Appendix S"')
    (mod / "appendix-Q.toml").write_text(text)
    baselines = Path(__file__).resolve().parents[1] / "baselines"
    result = CliRunner().invoke(main, ["apply", str(mod), "--baselines", str(baselines), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "document = 'Appendix S' but modification.toml lists this file for 'Appendix Q'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_unloadable_file_reports_only_its_own_errors(tmp_path):
    """An amendments file that fails to load is reported once, not blamed on another file."""
    from secdocs.cli import main

    mod = copy_mp134a(tmp_path)
    with (mod / "section-L.toml").open("a") as fh:
        fh.write('\n[[op]]\nkind = "frobnicate"\ntarget = "L1.1"\n')
    baselines = Path(__file__).resolve().parents[1] / "baselines"
    result = CliRunner().invoke(main, ["apply", str(mod), "--baselines", str(baselines), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    lines = [x for x in result.stderr.splitlines() if x.startswith("secdocs: error: ")]
    assert len(lines) == 1 and "(frobnicate L1.1): unknown kind 'frobnicate'" in lines[0], result.stderr
    assert "1 error; nothing written" in result.stderr


def test_modification_toml_missing_keys(tmp_path):
    from secdocs.amend.load import load_modification
    from secdocs.errors import ConfigError

    write(tmp_path / "modification.toml", '''
        id = "MPX"
        title = "x"
        illustrative = true
        ''')
    with pytest.raises(ConfigError) as info:
        load_modification(tmp_path)
    msg = str(info.value)
    assert "missing key 'documents'" in msg and "proposer" not in msg  # later-stage keys: see require()
    assert "illustrative = true needs an illustrative_label sentence" in msg


def test_baselines_found_through_the_manifest_or_the_sources(tmp_path):
    import json as _json

    from secdocs.baselines import find_baseline
    from secdocs.errors import ConfigError

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "section-L.sec.txt").write_text("@id: Section L\n")
    (tmp_path / "src" / "other.sec.txt").write_text("@id: Appendix Q\n@title: x\n")
    assert find_baseline(tmp_path, "Section L") == tmp_path / "src" / "section-L.sec.txt"
    assert find_baseline(tmp_path, "Appendix Q") == tmp_path / "src" / "other.sec.txt"
    (tmp_path / "L.docx").write_bytes(b"PK")
    (tmp_path / "manifest.json").write_text(_json.dumps({"baselines": [{"id": "Section L", "file": "L.docx"}]}))
    assert find_baseline(tmp_path, "Section L") == tmp_path / "L.docx"  # the .docx first: it is read
    with pytest.raises(ConfigError, match="no baseline for Appendix S"):
        find_baseline(tmp_path, "Appendix S")
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(ConfigError, match="manifest.json: not valid JSON"):
        find_baseline(tmp_path, "Section L")
