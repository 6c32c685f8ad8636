"""``secdocs legal-text`` as a library call: a modification's legal text document
(``render.legaltext``) as .docx bytes, tracked or static markup."""

from __future__ import annotations

import os

from ..ooxml.write import docx_bytes
from ..render.legaltext import banner, build_legal_text


def legal_text_file(mod_dir: str | os.PathLike, *, baselines: str | os.PathLike | None = None,
                    markup: str = "tracked", colours: dict[str, str] | None = None, author: str | None = None,
                    version: str | None = None, static_copy: bool = False):
    """(Modification, outcomes, .docx bytes, static .docx bytes or None) of a modification's legal
    text document (``version``: an earlier legal text version, default the current one;
    ``static_copy``: the same document in static colour markup too, for a PDF, from one build)."""
    mod, doc, outcomes = build_legal_text(mod_dir, baselines=baselines, author=author, version=version)
    static = docx_bytes(doc, markup="static", colours=colours, banner=banner(mod)) if static_copy else None
    return mod, outcomes, docx_bytes(doc, markup=markup, colours=colours, banner=banner(mod)), static


def legal_text_bytes(mod_dir: str | os.PathLike, *, markup: str = "tracked",
                     baselines: str | os.PathLike | None = None, colours: dict[str, str] | None = None,
                     author: str | None = None, version: str | None = None) -> bytes:
    """The legal text .docx of a modification folder as bytes (tracked or static markup)."""
    return legal_text_file(mod_dir, baselines=baselines, markup=markup, colours=colours, author=author,
                           version=version)[2]
