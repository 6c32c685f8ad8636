"""SEC-shaped documents of any size, and an amended version of each, for the benchmark and tests.

A Section has Parts (``X1`` …) of about 25 clauses, with a cross-heading every five clauses;
one clause in three has ``(a)``… paragraphs, some with ``(i)``… sub-paragraphs. A definitions
document has one clause ``A1.1`` holding the table. Text is drawn from a fixed vocabulary of
SEC-like words by a seeded generator, so every run is the same.

:func:`amend` returns an amended copy that keeps every surviving provision's ``uid`` (as the
amendment engine does): about 3 % of clauses have words substituted, inserted or deleted,
1 % become "Not used", one clause in 100 gets a suffix-numbered clause after it, one in 150
loses a paragraph, cross-headings are renamed now and then, and definitions are inserted,
amended and deleted in the same proportions.
"""

from __future__ import annotations

import copy
import random

from secdocs.model import Definition, Document, Kind, Provision, Run

WORDS = (
    "the SMKI PMA shall may Party Supplier Certificate Organisation Certificates revoke revocation "
    "Panel DCC in accordance with Section of this Code any such person other than where that which "
    "provided Authority relevant obligation notify decision Subscriber Private Key Device Smart "
    "Metering System Registration Data Provider reasonable steps to ensure within days after "
    "receipt request Shared Resource Provider Supplier of Last Resort customers Prepayment "
    "arrangement pursuant including without limitation subject and or not be by on for"
).split()

PER_PART = 25


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


def _runs(rng: random.Random, text: str) -> list[Run]:
    """Plain text with, now and then, a bold or italic word (to exercise run splitting)."""
    if rng.random() < 0.8:
        return [Run(text)]
    words = text.split(" ")
    k = rng.randrange(len(words))
    out = []
    if k:
        out.append(Run(" ".join(words[:k]) + " "))
    out.append(Run(words[k], bold=rng.random() < 0.5, italic=True))
    if k + 1 < len(words):
        out.append(Run(" " + " ".join(words[k + 1:])))
    return out


def section(clauses: int, letter: str = "X", seed: int = 1) -> Document:
    """A Section of about ``clauses`` clauses."""
    rng = random.Random(seed)
    parts: list[Provision] = []
    made = 0
    part_no = 0
    while made < clauses:
        part_no += 1
        pnum = f"{letter}{part_no}"
        part = Provision(Kind.PART, pnum, heading=[Run(" ".join(rng.choice(WORDS) for _ in range(3)).upper())],
                         uid=pnum)
        heading_no = 0
        for c in range(1, min(PER_PART, clauses - made) + 1):
            if c % 5 == 1:
                heading_no += 1
                part.children.append(Provision(Kind.CROSS_HEADING, heading=[Run(_sentence(rng, 4)[:-1])],
                                               uid=f"{pnum}/cross-heading[{heading_no}]"))
            cnum = f"{pnum}.{c}"
            clause = Provision(Kind.CLAUSE, cnum, text=_runs(rng, _sentence(rng, rng.randint(15, 45))), uid=cnum)
            if c % 3 == 0:
                for k in range(rng.randint(2, 5)):
                    label = f"({'abcdefgh'[k]})"
                    para = Provision(Kind.PARAGRAPH, label, text=_runs(rng, _sentence(rng, rng.randint(8, 25))[:-1] + ";"),
                                     uid=cnum + label)
                    if rng.random() < 0.2:
                        for r in range(rng.randint(2, 3)):
                            sub = f"({'i' * (r + 1) if r < 3 else 'iv'})"
                            para.children.append(Provision(Kind.PARAGRAPH, sub, text=[Run(_sentence(rng, 10)[:-1] + ";")],
                                                           uid=cnum + label + sub))
                    clause.children.append(para)
            part.children.append(clause)
            made += 1
        parts.append(part)
    return Document(id=f"Section {letter}", title="Benchmark Section", version="1.0", sec_version="46.0",
                    date="2021-06-24", provisions=parts)


