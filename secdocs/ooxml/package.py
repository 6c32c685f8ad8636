"""Safe opening and deterministic saving of .docx packages.

Opening refuses, with one line naming the file and the problem: anything that is not a zip, a
truncated or corrupt zip, a package without a main document part, XML with a DOCTYPE or
entity declarations (never expanded), zip members whose declared or actual size passes a limit
(zip bombs), and absurdly deep nesting. Saving writes members in a fixed order with fixed
timestamps, to a temporary file renamed into place, so the same parts give the same bytes and
a failure leaves no partial output.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import BadInputError
from ..workspace.limits import MAX_DOCX_BYTES, MAX_MEMBER_BYTES, MAX_MEMBERS, MAX_RATIO, MAX_TOTAL_BYTES  # noqa: F401
from ..workspace.limits import MAX_XML_DEPTH as MAX_DEPTH
from ..workspace.limits import MAX_XML_TAGS
from ..workspace import join_output, name_write_error, publish_dir, publish_file, read_input, unique_names
from .namespaces import REL_NS as _REL_NS

ZIP_DATE = (1980, 1, 1, 0, 0, 0)

OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")

XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_blank_text=False)


class _Doctype(Exception):
    pass


class _RootSeen(Exception):
    pass


class _Prolog:
    """A parser target that reads only up to the root element and objects to a DOCTYPE: the
    parser itself says whether there is one, in whatever encoding the part is written."""

    def doctype(self, *_):
        raise _Doctype

    def start(self, *_):
        raise _RootSeen

    def close(self):
        return None


def _declares_doctype(data: bytes) -> bool:
    parser = etree.XMLParser(target=_Prolog(), resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(data, parser)
    except _Doctype:
        return True
    except (_RootSeen, etree.XMLSyntaxError, ValueError):
        return False
    return False


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part safely: no DTD loaded, no entity expanded, no network, bounded
    nesting; a part that declares a document type at all (in any encoding) is refused, as the
    parser reports it (reading up to the root element first), not by looking for bytes."""
    if data.count(b"<") > MAX_XML_TAGS:  # a bound on the tree's memory before it is built
        raise BadInputError(f"{where}: more than {MAX_XML_TAGS:,} XML tags (limits.MAX_XML_TAGS)")
    if _declares_doctype(data):
        raise BadInputError(f"{where}: XML with a DOCTYPE or entity declaration is refused")
    try:
        root = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():  # libxml2's own nesting limit (256) came first
            raise BadInputError(f"{where}: elements nested more than {MAX_DEPTH} deep") from None
        raise BadInputError(f"{where}: not well-formed XML ({exc.msg})") from None
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise BadInputError(f"{where}: not well-formed XML ({exc})") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise BadInputError(f"{where}: XML with a DOCTYPE or entity declaration is refused")
    _check_depth(root, where)
    return root


# Whether any node (element, comment or processing instruction; text does not count) sits more
# than MAX_DEPTH levels down, the root element being level 1. libxml2 refuses nesting past 256
# on its own (huge_tree=False); this closes the gap to MAX_DEPTH. The path walks the tree one
# level at a time inside libxml2, several times faster than a walk in Python.
_TOO_DEEP = etree.XPath("boolean(" + "/*" * MAX_DEPTH + "/node()[not(self::text())])")


def _check_depth(root: etree._Element, where: str) -> None:
    if _TOO_DEEP(root):
        raise BadInputError(f"{where}: elements nested more than {MAX_DEPTH} deep")


class Package:
    """The parts of an OPC package (a .docx), read with limits; XML parsed on demand."""

    def __init__(self, name: str, parts: dict[str, bytes]):
        self.name = name
        self.parts = parts
        self._xml: dict[str, etree._Element] = {}

    # -- reading ------------------------------------------------------------------------------
    def has(self, part: str) -> bool:
        return part in self.parts

    def xml(self, part: str) -> etree._Element:
        if part not in self._xml:
            if part not in self.parts:
                raise BadInputError(f"{self.name}: no {part} in the package")
            self._xml[part] = parse_xml(self.parts[part], f"{self.name}: {part}")
        return self._xml[part]

    def rels(self, part: str) -> dict[str, tuple[str, str, str]]:
        """Relationships of a part: id → (type, target part name, target mode)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if rels_part not in self.parts:
            return {}
        out = {}
        for rel in self.xml(rels_part).iter(f"{{{_REL_NS}}}Relationship"):
            mode = rel.get("TargetMode", "Internal")
            target = rel.get("Target", "")
            if mode != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/") \
                    if not target.startswith("/") else target.lstrip("/")
            out[rel.get("Id")] = (rel.get("Type", ""), target, mode)
        return out

    def core_properties(self) -> dict[str, str]:
        """``docProps/core.xml`` as local name → text (``title``, ``keywords``, ``modified``…);
        empty when the package has none."""
        if "docProps/core.xml" not in self.parts:
            return {}
        return {etree.QName(el).localname: (el.text or "").strip() for el in self.xml("docProps/core.xml")
                if isinstance(el.tag, str)}

    def related(self, part: str, rel_type_suffix: str) -> list[str]:
        """Target parts of a part's relationships whose type ends with the suffix."""
        return [t for (ty, t, mode) in self.rels(part).values()
                if ty.endswith("/" + rel_type_suffix) and mode != "External" and t in self.parts]

    @property
    def main_part(self) -> str:
        for ty, target, _ in self.rels("").values():
            if ty in OFFICE_DOCUMENT:
                if target not in self.parts:
                    raise BadInputError(f"{self.name}: the main document part {target} is missing")
                return target
        if "word/document.xml" in self.parts:
            return "word/document.xml"
        raise BadInputError(f"{self.name}: no word/document.xml (not a Word document)")


