"""The batch build of a release: every document the release touches, clean and redlined, the
legal text of each modification, the Document Log, release notes and a manifest of hashes.

1. Load and validate the release file (``spec``), every modification and amendments file of it
   (and of any release it builds on), and the baseline's manifest. Every problem is collected
   and reported together, one line each.
2. One job per touched document (``pipeline.run_job``), in parallel processes (``jobs``,
   default the number of cores): read the baseline, apply the modifications in order, check
   conflicts between them, consolidate (one version bump per release), redline with each
   revision authored by its modification, render.
3. Any conflict refuses the build (ReleaseConflictError, one line per conflict naming both
   modifications, the provision and the words); any other amendment error likewise. Nothing
   has been written.
4. The legal text document of each modification (``render.legal``), against the documents as
   the modifications before it in the release left them.
5. Document Log, release notes and manifest, then everything is written to a temporary folder
   beside OUT, renamed into place at the end (``ooxml.package.atomic_dir``). A failure at any
   point leaves the previous OUT as it was. ``check=True`` does steps 1–3 and writes nothing.

Outputs never depend on the clock, the machine, the number of jobs or where the checkout is, so
two builds of the same inputs are byte-identical.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..amend.load import RELEASE_REQUIRED, Amendments, Modification, load_all, load_modification, require
from ..baselines import document_file, release_documents, sec_order
from ..checks import Findings, run_checks
from ..checks.load import read_config
from ..errors import AmendmentError, SecdocsError
from ..model import Change
from ..ooxml.package import write_folder
from ..ooxml.write import docx_bytes
from ..workspace.processes import WorkerDied, worker_pool
from ..reader import read_document
from ..render import legaltext
from ..render.label import label_redline, redline_label
from ..render.legaltext import default_name
from ..render.redline import revision_marks
from ..render.site import Site, SiteDocument, SiteModification, build_site
from ..resources import reference_docx
from ..workspace import check_output, document_slug, guarded
from .attribution import Author
from .log import document_log_csv, document_log_docx
from .manifest import input_entries, manifest_bytes
from .notes import release_notes_docx, release_notes_md
from .pipeline import Consolidation, DocJob, DocResult, ModStep, run_job
from .progress import Progress
from .results import DocumentEntry, ModificationEntry, ReleaseSummary
from .spec import Release, load_release


class _Refused(AmendmentError):
    """A refused build: one line per problem (``lines``) and a ``summary`` line that counts them
    (the message is the summary, then the lines; the CLI prints the lines, then the summary)."""

    noun = "error"
    where = "in the release"

    def __init__(self, lines: list[str]):
        self.lines = lines
        n = len(lines)
        self.summary = f"{n} {self.noun}{'s' if n != 1 else ''} {self.where}; nothing was written"
        super().__init__(self.summary + "\n" + "\n".join(lines))


class ReleaseConflictError(_Refused):
    """Two modifications of a release that cannot both stand as drafted (one line each)."""

    noun = "conflict"
    where = "between the modifications of the release"


class ReleaseErrors(_Refused):
    """Amendments of a release that cannot be applied (not conflicts): one line each."""


class ReleaseCheckErrors(_Refused):
    """Integrity check errors in the release set (secdocs.checks): one line each."""

    noun = "integrity error"
    where = "in the release set (--no-check builds anyway)"


@dataclass
class BuildReport:
    """What a build did (for the CLI's summary; never written into the outputs)."""

    release: Release
    summary: ReleaseSummary
    outputs: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    jobs: int = 1
    checked_only: bool = False
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase (benchmarks)
    findings: object = None  # the integrity checks of the release set (secdocs.checks.Findings)

    def line(self) -> str:
        s = self.summary
        verb = "checked" if self.checked_only else "built"
        files = "" if self.checked_only else f"{len(self.outputs)} files, "
        return (f"SEC v{s.sec_version} ({s.name}) {verb}: {len(s.modifications)} modification"
                f"{'s' if len(s.modifications) != 1 else ''}, {len(s.changed_documents)} of {len(s.documents)} "
                f"documents changed, {s.provisions_changed} provisions changed, {files}"
                f"{self.seconds:.1f} s ({self.jobs} job{'s' if self.jobs != 1 else ''})")


# ---------------------------------------------------------------------------------------------
# Loading


@dataclass
class _Loaded:
    release: Release
    chain: list[Release]
    mods: dict[str, Modification]  # every modification of the chain
    amendments: dict[str, list[Amendments]]
    baseline: Path
    documents: list[dict]  # the baseline manifest's entries, in SEC order
    warnings: list[str]


def load(release_file: str | os.PathLike) -> _Loaded:
    """Everything a build needs, validated; raises ConfigError / ReleaseErrors with every problem."""
    release = load_release(release_file)
    chain = release.chain()
    baseline = release.root_baseline_dir
    documents = release_documents(baseline)
    known = {e["id"] for e in documents}
    problems: list[str] = []
    warnings: list[str] = []
    versions = {e.get("sec_version") for e in documents if e.get("sec_version")}
    if versions and versions != {chain[0].baseline_sec_version}:
        problems.append(f"{chain[0].file}: [baseline] sec_version: {chain[0].baseline_sec_version} but "
                        f"{baseline / 'manifest.json'} holds SEC v{', v'.join(sorted(versions))}")
    mods: dict[str, Modification] = {}
    amendments: dict[str, list[Amendments]] = {}
    for rel in chain:
        for ref in rel.modifications:
            try:
                mod = load_modification(ref.path)
                require(mod, RELEASE_REQUIRED, "secdocs release build")
            except SecdocsError as exc:
                problems.extend(str(exc).splitlines())
                continue
            if mod.id != ref.id:
                problems.append(f"{rel.file}: [[modifications]] id: {ref.id} but {ref.path / 'modification.toml'} "
                                f"is {mod.id}")
            sets, errs = load_all(mod)
            problems.extend(errs)
            warnings.extend(mod.warnings)  # e.g. an amendments file without operations
            for a in sets:
                if a.document not in known:
                    problems.append(f"{a.file}:1: {a.document} is not a document of the baseline "
                                    f"({baseline / 'manifest.json'})")
            declared = str((mod.release or {}).get("sec_version") or "")
            if declared and declared != rel.sec_version:
                warnings.append(f"{mod.id}: modification.toml says SEC v{declared}; implemented here in "
                                f"SEC v{rel.sec_version} ({rel.file.name})")
            mods[mod.id] = mod
            amendments[mod.id] = sets
    if problems:
        raise ReleaseErrors(problems)
    return _Loaded(release, chain, mods, amendments, baseline, documents, warnings)


# ---------------------------------------------------------------------------------------------
# Jobs


def author(mod: Modification) -> Author:
    who, date = revision_marks(mod)
    return Author(mod.id, Change("ins", who, date), Change("del", who, date))


def banner(release: Release, mods: list[Modification]) -> str:
    """The line in every page header of the release's SEC documents."""
    text = f"Representative text — SEC v{release.sec_version} release set"
    illustrative = [m.id for m in mods if m.illustrative]
    if illustrative:
        text += f"; the legal text of {', '.join(illustrative)} is illustrative, not the official legal text"
    elif release.illustrative:
        text += "; an illustrative release"
    return text + "."


def make_jobs(ld: _Loaded, render: bool) -> list[DocJob]:
    releases = [Consolidation(r.name, r.sec_version, r.implementation_date.isoformat(),
                              [(m.id, ld.mods[m.id].title, ld.mods[m.id].illustrative,
                                ld.mods[m.id].illustrative_label) for m in r.modifications])
                for r in ld.chain]
    steps: dict[str, list[ModStep]] = {}
    for r, rel in enumerate(ld.chain):
        for ref in rel.modifications:
            for a in ld.amendments[ref.id]:
                steps.setdefault(a.document, []).append(ModStep(r, ref.id, a.ops))
    authors = {m: author(ld.mods[m]) for m in ld.mods}
    current = [ld.mods[m.id] for m in ld.release.modifications]
    text = banner(ld.release, current)
    jobs = []
    for entry in ld.documents:
        if entry["id"] in steps:
            source = document_file(ld.baseline, entry)
            jobs.append(DocJob(entry["id"], str(source), steps[entry["id"]], releases, authors, render, text))
    return jobs


def _run_all(jobs: list[DocJob], workers: int, progress: Progress, reader) -> list[DocResult]:
    results: dict[str, DocResult] = {}
    if workers <= 1 or len(jobs) <= 1 or reader is not None:
        for job in jobs:
            results[job.id] = run_job(job, reader)
            progress.step(job.id)
    else:
        # start-up: concurrent.futures' process pool imports multiprocessing, only when used
        from concurrent.futures import as_completed
        from concurrent.futures.process import BrokenProcessPool

        pool = worker_pool(min(workers, len(jobs)))  # workers die with this process
        try:
            futures = {pool.submit(run_job, job): job for job in
                       sorted(jobs, key=lambda j: -os.path.getsize(j.source))}  # biggest first
            for fut in as_completed(futures):
                job = futures[fut]
                try:
                    results[job.id] = fut.result()
                except BrokenProcessPool:
                    raise WorkerDied(f"{job.source}: the worker process building {job.id} died (killed, or out"
                                     f" of memory); nothing was written") from None
                progress.step(job.id)
        finally:  # on any failure, the documents not yet started are not started
            pool.shutdown(wait=True, cancel_futures=True)
    return [results[j.id] for j in jobs]


# ---------------------------------------------------------------------------------------------
# The build


def paths(entry: DocumentEntry) -> dict[str, str]:
    stem = f"{document_slug(entry.id)}-v{entry.version}"
    return {"clean": f"clean/{stem}.docx", "redline": f"redline/{stem}-redline.docx"}


@guarded  # the inputs read are guarded against OUT, for library calls too
def build_release(release_file: str | os.PathLike, out: str | os.PathLike | None = None, *,
                  check: bool = False, jobs: int | None = None, progress: bool = True,
                  stream=None, reader: Callable | None = None, no_check: bool = False,
                  site_links: bool = True) -> BuildReport:
    """Build (or, with ``check``, only validate) a release; see the module docstring.

    ``out`` None builds in memory only (``BuildReport.outputs``). ``jobs`` is the number of
    worker processes (default: the number of cores). ``progress`` shows per-document progress on
    ``stream`` (stderr). ``reader`` replaces ``reading.read_document`` (and runs the documents in
    this process, one after another). The integrity checks (``secdocs.checks``) run on the
    release set: their errors refuse the build unless ``no_check``, which the notes then say.
    ``site_links``: the review site links each document's clean and redline .docx (False when the
    site is written without them: ``secdocs site``)."""
    started = time.perf_counter()
    stream = stream if stream is not None else sys.stderr
    workers = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    phases: dict[str, float] = {}
    clock = [started]

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(now - clock[0], 3)
        clock[0] = now

    ld = load(release_file)
    if out is not None:  # refuse an OUT that would replace an input before any work
        check_output(out, folder=True)
    job_list = make_jobs(ld, render=not check)
    lap("load")
    bar = Progress(len(job_list), "documents", stream=stream, enabled=progress)
    results = _run_all(job_list, workers, bar, reader)
    bar.close()
    lap("documents")

    conflicts = [str(c) for r in results for c in r.conflicts]
    if conflicts:
        raise ReleaseConflictError(conflicts)
    errors = [e for r in results for e in r.errors]
    if errors:
        raise ReleaseErrors(errors)
    findings = integrity(ld, results, reader)
    findings.enforced = not no_check
    lap("checks")
    if findings.errors and not no_check:
        raise ReleaseCheckErrors([f.line() for f in findings.errors])

    by_id = {r.id: r for r in results}
    entries: list[DocumentEntry] = []
    for e in ld.documents:
        r = by_id.get(e["id"])
        if r is None:
            entries.append(DocumentEntry(e["id"], e.get("title", ""), e["version"], e["version"]))
            continue
        entry = DocumentEntry(r.id, r.title or e.get("title", ""), r.previous_version, r.version,
                              r.modifications, r.provisions)
        if r.modifications:
            entry.files = paths(entry)
        entries.append(entry)

    current = [ld.mods[m.id] for m in ld.release.modifications]
    mod_entries = []
    for mod in current:
        docs = sorted({a.document for a in ld.amendments[mod.id]}, key=sec_order)
        version = str((mod.legal_text or {}).get("version") or "")
        mod_entries.append(ModificationEntry(
            mod.id, mod.title, docs, sum(len(a.ops) for a in ld.amendments[mod.id]), mod.illustrative,
            legal_text=f"legal-text/{default_name(mod)}",
            legal_text_version=version))
    rel = ld.release
    summary = ReleaseSummary(
        name=rel.name, sec_version=rel.sec_version, previous_sec_version=rel.baseline_sec_version,
        implementation_date=rel.date_text, implementation_date_iso=rel.implementation_date.isoformat(),
        kind=rel.kind, description=rel.description,
        illustrative=rel.illustrative or any(m.illustrative for m in current),
        documents=entries, modifications=mod_entries, checks=findings)
    used = 1 if reader is not None else max(1, min(workers, len(job_list)))
    report = BuildReport(rel, summary, warnings=ld.warnings, jobs=used, checked_only=check, phases=phases,
                         findings=findings)
    if check:
        report.seconds = time.perf_counter() - started
        return report

    outputs: dict[str, bytes] = {}
    for entry in entries:
        if entry.changed:
            outputs[entry.files["clean"]] = by_id[entry.id].clean
            outputs[entry.files["redline"]] = _labelled(entry, by_id[entry.id].redline, current, report.warnings)
    for mod, m_entry in zip(current, mod_entries):
        touched = [r for r in results if mod.id in r.states]
        outputs[m_entry.legal_text] = _legal_text(mod, touched, findings)
    lap("legal texts")
    for name, data in release_site(summary, by_id, current, banner(rel, current), site_links).items():
        outputs[f"site/{name}"] = data
    lap("site")
    outputs["document-log.csv"] = document_log_csv(summary)
    outputs["document-log.docx"] = document_log_docx(summary)
    outputs["release-notes.md"] = release_notes_md(summary)
    outputs["release-notes.docx"] = release_notes_docx(summary)
    outputs["manifest.json"] = manifest_bytes(
        release=_release_json(summary, ld), inputs=input_entries(_inputs(ld, job_list), packaged=_packaged()),
        outputs=outputs)
    report.outputs = outputs
    lap("release documents")
    if out is not None:
        write_outputs(out, outputs)
        lap("write")
    report.seconds = time.perf_counter() - started
    return report


def release_site(summary: ReleaseSummary, results: dict[str, DocResult], mods: list[Modification],
                 notice: str, links: bool = True) -> dict[str, bytes]:
    """The review site of the release (``render.site``), from each document's marked redline."""
    docs = [SiteDocument(e.id, e.title, e.previous_version, e.version, results[e.id].marked,
                         e.provisions,
                         e.modifications, {k: f"../{v}" for k, v in e.files.items()} if links else {})
            for e in summary.changed_documents if results[e.id].marked is not None]
    site_mods = [SiteModification(m.id, m.title, m.illustrative, list(m.documents)) for m in summary.modifications]
    return build_site(Site(f"SEC v{summary.sec_version} — {summary.name}", notice, docs, site_mods))


def _labelled(entry: DocumentEntry, data: bytes, mods: list[Modification], warnings: list[str]) -> bytes:
    """The finished redline labelled, with its change list on the cover (``render.label``)."""
    illustrative = any(m.illustrative for m in mods if m.id in entry.modifications)
    label = redline_label(entry.id, entry.previous_version, entry.version, entry.modifications, illustrative)
    done = label_redline(data, entry.files["redline"], label, entry.provisions)
    warnings.extend(done.warnings)
    return done.data


def _legal_text(mod: Modification, results: list[DocResult], findings: Findings | None = None) -> bytes:
    """The modification's legal text document (``render.legaltext``), drafted against the
    documents as the modifications before it in the release left them, with the drafting notes
    of its operations."""
    drafted = []
    for r in results:
        baseline, consolidated = r.states[mod.id]
        changes = r.changes.get(mod.id)
        drafted.append(legaltext.Drafted(r.id, baseline, consolidated, changes.results if changes is not None else []))
    doc = legaltext.legal_text_document(mod, drafted, findings=findings)
    return docx_bytes(doc, markup="tracked", banner=legaltext.banner(mod))


def integrity(ld: _Loaded, results: list[DocResult], reader=None) -> Findings:
    """The integrity checks of the release set: every baseline document, as the release leaves it."""
    reader = reader or read_document
    by_id = {r.id: r for r in results}
    documents = []
    for e in ld.documents:
        r = by_id.get(e["id"])
        if r is not None and r.final is not None:
            documents.append(r.final)
        else:
            documents.append(reader(document_file(ld.baseline, e)))
    changesets: dict[str, list] = {}
    for r in results:
        for mod_id, cs in r.changes.items():
            cs.document = cs.document or r.id
            changesets.setdefault(mod_id, []).append(cs)
    return run_checks(documents, changesets, read_config(ld.baseline / "checks.toml"))


def _release_json(summary: ReleaseSummary, ld: _Loaded) -> dict:
    return {
        "name": summary.name, "sec_version": summary.sec_version,
        "previous_sec_version": summary.previous_sec_version,
        "implementation_date": summary.implementation_date_iso,
        "file": ld.release.file.name,
        "builds_on": [r.file.name for r in ld.chain[:-1]],
        "modifications": [m.id for m in summary.modifications],
        "documents_changed": [d.id for d in summary.changed_documents],
    }


def _inputs(ld: _Loaded, jobs: list[DocJob]) -> list[Path]:
    files = [r.file for r in ld.chain] + [ld.baseline / "manifest.json"] + [Path(j.source) for j in jobs]
    for mod in ld.mods.values():
        files.append(mod.folder / "modification.toml")
        files.extend(mod.folder / d.amendments for d in mod.documents)
    return [f for f in files if f.is_file()]


def _packaged() -> dict[str, Path]:
    """The inputs that come with secdocs itself, under the names the manifest gives them (the
    same in a checkout and an installed wheel)."""
    return {"templates/reference.docx": reference_docx()}


def write_outputs(out: str | os.PathLike, outputs: dict[str, bytes]) -> None:
    """All outputs into a temporary folder beside OUT, renamed into place at the end."""
    write_folder(out, outputs)
