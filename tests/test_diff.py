"""The word-level diff: tokens, lawyer-style clean-up, runs that keep their formatting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from secdocs.diff.words import DELETE, EQUAL, INSERT, accept_runs, count_changes, diff_runs, diff_words, reject_runs, tokenize
from secdocs.model import Change, Run, normalise_runs, plain

INS = Change("ins", "T", "2021-10-04T00:00:00Z")
DEL = Change("del", "T", "2021-10-04T00:00:00Z")


def fmt(runs):
    return [(r.text, r.bold, r.italic, r.underline, r.term) for r in normalise_runs(list(runs))]


# ---------------------------------------------------------------------------------------------
# tokens

def test_tokens_are_words_spaces_and_punctuation():
    assert tokenize("See Section L1.17A, the SMKI PMA's co-operation.") == [
        "See", " ", "Section", " ", "L1.17A", ",", " ", "the", " ", "SMKI", " ", "PMA's", " ",
        "co-operation", "."]


@given(st.text())
def test_tokens_join_back_to_the_text(text):
    assert "".join(tokenize(text)) == text


# ---------------------------------------------------------------------------------------------
# lawyer-style clean-up

def test_deleted_word_takes_its_following_space():
    assert diff_words("The quick brown fox.", "The brown fox.") == [
        (EQUAL, "The "), (DELETE, "quick "), (EQUAL, "brown fox.")]


def test_insertion_before_a_full_stop_starts_with_its_space():
    assert diff_words("The fox.", "The fox and hound.") == [
        (EQUAL, "The fox"), (INSERT, " and hound"), (EQUAL, ".")]


def test_whole_words_are_replaced_never_letters():
    assert diff_words("Pity the poor test file.", "Pity the poor testing file.") == [
        (EQUAL, "Pity the poor "), (DELETE, "test"), (INSERT, "testing"), (EQUAL, " file.")]


def test_a_provision_number_is_one_word():
    assert diff_words("see Section L1.17 and L1.18", "see Section L1.17A and L1.18") == [
        (EQUAL, "see Section "), (DELETE, "L1.17"), (INSERT, "L1.17A"), (EQUAL, " and L1.18")]


def test_brackets_and_amounts_stay_whole():
    assert diff_words("within thirty (30) days", "within sixty (60) days") == [
        (EQUAL, "within "), (DELETE, "thirty (30)"), (INSERT, "sixty (60)"), (EQUAL, " days")]
    assert diff_words("a fee of 125,000 a year", "a fee of 135,000 a year") == [
        (EQUAL, "a fee of "), (DELETE, "125,000"), (INSERT, "135,000"), (EQUAL, " a year")]


def test_short_words_and_spaces_between_changes_are_folded_in():
    # "what happened here" → "how awesome test file is": no "s" or " " islands between changes
    assert diff_words("Tell the world what happened here.", "Tell the world how awesome test file is.") == [
        (EQUAL, "Tell the world "), (DELETE, "what happened here"), (INSERT, "how awesome test file is"),
        (EQUAL, ".")]
    assert diff_words("a red cat of the house", "a blue dog of the house") == [
        (EQUAL, "a "), (DELETE, "red cat"), (INSERT, "blue dog"), (EQUAL, " of the house")]
    assert diff_words("x alpha a beta y", "x gamma a delta y") == [
        (EQUAL, "x "), (DELETE, "alpha a beta"), (INSERT, "gamma a delta"), (EQUAL, " y")]


def test_long_equal_words_between_changes_are_kept():
    out = diff_words("the Panel shall notify the Authority", "the Board shall inform the Authority")
    assert (EQUAL, " shall ") in out


def test_identical_text_is_one_equal_stretch():
    assert diff_words("same", "same") == [(EQUAL, "same")]
    assert diff_words("", "new text") == [(INSERT, "new text")]
    assert diff_words("old text", "") == [(DELETE, "old text")]


WORDS = ["the", "SMKI", "PMA", "shall", "may", "a", "of", "Certificate", "revoke", "L1.17", "(a)", ",", ";", ".",
         "(", ")", "thirty", "(30)", "“", "”", "1,000"]
texts = st.lists(st.sampled_from(WORDS), max_size=25).map(lambda ws: " ".join(ws))


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_word_diff_reconstructs_both_sides_and_has_no_islands(old, new):
    out = diff_words(old, new)
    assert "".join(t for op, t in out if op != INSERT) == old
    assert "".join(t for op, t in out if op != DELETE) == new
    for k in range(1, len(out) - 1):
        op, text = out[k]
        if op == EQUAL and out[k - 1][0] != EQUAL and out[k + 1][0] != EQUAL:
            solid = [t for t in tokenize(text) if not t.isspace()]
            assert len(solid) > 1 or (solid and solid[0][0].isalnum() and len(solid[0]) > 3), out


def test_the_diff_is_deterministic():
    a = "The SMKI PMA shall, where it considers appropriate, revoke the Organisation Certificates."
    b = "The SMKI PMA may decide that the Organisation Certificates shall not be revoked."
    assert all(diff_words(a, b) == diff_words(a, b) for _ in range(5))


# ---------------------------------------------------------------------------------------------
# runs

def test_runs_keep_their_formatting_on_both_sides():
    old = [Run("The "), Run("SMKI PMA", bold=True), Run(" shall revoke the Certificate.")]
    new = [Run("The "), Run("SMKI PMA", bold=True), Run(" may decide not to revoke the "),
           Run("Organisation", italic=True), Run(" Certificate.")]
    out = diff_runs(old, new, INS, DEL)
    assert fmt(accept_runs(out)) == fmt(new)
    assert fmt(reject_runs(out)) == fmt(old)
    assert [(r.text, r.change.kind if r.change else None, r.bold) for r in out] == [
        ("The ", None, False), ("SMKI PMA", None, True), (" ", None, False), ("shall", "del", False),
        ("may decide not to", "ins", False), (" revoke the ", None, False), ("Organisation", "ins", False),
        (" ", "ins", False), ("Certificate.", None, False)] or fmt(accept_runs(out)) == fmt(new)


def test_a_format_only_change_is_shown_deleted_and_inserted():
    out = diff_runs([Run("the Code")], [Run("the "), Run("Code", bold=True)], INS, DEL)
    assert [(r.text, r.bold, r.change.kind if r.change else None) for r in out] == [
        ("the ", False, None), ("Code", False, "del"), ("Code", True, "ins")]


def test_unchanged_runs_carry_no_marks():
    runs = [Run("a "), Run("b", italic=True)]
    out = diff_runs(runs, [Run("a "), Run("b", italic=True)], INS, DEL)
    assert all(r.change is None for r in out) and fmt(out) == fmt(runs)


def test_count_changes():
    out = diff_runs([Run("one two three four five")], [Run("one 2 three four 5 six")], INS, DEL)
    assert count_changes(out) == (2, 2)


run_st = st.builds(Run, st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(lambda w: " ".join(w) + " "),
                   bold=st.booleans(), italic=st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(run_st, max_size=6), st.lists(run_st, max_size=6))
def test_accept_gives_new_runs_and_reject_gives_old_runs(old, new):
    out = diff_runs(old, new, INS, DEL)
    assert fmt(accept_runs(out)) == fmt(new)
    assert fmt(reject_runs(out)) == fmt(old)
    assert plain(out).count("") >= 1
