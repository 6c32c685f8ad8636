"""``secdocs import``: a redlined document in, an amendment set out (the reverse of ``apply``).

A redline is read twice at the model level: its reject view (the text it was drafted against)
and its accept view (the text it proposes). Tracked changes from any program are read by the
reader's revision views; a redline with no tracked changes is read again with static markup
(coloured underline / strikethrough) as changes (``ooxml/static.py``).

1. The document's id (its cover) names its baseline in ``--baselines``. Every provision and
   definition of the reject view must read exactly as the baseline's does; where one does not,
   the legal text was drafted against another version: each such provision is named with a word
   diff ``[-baseline-]{+redline+}`` and nothing is written.
2. ``derive.derive(baseline, accept view)`` gives the operations.
3. They are applied to the baseline (``apply.run``) and the result must read exactly as the accept
   view does, so what is written is known to apply and to give the redline's text.
4. ``write_import`` writes a ``modification.toml`` skeleton (id, title, drafted against, one
   ``[[documents]]`` entry per document) and one amendments file per document into a new folder.

A legal text document (``secdocs legal-text``, possibly edited further in Word or LibreOffice)
holds several documents in extracts; ``legaltext_import`` splits it, checks each extract against
its baseline and gives ``derive`` the addresses and places an extract lacks (see that module).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.address import locate_all
from ..baselines import find_baseline
from ..workspace.config import display_path
from ..errors import ConfigError
from ..model import Document, iter_definitions
from ..ooxml.package import atomic_dir, ordinary_permissions
from ..ooxml.read import read_docx
from ..reader import read_document
from ..workspace import document_slug
from . import legaltext_import as lt
from .derive import derive, shape
from .legaltext_import import definition_differences
from .ops import AmendmentErrors, Op, run
from .text import word_diff
from .tomlout import amendments_toml, value


class ImportRefused(AmendmentErrors):
    """The redline cannot be imported: every reason, one a line; nothing is written."""

    summary = ""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        n = len(lines)
        self.summary = f"{n} problem{'s' if n != 1 else ''}; nothing imported, nothing written"


@dataclass
class ImportedDocument:
    id: str
    title: str
    source: str  # the redline, as shown
    markup: str  # "tracked" or "static"
    baseline_file: str
    sec_version: str
    ops: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportResult:
    id: str
    title: str
    documents: list[ImportedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_views(path: Path) -> tuple[Document, Document, str]:
    """(reject view, accept view, "tracked" | "static") of a redline."""
    reject, accept = read_docx(path, view="reject"), read_docx(path, view="accept")
    if shape(reject.provisions) != shape(accept.provisions):
        return reject, accept, "tracked"
    reject_s, accept_s = read_docx(path, view="reject", static=True), read_docx(path, view="accept", static=True)
    if shape(reject_s.provisions) != shape(accept_s.provisions):
        return reject_s, accept_s, "static"
    return reject, accept, "tracked"


def differences(baseline: Document, drafted: Document) -> list[str]:
    """Where ``drafted`` (a redline's reject view) does not read as ``baseline``: one line per
    provision or definition, with a word diff."""
    out = []
    base = {loc.address: loc.provision for loc in locate_all(baseline)}
    seen = {loc.address: loc.provision for loc in locate_all(drafted)}
    for address, p in seen.items():
        b = base.get(address)
        if b is None:
            out.append(f"{address}: not in the baseline ({p.full_text[:60]!r})")
        elif b.full_text != p.full_text or b.kind != p.kind:
            out.append(f"{address}: {word_diff(b.full_text, p.full_text)}")
    out += [f"{address}: in the baseline but not in the redline" for address in base if address not in seen]

    return out + definition_differences(baseline, drafted, whole=True)


def first_difference(a: Document, b: Document) -> str:
    """The first address at which two documents read differently (for a failed check)."""
    la, lb = locate_all(a), locate_all(b)
    for x, y in zip(la, lb):
        if x.address != y.address or shape([x.provision]) != shape([y.provision]):
            if x.address == y.address and x.provision.full_text == y.provision.full_text:
                continue
            return f"{x.address}: {word_diff(x.provision.full_text, y.provision.full_text)}"
    ta = [(d.term_text, d.meaning_text) for _, d in iter_definitions(a)]
    tb = [(d.term_text, d.meaning_text) for _, d in iter_definitions(b)]
    for (term, meaning), (other, theirs) in zip(ta, tb):
        if term != other:
            return (f'definition "{term}" where the redline has "{other}" (apply puts a new definition in'
                    " alphabetical place)")
        if meaning != theirs:
            return f'definition "{term}": {word_diff(meaning, theirs)}'
    return f"{len(la)} provisions and {len(ta)} definitions against {len(lb)} and {len(tb)}"


def import_document(baseline: Document, new: Document, where: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The ops turning ``baseline`` into ``new``, checked by applying them; (ops, problems)."""
    derived = derive(baseline, new)
    problems = [f"{where}: {p}" for p in derived.problems]
    if problems:
        return [], problems
    ops = [Op.from_table(t, index=n) for n, t in enumerate(derived.ops, 1)]
    amended, _changes, errors = run(baseline, ops)
    if errors:
        return [], [f"{where}: the derived operations do not apply: {e}" for e in errors]
    if shape(amended.provisions) != shape(new.provisions):
        return [], [f"{where}: the derived operations do not give the redline's text at"
                    f" {first_difference(amended, new)}"]
    return derived.ops, []


def import_extract(baseline: Document, old: Document, new: Document, where: str
                   ) -> tuple[list[dict[str, Any]], list[str]]:
    """The ops of one document's extract in a legal text, checked by applying them."""
    resolve, place = lt.extract_hooks(baseline)
    derived = derive(old, new, resolve=resolve, place=place)
    if derived.problems:
        return [], [f"{where}: {p}" for p in derived.problems]
    ops = [Op.from_table(t, index=n) for n, t in enumerate(derived.ops, 1)]
    amended, _changes, errors = run(baseline, ops)
    if errors:
        return [], [f"{where}: the derived operations do not apply: {e}" for e in errors]
    wrong = lt.check_applied(amended, old, new)
    if wrong:
        return [], [f"{where}: the derived operations do not give the legal text at {w}" for w in wrong]
    return derived.ops, []


def _cover(doc: Document) -> tuple:
    return (doc.id, doc.title, doc.version, doc.sec_version, doc.date, doc.front,
            [(h.version, h.date, h.description) for h in doc.history])


def _reader_warnings(doc: Document, shown: str) -> list[str]:
    return [f"{shown}: {w}" for w in doc.warnings]


def _documents_of(path: Path, document: str | None, result: ImportResult
                  ) -> tuple[list[tuple[str, Document, Document]], bool, str, list[str]]:
    """One redline: ([(document id, old, new)], is a legal text, markup, problems); its reader
    warnings (and the notes about what is not imported) go to ``result.warnings``."""
    shown = display_path(path)
    if not path.is_file():
        raise ConfigError(f"{shown}: no such file")
    reject, accept, markup = read_views(path)
    warnings = list(dict.fromkeys(_reader_warnings(reject, shown) + _reader_warnings(accept, shown)))
    legal = lt.is_legal_text(accept)
    if shape(reject.provisions) == shape(accept.provisions) and not legal:
        result.warnings += warnings
        outside = (reject.front, reject.history, reject.title) != (accept.front, accept.history, accept.title)
        return [], legal, markup, [
            f"{shown}: the tracked changes are all outside the provisions (cover, front matter, version history),"
            " which amendments do not express" if outside else
            f"{shown}: no changes to any provision: no tracked changes and no static markup (coloured underline,"
            " strikethrough) found"]
    if not legal:
        result.warnings += warnings
        if _cover(reject) != _cover(accept):
            result.warnings.append(f"{shown}: the changes to its cover, cover notes and version history are not"
                                   " imported (apply writes its own)")
        return [(document or reject.id, reject, accept)], legal, markup, []
    if document:
        return [], legal, markup, [f"{shown}: a legal text names its documents itself; leave out --document"]
    result.title = result.title or accept.title
    pairs, notes_edited = lt.split_legal_text(reject, accept)
    sequence = [w for w in warnings if "unexpected number" in w]
    result.warnings += [w for w in warnings if "unexpected number" not in w]
    if sequence:
        result.warnings.append(f"{shown}: {len(sequence)} notes that a number does not follow the one before it,"
                               " as expected in a legal text's extracts")
    result.warnings += [f"{shown}: the drafting notes of {doc_id} were edited; drafting notes are explanatory"
                        " and are not imported" for doc_id in notes_edited]
    return pairs, legal, markup, []


def import_redlines(paths: list[str | os.PathLike], baselines: str | os.PathLike, mod_id: str,
                    title: str | None = None, document: str | None = None) -> ImportResult:
    """Read, check and derive every redline; raise ImportRefused with every problem.
    ``document`` names the document of a single whole-document redline whose cover does not
    (a file without the SEC cover lines); it is refused for several redlines or a legal text."""
    baselines = Path(baselines)
    if document and len(paths) != 1:
        raise ConfigError("--document names the document of one redline; give one file")
    result = ImportResult(mod_id, title or "")
    problems: list[str] = []
    seen: set[str] = set()
    for path in map(Path, paths):
        shown = display_path(path)
        pairs, legal, markup, refused = _documents_of(path, document, result)
        problems += refused
        for doc_id, old, new in pairs:
            where = f"{shown} ({doc_id})" if legal else shown
            if not doc_id:
                problems.append(f"{where}: no document id on the cover (SEC Title line such as \"Section L\");"
                                " name it with --document")
                continue
            if doc_id in seen:
                problems.append(f"{where}: {doc_id} is in more than one redline")
                continue
            seen.add(doc_id)
            try:
                base_path = find_baseline(baselines, doc_id)
            except ConfigError as exc:
                problems.append(f"{where}: {exc}")
                continue
            baseline = read_document(base_path)
            diffs = (lt.differences if legal else differences)(baseline, old)
            if diffs:
                version = f"SEC v{baseline.sec_version}" if baseline.sec_version else "the baseline"
                problems += [f"{where}: drafted against another version? {doc_id} {d}"
                             f" (baseline {display_path(base_path)}, {version})" for d in diffs]
                continue
            ops, errs = import_extract(baseline, old, new, where) if legal else import_document(baseline, new, where)
            problems += errs
            if not errs:
                result.documents.append(ImportedDocument(doc_id, baseline.title, shown, markup,
                                                         display_path(base_path), baseline.sec_version, ops))
    if problems:
        raise ImportRefused(problems)
    if not result.title:
        result.title = f"Imported from {', '.join(Path(p).name for p in paths)}"
    return result


def modification_toml(result: ImportResult) -> str:
    """The skeleton: what ``apply`` and ``redline`` need, and comments for the rest."""
    versions = sorted({d.sec_version for d in result.documents if d.sec_version})
    lines = [
        f"# {result.id} — imported by `secdocs import` from {', '.join(d.source for d in result.documents)}.",
        "# apply, redline, legal-text, compare, import and rebase need only id, title and [[documents]].",
        "# Later stages add their own keys (see `secdocs new --help` and modifications/README.md):",
        "# consult needs proposer, lead_analyst, date_raised, [summary], [[timeline]], [consultation.*];",
        "# a release build needs implementation_date and [release] sec_version.",
        "",
        f"id = {value(result.id)}",
        f"title = {value(result.title)}",
    ]
    if len(versions) == 1:
        lines += ["# The SEC version the baselines were at when the redline was imported.",
                  f"drafted_against_sec_version = {value(versions[0])}"]
    for d in result.documents:
        lines += ["", "[[documents]]", f"id = {value(d.id)}", f"title = {value(d.title)}",
                  f"amendments = {value(document_slug(d.id) + '.toml')}"]
    return "\n".join(lines) + "\n"


def write_import(result: ImportResult, out: str | os.PathLike) -> None:
    """Write the modification folder OUT (which must not exist yet: nothing is overwritten)."""
    out = Path(out)
    if out.exists():
        raise ConfigError(f"{display_path(out)}: already exists; import into a new folder (nothing written)")
    with atomic_dir(out) as tmp:
        ordinary_permissions(tmp)
        (tmp / "modification.toml").write_text(modification_toml(result), encoding="utf-8")
        for d in result.documents:
            header = [f"{result.id} — {d.id}: imported from {d.source} ({d.markup} changes),",
                      f"checked against {d.baseline_file}: applying these operations gives the redline's text."]
            (tmp / f"{document_slug(d.id)}.toml").write_text(amendments_toml(d.id, d.ops, header), encoding="utf-8")
