"""Defined terms across the document set.

The dictionary is every definitions table (Section A1.1), every definitions part (a paragraph
that opens with a bold or quoted term followed by "means" / "has the meaning", as in the
Appendices' section 1.6) and every in-line definition (``(the "SMKI PMA")``, ``to be known as
the "SMKI PMA"``, ``(the **OCA**)``). Uses are found word by word (a trie of the terms' words,
longest match first, plurals and possessives folded).

Findings: a capitalised multi-word term that matches no definition (an error when a defined
term is a near miss — case, spelling, singular/plural — and the message suggests it; otherwise
a warning); a term written in another case (``SoLR event``); a definition used nowhere in the
set, a definitions table out of alphabetical order (warnings); a term defined twice; a deleted
definition still used (errors). Headings, sentence starts, months, the set's own document
titles, named instruments (``Companies Act 2006``), company names and shouted (all-capitals)
text are not taken for terms, and neither is the text a cross-reference covers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..amend.ops.definitions import definition_key
from ..model import Run
from .changes import ChangeIndex
from .findings import ERROR, WARNING, Finding, Findings
from .text import HEADING, MEANING, TERM, TEXT, CELL, Segment

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-‑][A-Za-z0-9]+)*(?:['’][A-Za-z]{1,2}\b)?|['’]|[()&/]")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = {"of", "and", "for", "the", "in", "on", "or"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# Places, public bodies and holidays any UK contract may name: proper names, not terms (a set adds
# its own in checks.toml [terms] names)
COMMON_NAMES = ("United Kingdom", "Great Britain", "England and Wales", "Northern Ireland", "United States",
                "European Union", "European Commission", "European Economic Area", "HM Treasury", "HM Government",
                "Cabinet Office", "Secretary of State", "National Audit Office", "Northern Ireland Assembly",
                "Scottish Executive", "Scottish Government", "National Assembly for Wales", "Welsh Government",
                "Crown Commercial Service", "Christmas Day", "Boxing Day", "New Year's Day", "Good Friday",
                "Easter Monday", "Bank Holiday")
_OUTSIDE = ("name", "external")  # dictionary entries that are not definitions of the set
_COMPANY = {"Ltd", "Limited", "Inc", "plc", "PLC", "LLP", "LLC", "Corporation", "Corp"}
_MEANS = re.compile(r"^\s*(?:means|shall mean|has the meaning|have the meaning|includes|is defined)\b")
_QUOTED_DEF = re.compile(r'^\s*["“](?P<term>[^"”]{2,80})["”]\s+(?:means|shall mean|has the meaning|have the meaning)\b')
_INLINE = re.compile(r'(?:\(\s*(?:(?:together|collectively|each|both|all|hereinafter|referred to as|the|an?|its)[\s,]+)*'
                     r'|\b(?:known as|referred to as|called)\s+(?:the\s+|an?\s+)?)'
                     r'(?:["“](?P<q>[^"”]{2,80})["”]|\x01(?P<b>[^\x01\x02]{2,80})\x02)')
_POINTER = re.compile(r"\s*ha(?:s|ve) the meaning")
_ACRONYM = re.compile(r"^(?P<long>.+?)\s+\((?P<short>[A-Z][A-Za-z0-9 -]{0,12})\)$")
_QUOTED = re.compile(r'["“](?P<q>[A-Z][^"”]{1,80})["”]')
_TERM_SHAPE = re.compile(r"^[A-Z0-9][^.;:!?]*$")


@dataclass
class Term:
    """One definition: where it is and how often the set uses it."""

    text: str
    document: str
    address: str
    how: str  # "table", "part", "alias" (either form of a table's "Long Form (LF)") or "in-line"
    order: tuple
    pointer: bool = False  # a table row that says "has the meaning given ... in Section X"
    uses: int = 0
    deleted_by: str = ""
    of: "Term | None" = None  # an alias: the table row it belongs to


@dataclass
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    term: Term | None = None


@lru_cache(maxsize=65536)
def _singulars(word: str) -> tuple[str, ...]:
    out = []
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 2 and not word.endswith("ss"):
        out.append(word[:-1])
    return tuple(out)


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words (possessive folded: ``DCC's`` → ``DCC``), brackets, ``&`` and ``/`` with their spans."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if ("'" in word or "’" in word) and len(word) > 1:
            word = _POSSESSIVE.sub("", word)
        if word:
            start = m.start()
            out.append((word, start, start + len(word)))
    return out


class Dictionary:
    """Every term of the set in two tries (exact, and lower-cased for near misses)."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.exact = _Node()
        self.folded = _Node()
        self.by_text: dict[str, list[Term]] = {}

    def add(self, term: Term) -> None:
        self.terms.append(term)
        self.by_text.setdefault(term.text, []).append(term)
        words = [w for w, _, _ in tokens(term.text)]
        if not words:
            return
        for trie, fold in ((self.exact, False), (self.folded, True)):
            variants = [words] + [words[:-1] + [s] for s in _singulars(words[-1])]
            for variant in variants:
                node = trie
                for w in variant:
                    node = node.children.setdefault(w.lower() if fold else w, _Node())
                if node.term is None or node.term.deleted_by or (
                        node.term.how in _OUTSIDE and term.how not in _OUTSIDE):  # the set's own definition wins
                    node.term = term

    def match(self, words: list[str], i: int, fold: bool) -> tuple[int, Term | None]:
        """The longest term starting at word ``i``: (number of words, term)."""
        node = self.folded if fold else self.exact
        first = words[i].lower() if fold else words[i]
        if first not in node.children and not any(s in node.children for s in _singulars(first)):
            return (0, None)
        best = (0, None)
        j = i
        while j < len(words):
            w = words[j].lower() if fold else words[j]
            nxt = node.children.get(w)
            if nxt is None:
                for s in _singulars(w):
                    nxt = node.children.get(s)
                    if nxt is not None:
                        break
            if nxt is None:
                break
            node = nxt
            j += 1
            if node.term is not None:
                best = (j - i, node.term)
        return best

    def suggestions(self, phrase: str) -> list[str]:
        """Defined terms ``phrase`` is a near miss of: case, singular/plural, spelling."""
        low = phrase.lower()
        words = low.split()
        forms = {low, " ".join(words[:-1] + [_plural(words[-1])])} | {
            " ".join(words[:-1] + [s]) for s in _singulars(words[-1])}
        forms |= {f.replace("iz", "is").replace("yz", "ys") for f in list(forms)}
        live = {t.text.lower(): t.text for t in self.terms if not t.deleted_by and t.how != "name"}
        live.update({k.replace("-", " "): v for k, v in list(live.items()) if "-" in k})
        hits = list(dict.fromkeys(live[f] for f in sorted(forms) if f in live))
        if hits:
            return hits
        close = difflib.get_close_matches(low, list(live), n=3, cutoff=0.85)
        return [live[c] for c in close if _spelling(phrase, live[c])][:2]


