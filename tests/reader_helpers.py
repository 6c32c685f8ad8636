"""Build small .docx files from WordprocessingML snippets, for the reader's tests.

The files are what Word (not secdocs) might write: raw body XML, optional styles, numbering,
headers, footers, footnotes, comments and core properties, zipped with the relationships and
content types a package needs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_PARTS = {  # name → (relationship type, content type, root element)
    "styles": ("styles", "styles+xml", "styles"),
    "numbering": ("numbering", "numbering+xml", "numbering"),
    "footnotes": ("footnotes", "footnotes+xml", "footnotes"),
    "endnotes": ("endnotes", "endnotes+xml", "endnotes"),
    "comments": ("comments", "comments+xml", "comments"),
}


def p(text: str = "", style: str | None = None, num: tuple[int, int] | None = None, ppr: str = "",
      runs: str | None = None) -> str:
    """A paragraph: ``p("L1.1\\tText", style="SECClause", num=(numId, ilvl))``."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    body = runs if runs is not None else r(text)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def r(text: str, rpr: str = "") -> str:
    """A run; tabs become ``w:tab`` and new lines ``w:br``."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{_esc(piece)}</w:t>')
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{''.join(out)}</w:r>"


def tbl(rows: list[list[str]], style: str | None = None) -> str:
    """A table; each cell is given as the XML of its paragraphs."""
    props = f'<w:tblPr><w:tblStyle w:val="{style}"/></w:tblPr>' if style else "<w:tblPr/>"
    body = "".join("<w:tr>" + "".join(f"<w:tc>{cell}</w:tc>" for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{props}{body}</w:tbl>"


def style(style_id: str, name: str | None = None, based_on: str | None = None, ppr: str = "",
          rpr: str = "", kind: str = "paragraph", default: bool = False) -> str:
    """A w:style element."""
    flag = ' w:default="1"' if default else ""
    return (f'<w:style w:type="{kind}" w:styleId="{style_id}"{flag}>'
            f'<w:name w:val="{name or style_id}"/>'
            + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")


def level(ilvl: int, fmt: str = "decimal", text: str = "%1.", start: int = 1, extra: str = "") -> str:
    """A w:lvl element."""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def abstract(abstract_id: int, levels: list[str], extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def make_docx(path: str | Path, body: str, *, styles: str = "", numbering: str = "", footnotes: str = "",
              endnotes: str = "", comments: str = "", headers: list[str] = (), footers: list[str] = (),
              core: dict[str, str] | None = None) -> Path:
    """Write a .docx whose body is ``body`` (paragraph and table XML) and return its path."""
    path = Path(path)
    rels, types = [], []
    parts: dict[str, str] = {}
    content = {"styles": styles, "numbering": numbering, "footnotes": footnotes, "endnotes": endnotes,
               "comments": comments}
    for i, (name, xml) in enumerate(content.items()):
        if not xml:
            continue
        rel_type, ctype, root = _PARTS[name]
        parts[f"word/{name}.xml"] = f"<w:{root} {NS}>{xml}</w:{root}>"
        rels.append(f'<Relationship Id="rIdP{i}" Type="{_REL}{rel_type}" Target="{name}.xml"/>')
        types.append(f'<Override PartName="/word/{name}.xml" ContentType="{_CT}{ctype}"/>')
    sect = ""
    for kind, items in (("header", headers), ("footer", footers)):
        for i, xml in enumerate(items):
            name = f"{kind}{i + 1}"
            parts[f"word/{name}.xml"] = f"<w:{kind[:3]} {NS}>{xml}</w:{kind[:3]}>"
            rels.append(f'<Relationship Id="rId{name}" Type="{_REL}{kind}" Target="{name}.xml"/>')
            types.append(f'<Override PartName="/word/{name}.xml" ContentType="{_CT}{kind}+xml"/>')
            sect += f'<w:{kind}Reference w:type="default" r:id="rId{name}"/>'
    parts["word/document.xml"] = (f"<w:document {NS}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body>"
                                  "</w:document>")
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    package_rels = [f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>']
    if core is not None:
        fields = "".join(f"<{k}>{_esc(v)}</{k}>" for k, v in core.items())
        parts["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            f"{fields}</cp:coreProperties>")
        package_rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                            'relationships/metadata/core-properties" Target="docProps/core.xml"/>')
        types.append('<Override PartName="/docProps/core.xml" '
                     'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
    parts["_rels/.rels"] = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                            + "".join(package_rels) + "</Relationships>")
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_CT}document.main+xml"/>'
        + "".join(types) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
    return path


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
