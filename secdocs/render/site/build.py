"""The review site: static HTML that opens from the file system, no server, no JS framework.

Built from the model (each document's marked redline Document and its change list), never from
the .docx: ``index.html`` lists the documents and modifications and every change, with filters
by modification and by document and a search box over provision text; ``doc/<slug>.html`` is a
document's redline with every provision anchored by its citation (``#L1.16A``), its change list
linking to each change, and inline and side-by-side views. jinja2 templates
(``templates/site/``) and a little vanilla JavaScript; the search index is a script
(``search-index.js``) because browsers do not let a page opened from ``file://`` fetch JSON.
Deterministic: the same inputs give the same bytes (no clock, sorted keys).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ...errors import ConfigError
from ...model import Document
from ...resources import template_dir
from ...workspace import document_slug
from ..citation import cite
from ..label import ProvisionChange
from .pages import anchor, document_rows

ASSETS = ("site.css", "site.js")


@dataclass
class SiteDocument:
    id: str
    title: str
    old_version: str
    new_version: str
    marked: Document
    changes: list[ProvisionChange]  # the modifications of each, else the document's
    modifications: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)  # "clean"/"redline" → link from the site root


@dataclass
class SiteModification:
    id: str
    title: str
    illustrative: bool = False
    documents: list[str] = field(default_factory=list)


@dataclass
class Site:
    title: str                 # "SEC v47.0 — 4 October 2021 ad-hoc release"
    notice: str                # what the texts are (representative / illustrative), on every page
    documents: list[SiteDocument]
    modifications: list[SiteModification]


def slug(doc_id: str) -> str:
    """A document's page name: its file stem (``workspace.document_slug``) in lower case."""
    return document_slug(doc_id).lower()


def site_templates() -> Path:
    """The site's templates and assets: ``templates/site/`` inside the package (``secdocs.resources``)."""
    return template_dir() / "site"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(site_templates())), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)


def _render(env: jinja2.Environment, name: str, **context) -> bytes:
    try:
        return env.get_template(name).render(**context).encode("utf-8")
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(f"site template not found: {exc.name} (in {site_templates()})") from None
    except (jinja2.UndefinedError, jinja2.TemplateSyntaxError) as exc:
        raise ConfigError(f"site template {name}: {exc.message}") from None


def _change_rows(doc: SiteDocument, anchors: set[str], page: str) -> list[dict]:
    out = []
    for c in doc.changes:
        a = anchor(c.address)
        out.append({"citation": c.citation, "change": c.change, "note": c.note,
                    "mods": list(c.modifications) or list(doc.modifications), "document": doc.id,
                    "href": f"{page}#{a}" if a in anchors else "", "anchor": a})
    return out


def build_site(site: Site) -> dict[str, bytes]:
    """Every file of the site, path (relative to the site's folder) → bytes."""
    env = _environment()
    files: dict[str, bytes] = {}
    search: list[dict] = []
    all_changes: list[dict] = []
    docs = []
    for d in site.documents:
        page = f"doc/{slug(d.id)}.html"
        rows = document_rows(d.marked)
        anchors = {r.anchor for r in rows}
        changes = _change_rows(d, anchors, "")
        for c in changes:
            all_changes.append({**c, "href": page + c["href"] if c["href"] else page})
        for r in rows:
            if r.text.strip():
                search.append({"d": d.id, "u": f"{page}#{r.anchor}", "c": cite(r.address, r.text), "t": r.text})
        label = (f"Redline: {d.id} v{d.old_version} \u2192 v{d.new_version}, changes made by "
                 f"{', '.join(d.modifications)}")
        files[page] = _render(env, "document.html.j2", site=site, doc=d, rows=rows, changes=changes, label=label,
                              root="../", mods=sorted({m for c in changes for m in c["mods"]}))
        docs.append({"doc": d, "page": page, "changes": len(changes)})
    files["index.html"] = _render(env, "index.html.j2", site=site, docs=docs, changes=all_changes, root="",
                                  mods=[m.id for m in site.modifications],
                                  with_files=any(d.files for d in site.documents))
    index = json.dumps(search, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    files["search-index.js"] = f"window.SECDOCS_SEARCH = {index};\n".encode("utf-8")
    for name in ASSETS:
        try:
            files[name] = (site_templates() / name).read_bytes()
        except OSError as exc:
            raise ConfigError(f"site asset {site_templates() / name}: cannot read ({exc.strerror})") from None
    return files