def _spelling(phrase: str, term: str) -> bool:
    """A spelling near miss: the same words but one or two words spelt slightly differently,
    never an acronym for another (``Issuing OCA`` is not ``Issuing ICA``)."""
    a, b = phrase.split(), term.split()
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b) if x.lower() != y.lower()]
    return 0 < len(differ) <= 2 and all(
        len(x) >= 5 and not x.isupper() and difflib.SequenceMatcher(None, x.lower(), y.lower()).ratio() >= 0.8
        for x, y in differ)


# ---------------------------------------------------------------------------------------------
# Building the dictionary


def _marked(runs: list[Run]) -> str:
    """Text with bold runs between \\x01 and \\x02 (in-line definitions are often bold)."""
    return "".join(f"\x01{r.text}\x02" if r.bold and r.text.strip() else r.text for r in runs)


def _inline_spans(seg: Segment) -> list[tuple[str, int, int]]:
    """In-line definitions in a segment: (term, start, end) in the plain text."""
    marked = _marked(seg.runs)
    out = []
    for m in _INLINE.finditer(marked):
        group = "q" if m.group("q") else "b"
        term = m.group(group).strip()
        if not _TERM_SHAPE.match(term):
            continue
        start = len(marked[:m.start(group)].replace("\x01", "").replace("\x02", ""))
        out.append((term, start, start + len(term)))
    for m in _QUOTED.finditer(seg.text):  # a quoted capitalised phrase defines it: constitute "Services FM"
        term = m.group("q").strip()
        words = [w for w, _, _ in tokens(term)]
        if _TERM_SHAPE.match(term) and all(w[:1].isupper() or w in _CONNECTORS or w in "()&/" for w in words) \
                and not any(s == m.start("q") for _, s, _ in out):
            out.append((term, m.start("q"), m.start("q") + len(term)))
    return out


