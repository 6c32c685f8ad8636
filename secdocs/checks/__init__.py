"""Integrity checks across a document set: defined terms, cross-references, numbering.

``run_checks(documents, changesets)`` reads the model only (no XML): the documents as they stand
(baselines with modifications applied) and, optionally, what the modifications did (ChangeSets,
a list or ``{modification id: [ChangeSet, …]}``), for the findings that depend on a change.
``load.check_set`` loads baselines and modification folders and runs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from ..amend.ops import ChangeSet
from ..baselines import default_folder
from ..model import Document
from .changes import ChangeIndex
from .load import CheckConfig, load_set
from .findings import ERROR, WARNING, Finding, Findings
from .numbering import check_numbering
from .references import DocumentSet, check_references, find_references
from .terms import TermCheck, build, check_dictionary
from .text import segments

__all__ = ["run_checks", "check_set", "check_modification", "CheckConfig", "Finding", "Findings", "ERROR", "WARNING"]


def run_checks(documents: list[Document],
               changesets: Mapping[str, Iterable[ChangeSet]] | Iterable[ChangeSet] = (),
               config: CheckConfig | None = None) -> Findings:
    """Every finding on the set, in document order (see the modules of this package).
    ``config``: what the set's checks.toml says (terms defined outside the set, names, a partial
    set, accepted findings)."""
    config = config or CheckConfig()
    findings = Findings()
    changes = ChangeIndex(changesets)
    docs = DocumentSet(documents)
    segs = [s for n, doc in enumerate(documents) for s in segments(n, doc)]
    refs = {id(s): find_references(s, docs) for s in segs}
    check_references([r for s in segs for r in refs[id(s)]], docs, changes, findings)
    dictionary, defining = build(segs, changes, config.defined_elsewhere, config.names)
    terms = TermCheck(dictionary, {d.title for d in documents}, findings)
    for s in segs:
        masked = [(r.start, r.end) for r in refs[id(s)]]
        terms.scan(s, masked, defining.get(id(s), []))
    check_dictionary(dictionary, findings, partial=config.partial)
    for n, doc in enumerate(documents):
        check_numbering(n, doc, findings)
    findings.stats.update(documents=len(documents), definitions=len([t for t in dictionary.terms
                                                                        if t.how in ("table", "part", "in-line")]),
                          term_uses=terms.uses)
    findings.accept(config.accept)
    return findings


def check_set(baselines, modifications=(), reader=None, legal_text_version: str | None = None) -> Findings:
    """Load the baselines, apply the modification folders in order, and check the result."""
    loaded = load_set(baselines, list(modifications), reader, legal_text_version)
    return run_checks(loaded.documents, loaded.changesets, loaded.config)


def check_modification(mod_dir, baselines=None, legal_text_version: str | None = None) -> Findings:
    """The set with one modification applied (``secdocs apply`` and ``consult``): its baselines
    folder as ``amend.prepare`` finds it."""
    folder = baselines if baselines is not None else default_folder(Path(mod_dir))
    return check_set(folder, [mod_dir], legal_text_version=legal_text_version)
