"""Release builds: a release file in, the whole release set out (see ``build``).

* ``spec``        — release files (``releases/*.toml``): load and validate.
* ``conflicts``   — conflicts between the modifications of one release.
* ``attribution`` — each redline revision authored by the modification that made it.
* ``pipeline``    — one document through a release (the unit of parallel work).
* ``build``       — the batch build: jobs, Document Log, release notes, manifest, atomic output.
* ``log``, ``notes``, ``publish``, ``manifest``, ``progress``, ``results`` — their parts.
"""

from .build import BuildReport, ReleaseConflictError, ReleaseErrors, build_release
from .spec import Release, load_release

__all__ = ["BuildReport", "Release", "ReleaseConflictError", "ReleaseErrors", "build_release", "load_release"]