def _part_definition(seg: Segment) -> tuple[str, int, int] | None:
    """A definitions-part paragraph: ``**Organisation ARL** means …`` or ``"Term" means …``."""
    runs = [r for r in seg.runs if r.text]
    lead = 0
    while lead < len(runs) and not runs[lead].text.strip():
        lead += 1
    if lead < len(runs) and runs[lead].bold:
        term = runs[lead].text.strip().strip('"“”')
        rest = "".join(r.text for r in runs[lead + 1:])
        if _MEANS.match(rest) and _TERM_SHAPE.match(term):
            start = seg.text.find(term)
            return term, start, start + len(term)
    m = _QUOTED_DEF.match(seg.text)
    if m:
        return m.group("term").strip(), m.start("term"), m.end("term")
    return None


def build(segments: list[Segment], changes: ChangeIndex, elsewhere: list[str] = (), names: list[str] = ()
          ) -> tuple[Dictionary, dict[int, list[tuple[int, int]]]]:
    """The dictionary of the set, and per segment the spans that define (not use) a term.
    ``elsewhere``: terms defined in documents outside the set; ``names``: proper names."""
    dictionary = Dictionary()
    for how, texts in (("external", elsewhere), ("name", tuple(names) + COMMON_NAMES)):
        for text in texts:
            dictionary.add(Term(text.strip(), "", "", how, (), pointer=True))
    defining: dict[int, list[tuple[int, int]]] = {}
    for seg in segments:
        if seg.role == TERM:
            meaning = seg.definition.meaning_text if seg.definition else ""
            pointer = bool(_POINTER.match(meaning))
            text = " ".join(seg.text.strip().strip('"“”\'‘’').split())  # "“Pension Requirements”"
            row = Term(text, seg.document.id, seg.address, "table", seg.where(), pointer)
            dictionary.add(row)
            m = _ACRONYM.match(text)
            if m:  # "Certificate Revocation List (CRL)": the long form and the acronym are terms too
                for alias in (m.group("long"), m.group("short")):
                    dictionary.add(Term(alias, seg.document.id, seg.address, "alias", seg.where(), True, of=row))
            continue
        if seg.role not in (TEXT, CELL, MEANING):
            continue
        part = _part_definition(seg) if seg.role != MEANING else None
        if part:
            rest = seg.text[part[2]:].lstrip(' "”*')
            dictionary.add(Term(part[0], seg.document.id, seg.address, "part", seg.where(part[1]),
                                bool(_POINTER.match(rest))))
            defining.setdefault(id(seg), []).append(part[1:])
        for term, start, end in _inline_spans(seg):
            if part and start == part[1]:
                continue
            dictionary.add(Term(term, seg.document.id, seg.address, "in-line", seg.where(start)))
            defining.setdefault(id(seg), []).append((start, end))
    for term, (mod, address) in changes.deleted_terms.items():
        if term not in dictionary.by_text:
            doc, _, where = address.partition(" ")
            dictionary.add(Term(term, doc, address, "table", (), deleted_by=mod))
    return dictionary, defining


# ---------------------------------------------------------------------------------------------
# Uses


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'([":
        i -= 1
    return i < 0 or text[i] in ".!?:"


def _capital(word: str) -> bool:
    return word[:1].isupper() and word not in _MONTHS


