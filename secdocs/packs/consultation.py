"""The consultation document of one stage: template → outline → .docx, with Annex A embedded."""

from __future__ import annotations

from pathlib import Path

from ..ooxml.blocks_writer import Builder
from ..ooxml.embed import embed_body, start_at_documents
from .data import PackData
from .templating import render_outline

TEMPLATE = "consultation-{stage}.j2"
BANNER = "Illustrative – representative text, not the official Smart Energy Code"


def build_consultation(data: PackData, legal_text: bytes, reference: Path | None = None,
                       templates: Path | None = None, annex_b: bytes | None = None) -> bytes:
    """The consultation document as deterministic .docx bytes.

    ``legal_text`` is the legal text document (.docx bytes) whose body becomes Annex A;
    ``annex_b`` the redline of the previous legal text version against this one (Annex B)."""
    builder = Builder.new(reference, templates=templates)
    blocks = render_outline(TEMPLATE.format(stage=data.stage), data.context, templates)
    embedded = {"count": 0}

    headings = [doc["id"] for doc in data.mod["documents"]]

    def annex(b: Builder) -> None:
        embedded["count"] = embed_body(b, legal_text, start=start_at_documents(headings))

    def changes(b: Builder) -> None:
        if annex_b:
            embed_body(b, annex_b, start=start_at_documents(headings), name="legal-text-changes.docx")

    builder.render(blocks, inserts={"annex": annex, "annex-b": changes})
    mod, stage = data.mod, data.consultation
    name = f"{mod['id']} {stage['name']}"
    builder.header_footer(name, BANNER, first_page_blank=True)
    builder.properties(title=f"{name} – {mod['title']}", subject=f"{name}: consultation document",
                       keywords=f"{mod['id']} {data.stage} consultation illustrative",
                       when=data.issue_date, description=mod["illustrative"])
    return builder.to_bytes()