def open_package(path: str | os.PathLike) -> Package:
    """Open a .docx with size, type and safety checks; raise BadInputError on any problem."""
    name = str(path)
    return read_package(read_input(path, MAX_DOCX_BYTES, name=name), name)


def read_package(data: bytes, name: str) -> Package:
    if len(data) > MAX_TOTAL_BYTES:
        raise BadInputError(f"{name}: larger than {MAX_TOTAL_BYTES // 2**20} MiB")
    if not data.startswith(b"PK"):
        raise BadInputError(f"{name}: not a .docx (not a zip file)")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise BadInputError(f"{name}: corrupt or truncated zip ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise BadInputError(f"{name}: too many zip members ({len(infos)})")
    names: set[str] = set()
    for info in infos:
        member = info.filename.lstrip("/")
        if member in names:
            raise BadInputError(f"{name}: zip member {member} appears twice (which one is meant is unclear)")
        names.add(member)
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or declared > MAX_TOTAL_BYTES:
            raise BadInputError(f"{name}: zip member {info.filename} is too large when unpacked "
                                f"({info.file_size} bytes declared; possible zip bomb)")
        if info.compress_size and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO:
            raise BadInputError(f"{name}: zip member {info.filename} expands {info.file_size // info.compress_size}"
                                f" times (possible zip bomb)")
    parts: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        try:
            with zf.open(info) as member:
                content = member.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise BadInputError(f"{name}: zip member {info.filename} cannot be read ({exc})") from None
        total += len(content)
        if len(content) > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise BadInputError(f"{name}: zip member {info.filename} is larger than declared (possible zip bomb)")
        parts[info.filename.lstrip("/")] = content
    package = Package(name, parts)
    package.main_part  # noqa: B018 - validates that there is a main document
    return package


# ---------------------------------------------------------------------------------------------
# Deterministic, atomic writing

def _member_order(name: str) -> tuple:
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    return (first.get(name, 2), name)


def package_bytes(parts: dict[str, bytes], level: int = 6) -> bytes:
    """Zip the parts in a fixed order with fixed timestamps and attributes (deflate ``level``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(parts, key=_member_order):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            zf.writestr(info, parts[name], compresslevel=level)
    return buf.getvalue()


def normalise_docx_bytes(data: bytes) -> bytes:
    """Re-pack a .docx (for example one python-docx saved) deterministically."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    return package_bytes(parts)


def atomic_file(path: str | os.PathLike):
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds
    (``workspace.publish_file``: the path is checked against the inputs first)."""
    return publish_file(path)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_file(path) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise name_write_error(exc, path)


def ordinary_permissions(path: str | os.PathLike) -> None:
    """Give a file or folder made by ``mkstemp`` / ``mkdtemp`` (private: 0600 / 0700) the mode
    an ordinary one would have under the umask."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if Path(path).is_dir() else 0o666) & ~mask)


def write_folder(path: str | os.PathLike, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative name → bytes; names may hold sub-folders) as the folder
    ``path``, replacing it as a whole only when everything is written (:func:`atomic_dir`)."""
    unique_names([(name, name) for name in files], f"-o {path}")
    with atomic_dir(path) as tmp:
        ordinary_permissions(tmp)
        for name, data in sorted(files.items()):
            target = join_output(tmp, name)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            except OSError as exc:
                raise name_write_error(exc, Path(path) / name)


def atomic_dir(path: str | os.PathLike):
    """Yield a fresh temporary directory beside ``path``; on success it replaces ``path`` as a
    whole (``workspace.publish_dir``: checked against the inputs, locked, recovering what an
    interrupted run left)."""
    return publish_dir(path)