class TermCheck:
    """Finds uses, undefined terms and near misses in segments (see the module docstring)."""

    def __init__(self, dictionary: Dictionary, titles: set[str], findings: Findings):
        self.dictionary = dictionary
        self.titles = {t.lower() for t in titles if t}
        self.findings = findings
        self.uses = 0
        self._suggest: dict[str, list[str]] = {}

    def scan(self, seg: Segment, masked: list[tuple[int, int]], defining: list[tuple[int, int]]) -> None:
        text = seg.text
        toks = [t for t in tokens(text) if not any(s <= t[1] < e for s, e in masked)]
        words = [w for w, _, _ in toks]
        covered = [False] * len(toks)
        i = 0
        while i < len(toks):
            n = self._case_variant(seg, toks, words, i)  # "SoLR certificate arrangement"
            if n:
                covered[i:i + n] = [True] * n
                i += n
                continue
            n, term = self.dictionary.match(words, i, fold=False)
            if term is not None and not (n == 1 and _sentence_start(text, toks[i][1]) and " " not in term.text
                                         and not term.text.isupper() and seg.role != TERM):
                inside = any(s <= toks[i][1] < e for s, e in defining)
                if not inside and seg.role != TERM:
                    self._use(seg, term, toks[i][1])
                covered[i:i + n] = [True] * n
                i += n
                continue
            i += 1
        if seg.role in (TEXT, CELL, MEANING):
            self._undefined(seg, toks, covered, defining)

    def _case_variant(self, seg: Segment, toks: list, words: list[str], i: int) -> int:
        """A defined term of two or more words written at ``i`` in another case (its first word
        as defined, so ordinary lower-case prose is not one): reported; the number of words."""
        if seg.role in (HEADING, TERM) or not _capital(words[i]):
            return 0
        n, term = self.dictionary.match(words, i, fold=True)
        if term is None or n < 2 or term.deleted_by or term.how in _OUTSIDE:
            return 0
        found = seg.text[toks[i][1]:toks[i + n - 1][2]]
        exact, _ = self.dictionary.match(words, i, fold=False)
        if exact >= n or words[i] != term.text.split()[0] or found.isupper():
            return 0
        self.findings.add(Finding(seg.document.id, seg.address, ERROR, "term-case",
                                  f'"{found}": write the defined term "{term.text}"', seg.where(toks[i][1])))
        return n

    def _use(self, seg: Segment, term: Term, offset: int) -> None:
        self.uses += 1
        term.uses += 1
        if term.of is not None:
            term.of.uses += 1
        if term.deleted_by:
            self.findings.add(Finding(seg.document.id, seg.address, ERROR, "deleted-term-used",
                                      f'"{term.text}" is used, but {term.deleted_by} deletes its definition',
                                      seg.where(offset)))

    def _undefined(self, seg: Segment, toks: list, covered: list[bool], defining: list[tuple[int, int]]) -> None:
        text = seg.text
        upper, lower = len(_UPPER.findall(text)), len(_LOWER.findall(text))
        if upper and upper > 1.5 * lower:
            return  # shouted text (a heading typed in capitals): over 60% of its letters
        i = 0
        while i < len(toks):
            if not (_capital(toks[i][0]) or covered[i]) or toks[i][0] in "()&/'’":
                i += 1
                continue
            j = i
            while j + 1 < len(toks):
                w = toks[j + 1][0]
                gap = text[toks[j][2]:toks[j + 1][1]]
                if gap.strip() and gap.strip() not in ("'", "’"):
                    break
                if _capital(w) or covered[j + 1]:
                    j += 1
                elif w in _CONNECTORS and j + 2 < len(toks) and _capital(toks[j + 2][0]) \
                        and not text[toks[j + 1][2]:toks[j + 2][1]].strip():
                    j += 1
                else:
                    break
            self._run(seg, toks, covered, i, j, defining)
            i = j + 1

    def _run(self, seg: Segment, toks: list, covered: list[bool], i: int, j: int,
             defining: list[tuple[int, int]]) -> None:
        """One run of capitalised words: split at "and" / "or", each part judged on its own."""
        start = i
        for k in range(i, j + 2):
            if k > j or toks[k][0] in ("and", "or"):
                self._phrase(seg, toks, covered, start, k - 1, defining)
                start = k + 1

    def _phrase(self, seg: Segment, toks: list, covered: list[bool], i: int, j: int,
                defining: list[tuple[int, int]]) -> None:
        text = seg.text
        if i <= j and _sentence_start(text, toks[i][1]) and not covered[i]:
            i += 1
        while i <= j and (toks[i][0] in _CONNECTORS or toks[i][0] in "()&/'’"):
            i += 1
        while j >= i and (toks[j][0] in _CONNECTORS or toks[j][0] in "()&/'’"):
            j -= 1
        for k in range(j, i, -1):  # "Trust Anchor Cells of Devices": a defined tail after "of" is not the term
            if toks[k][0] in _CONNECTORS and all(covered[m] for m in range(k + 1, j + 1)
                                                 if toks[m][0] not in _CONNECTORS):
                j = k - 1
        content = [k for k in range(i, j + 1) if toks[k][0] not in _CONNECTORS]
        if len(content) < 2 or all(covered[k] for k in content):
            return
        if any(s <= toks[i][1] < e for s, e in defining):
            return
        phrase = text[toks[i][1]:toks[j][2]]
        after = text[toks[j][2]:toks[j][2] + 6]
        if phrase.lower() in self.titles or re.match(r"\s+\d{4}\b", after) or any(
                toks[k][0] in _COMPANY for k in content) or all(toks[k][0].isupper() for k in content
                                                               if not covered[k]) and len(content) > 2:
            return
        if phrase not in self._suggest:
            self._suggest[phrase] = self.dictionary.suggestions(phrase)
        hints = self._suggest[phrase]
        if hints:
            self.findings.add(Finding(seg.document.id, seg.address, ERROR, "undefined-term",
                                      f'"{phrase}" is not a defined term; did you mean '
                                      + " or ".join(f'"{h}"' for h in hints) + "?", seg.where(toks[i][1])))
        else:
            self.findings.add(Finding(seg.document.id, seg.address, WARNING, "undefined-term",
                                      f'"{phrase}" is capitalised like a defined term but no definition matches it',
                                      seg.where(toks[i][1])))


