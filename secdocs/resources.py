"""The files secdocs ships inside its package, found with ``importlib.resources``.

``secdocs/templates/`` holds the house style every .docx is built on (``reference.docx``, written
by ``scripts/make_reference.py``) and the jinja2 templates of the consultation packs
(``consultation-*.j2``). They are package data, so a wheel installed anywhere finds them exactly
as a checkout does. A user's own template folder (``--templates DIR``) is taken as given:
each template used must be in it, and its ``reference.docx``, when it has one, replaces the house
style of the documents built from those templates. A missing file is an error, never a silent
fallback to another template.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConfigError

REFERENCE = "reference.docx"


def template_dir(user: str | Path | None = None) -> Path:
    """The folder of templates: ``user``'s (it must exist) or the package's own."""
    if user is not None:
        folder = Path(user)
        if not folder.is_dir():
            raise ConfigError(f"{folder}: templates folder not found")
        return folder
    from importlib import resources  # start-up: it imports zipfile and tempfile, only when used

    folder = resources.files("secdocs") / "templates"
    if not isinstance(folder, Path) or not folder.is_dir():  # a zipped package has no folder to read
        raise ConfigError(f"secdocs is not installed as files: its templates folder {folder} cannot be read")
    return folder


def reference_docx(user: str | Path | None = None) -> Path:
    """The house reference document: ``user``'s folder's ``reference.docx`` when it has one, else
    the package's own (whose absence is an error: a broken installation)."""
    if user is not None and (Path(user) / REFERENCE).is_file():
        return Path(user) / REFERENCE
    path = template_dir() / REFERENCE
    if not path.is_file():
        raise ConfigError(f"{path}: the house reference document is missing (reinstall secdocs, "
                          f"or run scripts/make_reference.py in a checkout)")
    return path


def checkout_file(relative: str) -> Path | None:
    """``relative`` in the source checkout that holds this package (``releases/…``), or None when
    secdocs is installed from a wheel (or the checkout lacks it): bundled data is not package data."""
    root = Path(__file__).resolve().parent.parent
    path = root / relative
    return path if (root / "pyproject.toml").is_file() and path.is_file() else None
