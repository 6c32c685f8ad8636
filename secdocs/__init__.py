"""secdocs: read, amend, redline and release Smart Energy Code documents.

The Python API for scripts: thin wrappers over the library functions the ``secdocs`` commands
call, so a script gets the same results (and the same bytes) as the command line. Each one
imports what it needs when called, so ``import secdocs`` stays cheap. Errors are
``secdocs.errors.SecdocsError`` subclasses with a one-line message.

* :func:`read` — a .docx or ``.sec.txt`` → ``model.Document`` (``secdocs parse``);
* :func:`apply` — a modification applied to its baselines (``secdocs apply``);
* :func:`redline` — each affected document redlined (``secdocs redline``);
* :func:`compare` — two versions of a document → a redline (``secdocs compare``);
* :func:`build_release` — a whole release set from a release file (``secdocs release build``).

Example::

    import secdocs

    doc = secdocs.read("baselines/section-L.docx")
    result = secdocs.apply("modifications/MP134A", baselines="baselines", out="out/consolidated")
    for outcome in result.outcomes:
        print(outcome.id, outcome.baseline.version, "->", outcome.consolidated.version)
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # without importing typing (``import secdocs`` loads nothing else)
if TYPE_CHECKING:  # for the annotations only: nothing of this is imported at run time
    from .amend.prepare import BuildResult
    from .model import Document
    from .ooxml.compare import CompareResult
    from .release.build import BuildReport
    from .workflow.redline import RedlineSet

__version__ = "0.1.0"

__all__ = ["__version__", "apply", "build_release", "compare", "read", "redline"]

PathLike = str | os.PathLike


def read(path: PathLike, view: str = "accept") -> Document:
    """The provision tree of a SEC document (.docx, or the readable ``.sec.txt`` source).

    ``view`` is which side of tracked changes already in a .docx is read: ``"accept"`` (all
    accepted) or ``"reject"`` (all rejected). What the reader did not understand is in
    ``Document.warnings``, each with its location."""
    from .reader import read_document

    return read_document(path, view=view)


def apply(mod_dir: PathLike, baselines: PathLike | None = None, *, out: PathLike | None = None,
          legal_text_version: str | None = None) -> BuildResult:
    """Apply the modification in ``mod_dir`` (a folder holding modification.toml) to its baselines.

    ``baselines`` is the folder of baselines (default: the ``baselines/`` beside the
    modifications folder). Every amendment problem is raised together (``AmendmentErrors``).
    Without ``out`` nothing is written: ``result.outcomes`` holds, per affected document, the
    baseline and consolidated ``Document`` and the ``ChangeSet``. With ``out``, the folder gets
    what ``secdocs apply -o OUT`` writes (one consolidated .docx per document and report.json)."""
    if out is None:
        from .amend.prepare import prepare

        return prepare(mod_dir, baselines, legal_text_version=legal_text_version)
    from .workflow.apply import build

    return build(mod_dir, out, baselines, legal_text_version=legal_text_version)


def redline(mod_dir: PathLike, baselines: PathLike | None = None, *, out: PathLike | None = None,
            markup: str = "tracked", colours: dict[str, str] | None = None, author: str | None = None,
            legal_text_version: str | None = None) -> RedlineSet:
    """Redline every document the modification in ``mod_dir`` affects (``secdocs redline``).

    ``markup`` is ``"tracked"`` (native Word revisions) or ``"static"`` (coloured underline and
    strikethrough; ``colours`` overrides ``{"ins": "0000FF", "del": "FF0000"}``); ``author``
    overrides the revisions' author. Returns the ``RedlineSet`` (``.files``: name → .docx bytes;
    ``.documents``: versions and change counts); with ``out``, the files are also written into
    that folder (replaced as a whole)."""
    from .workflow.outputs import write_outputs
    from .workflow.redline import redline_set

    result = redline_set(mod_dir, baselines=baselines, markup=markup, colours=colours, author=author,
                         version=legal_text_version)
    if out is not None:
        write_outputs(result.files, folder=out)
    return result


def compare(old: PathLike, new: PathLike, *, out: PathLike | None = None, author: str = "secdocs compare",
            date: str | None = None, moves: bool = False) -> CompareResult:
    """Compare two versions of a document (.docx): NEW with OLD's differences as tracked changes.

    Returns the ``CompareResult``: ``.docx`` (the redline's bytes), ``.changes`` (one
    ``model.ChangeRecord`` per changed block: document, address, kind, old, new) and ``.warnings``.
    ``date`` (ISO 8601) defaults to NEW's last-modified date, never the clock. With ``out``, the
    redline is also written there (atomically; never over OLD or NEW)."""
    from pathlib import Path

    from .errors import ConfigError
    from .ooxml.compare import compare_files
    from .ooxml.package import write_bytes_atomic

    if out is not None and any(Path(out).resolve() == Path(p).resolve() for p in (old, new)):
        raise ConfigError(f"{out}: is one of the files compared; give another output")
    result = compare_files(old, new, author=author, date=date, moves=moves)
    if out is not None:
        write_bytes_atomic(out, result.docx)
    return result


def build_release(release_toml: PathLike, out: PathLike | None = None, *, check: bool = False,
                  jobs: int | None = None) -> BuildReport:
    """Build the release that ``release_toml`` describes into the folder ``out`` (``secdocs
    release build``): every touched document clean and redlined, each modification's legal text,
    the Document Log, release notes and manifest.json.

    With ``out`` None (or ``check``) nothing is written: ``report.outputs`` holds name → bytes.
    Conflicts between the release's modifications raise ``ReleaseConflictError`` and leave
    ``out`` as it was. ``jobs``: worker processes (default the number of cores). No progress is
    printed; ``report.warnings`` holds the warnings."""
    from .release.build import build_release as build

    return build(release_toml, None if check else out, check=check, jobs=jobs, progress=False)