# ---------------------------------------------------------------------------------------------
# The dictionary's own findings


def check_dictionary(dictionary: Dictionary, findings: Findings, partial: bool = False) -> None:
    """Duplicates, tables out of alphabetical order, definitions used nowhere (in a partial set
    — part of a larger code — only counted: a document outside the set may use them)."""
    for text, defs in dictionary.by_text.items():
        live = [d for d in defs if not d.deleted_by and not d.pointer]
        full = [d for d in live if d.how in ("table", "part")]
        inline = [d for d in live if d.how == "in-line"]
        if len(full) < 2 and len({d.address for d in inline}) > 1 and not full:
            full = inline
        if len(full) > 1:
            first = full[0]
            for d in full[1:]:
                findings.add(Finding(d.document, d.address, ERROR, "duplicate-definition",
                                     f'"{text}" is defined twice (also at {first.document} {first.address})', d.order))
    previous: Term | None = None
    for term in dictionary.terms:
        if term.how != "table" or term.deleted_by:
            continue
        holder = term.address.split(":", 1)[0]
        if previous is not None and (previous.document, previous.address.split(":", 1)[0]) == (term.document, holder) \
                and definition_key(term.text) < definition_key(previous.text):
            findings.add(Finding(term.document, term.address, WARNING, "definition-order",
                                 f'"{term.text}" is out of alphabetical order (it follows "{previous.text}")', term.order))
        previous = term
    for term in dictionary.terms:
        if term.uses == 0 and not term.deleted_by and term.how in ("table", "part"):
            if partial:
                findings.stats["unused_in_partial_set"] = findings.stats.get("unused_in_partial_set", 0) + 1
                continue
            findings.add(Finding(term.document, term.address, WARNING, "unused-definition",
                                 f'"{term.text}" is defined but used nowhere in the set', term.order))
