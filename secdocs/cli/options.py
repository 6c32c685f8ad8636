"""Arguments and options that several commands share, as decorators, so each is declared once.

* :func:`modification_argument` — ``MODIFICATION``, a folder holding modification.toml;
* :func:`baselines_option` — ``--baselines DIR``;
* :func:`output_option` — ``-o/--output``, a folder or a file, required or not;
* :func:`templates_option` — ``--templates DIR`` (consult, responses collate);
* :func:`style_options` — ``--style``, ``--insert-colour``, ``--delete-colour`` (redline, legal-text,
  compare), and :func:`colours` turning the two colours into the writer's ``colours`` map;
* :func:`author_option`, :func:`legal_text_version_option` and :func:`pdf_option`;
* :func:`guard_params` — run before every command (``cli.SecdocsGroup`` wraps each one): every
  existing path argument is noted as an input and every output (``-o``, ``--csv``) is checked
  against them (``workspace.check_output``) before the command does any work.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

import click

from ..errors import ConfigError
from ..workspace import bad_character, check_output, note_input

STYLE = click.Choice(["tracked", "static"])
_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_NAMED = {"blue": "0000FF", "red": "FF0000", "green": "008000", "black": "000000", "purple": "800080",
          "orange": "FF8000", "teal": "008080", "magenta": "FF00FF"}

FOLDER_HELP = "Output folder (replaced as a whole, only when everything has been written)."


OUTPUT_PARAMS = ("out", "csv_path")  # the parameters that name something a command writes


def guard_params(ctx: click.Context) -> None:
    """Refuse text arguments holding a control character; note the command's input paths
    (``click.Path(exists=True)`` parameters) in the current ``workspace.session``; refuse an
    output parameter that is, holds or sits inside one."""
    for param in ctx.command.params:  # text given on the command line comes in here: checked once
        value = ctx.params.get(param.name)
        for item in value if isinstance(value, (tuple, list)) else (value,):
            m = bad_character(item) if isinstance(item, str) else None
            if m:
                raise ConfigError(f"{param.opts[0] if param.opts else param.name} {item!r}: control character "
                                  f"U+{ord(m.group()):04X} is not allowed")
    paths = [(p, ctx.params.get(p.name)) for p in ctx.command.params if isinstance(p.type, click.Path)]
    for param, value in paths:
        if value is not None and param.type.exists and param.name not in OUTPUT_PARAMS:
            for item in value if isinstance(value, (tuple, list)) else (value,):
                note_input(item, folder=os.path.isdir(item))
    if ctx.params.get("modification") and "baselines" in ctx.params and ctx.params["baselines"] is None:
        from ..baselines import default_folder  # the folder the command will read: known now

        note_input(default_folder(Path(ctx.params["modification"])), folder=True)
    for param, value in paths:
        if value is not None and param.name in OUTPUT_PARAMS:
            check_output(value, folder=not param.type.file_okay)


def modification_argument(f: Callable) -> Callable:
    return click.argument("modification", type=click.Path(exists=True, file_okay=False))(f)


def baselines_option(f: Callable) -> Callable:
    return click.option("--baselines", type=click.Path(exists=True, file_okay=False), default=None,
                        help="Folder of baselines (manifest.json + .docx, or src/*.sec.txt). Default: ./baselines.")(f)


def templates_option(f: Callable) -> Callable:
    """``--templates DIR``: the user's own jinja2 templates (and reference.docx) instead of the packaged ones."""
    return click.option("--templates", type=click.Path(exists=True, file_okay=False), default=None,
                        help="Folder of your own templates: every consultation-*.j2 used is read from it, "
                             "and its reference.docx, if any, is the house style of the documents built "
                             "from them. Default: the templates inside secdocs.")(f)


def output_option(*, folder: bool = True, required: bool = True, default: str | None = None,
                  help: str = FOLDER_HELP) -> Callable[[Callable], Callable]:
    """``-o/--output`` (the parameter ``out``): a folder, or with ``folder=False`` a file."""
    kind = click.Path(file_okay=False) if folder else click.Path(dir_okay=False)
    return click.option("-o", "--output", "out", type=kind, required=required, default=default,
                        show_default=default is not None, help=help)


def style_options(f: Callable) -> Callable:
    f = click.option("--style", type=STYLE, default="tracked", show_default=True,
                     help="tracked: native Word revisions; static: coloured underline/strikethrough (for PDF).")(f)
    f = click.option("--insert-colour", "--insert-color", "insert_colour", default=None, metavar="COLOUR",
                     help="Static style: colour of insertions (hex such as 0000FF, or a name). Default blue.")(f)
    f = click.option("--delete-colour", "--delete-color", "delete_colour", default=None, metavar="COLOUR",
                     help="Static style: colour of deletions. Default red.")(f)
    return f


def author_option(f: Callable) -> Callable:
    return click.option("--author", default=None,
                        help="Author of the revisions (default: the modification's author or id).")(f)


def legal_text_version_option(*names: str) -> Callable[[Callable], Callable]:
    """``--legal-text-version VERSION`` (the parameter ``legal_text_version``), plus any other
    ``names`` (``--version`` for ``secdocs legal-text``)."""
    return click.option("--legal-text-version", *names, "legal_text_version", default=None, metavar="VERSION",
                        help="An earlier legal text version (the folder's legal-text-v<VERSION>/)."
                             " Default: the current one ([legal_text] version in modification.toml).")


def pdf_option(help: str) -> Callable[[Callable], Callable]:
    return click.option("--pdf", is_flag=True, help=help)


def _colour(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    v = _NAMED.get(value.strip().lower(), value.strip())
    if not _HEX.match(v):
        raise ConfigError(f"{option} {value!r}: give six hex digits (0000FF) or one of {', '.join(sorted(_NAMED))}")
    return v.lstrip("#").upper()


def colours(insert: str | None, delete: str | None) -> dict[str, str] | None:
    """``--insert-colour`` / ``--delete-colour`` as the writer's ``colours`` (None: the defaults)."""
    out = {}
    if insert:
        out["ins"] = _colour(insert, "--insert-colour")
    if delete:
        out["del"] = _colour(delete, "--delete-colour")
    return out or None