def definitions(count: int, seed: int = 2) -> Document:
    """A Section A with ``count`` definitions in the A1.1 table (terms in alphabetical order)."""
    rng = random.Random(seed)
    terms = set()
    while len(terms) < count:
        terms.add(" ".join(w.capitalize() for w in rng.sample(WORDS, rng.randint(1, 3))) + f" {len(terms)}")
    defs = []
    for term in sorted(terms, key=str.casefold):
        meaning = [Provision(Kind.TEXT, text=[Run("means " + _sentence(rng, rng.randint(10, 40)))], uid=f"def:{term}/text[1]")]
        if rng.random() < 0.15:
            meaning[0].text = [Run("means any of the following:")]
            for k in range(rng.randint(2, 4)):
                label = f"({'abcd'[k]})"
                meaning.append(Provision(Kind.PARAGRAPH, label, text=[Run(_sentence(rng, 12)[:-1] + ";")],
                                         uid=f"def:{term}{label}"))
        defs.append(Definition(term=[Run(term, bold=True, term=True)], meaning=meaning, uid=f"def:{term}"))
    table = Provision(Kind.CLAUSE, "A1.1", text=[Run("In this Code, the expressions in the left hand column "
                                                     "shall have the meanings given to them in the right hand column:")],
                      definitions=defs, uid="A1.1")
    part = Provision(Kind.PART, "A1", heading=[Run("DEFINITIONS")], uid="A1",
                     children=[Provision(Kind.CROSS_HEADING, heading=[Run("Definitions")], uid="A1/cross-heading[1]"),
                               table])
    return Document(id="Section A", title="Definitions and Interpretation", version="1.0", sec_version="46.0",
                    date="2021-06-24", provisions=[part])


def _edit_text(rng: random.Random, runs: list[Run]) -> list[Run]:
    text = "".join(r.text for r in runs)
    words = text.split(" ")
    what = rng.random()
    i = rng.randrange(len(words))
    if what < 0.4:
        words[i] = rng.choice(WORDS)
    elif what < 0.7:
        words[i:i] = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
    elif len(words) > 4:
        del words[i:i + rng.randint(1, 3)]
    return [Run(" ".join(words))]


def amend(doc: Document, seed: int = 3) -> Document:
    """An amended copy (uids kept), as described in the module docstring."""
    rng = random.Random(seed)
    new = copy.deepcopy(doc)
    new.version = "2.0"
    new_uid = 0

    def visit(siblings: list[Provision]) -> None:
        nonlocal new_uid
        i = 0
        while i < len(siblings):
            p = siblings[i]
            r = rng.random()
            if p.kind == Kind.CROSS_HEADING and r < 0.02:
                p.heading = _edit_text(rng, p.heading)
            elif p.kind == Kind.CLAUSE:
                if r < 0.03:
                    p.text = _edit_text(rng, p.text)
                elif r < 0.04:
                    p.text, p.children = [Run("Not used.")], []
                elif r < 0.05:
                    new_uid += 1
                    siblings.insert(i + 1, Provision(Kind.CLAUSE, p.number + "A",
                                                     text=[Run(_sentence(rng, 30))], uid=f"new:{new_uid}"))
                    i += 1
            elif p.kind == Kind.PARAGRAPH and r < 0.0066 and len(siblings) > 1:
                del siblings[i]
                continue
            elif p.kind == Kind.PARAGRAPH and r < 0.03:
                p.text = _edit_text(rng, p.text)
            if p.definitions:
                defs = p.definitions
                j = 0
                while j < len(defs):
                    rd = rng.random()
                    if rd < 0.02:
                        defs[j].meaning[0].text = _edit_text(rng, defs[j].meaning[0].text)
                    elif rd < 0.025:
                        del defs[j]
                        continue
                    elif rd < 0.035:
                        new_uid += 1
                        term = defs[j].term_text + " Extra"
                        defs.insert(j + 1, Definition([Run(term, bold=True, term=True)],
                                                      [Provision(Kind.TEXT, text=[Run("means " + _sentence(rng, 20))],
                                                                 uid=f"new:{new_uid}/text")], uid=f"new:{new_uid}"))
                        j += 1
                    j += 1
            visit(p.children)
            i += 1

    visit(new.provisions)
    return new
