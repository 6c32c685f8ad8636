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
import re
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..errors import BadInputError
from .namespaces import REL_NS as _REL_NS

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one uncompressed part
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # the whole uncompressed package
MAX_RATIO = 200  # compression ratio above which a large member is treated as a bomb
MAX_MEMBERS = 10_000
MAX_DEPTH = 200  # element nesting

ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_DTD_RE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")

XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_blank_text=False)


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part safely: no DTD, no entities, no network, bounded nesting."""
    if _DTD_RE.search(data[:4096]) or _DTD_RE.search(data):
        raise BadInputError(f"{where}: XML with a DOCTYPE or entity declaration is refused")
    try:
        root = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():  # libxml2's own nesting limit (256) came first
            raise BadInputError(f"{where}: elements nested more than {MAX_DEPTH} deep") from None
        raise BadInputError(f"{where}: not well-formed XML ({exc.msg})") from None
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
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_TOTAL_BYTES:
                raise BadInputError(f"{name}: larger than {MAX_TOTAL_BYTES // 2**20} MiB")
            data = fh.read(size + 1)  # not read(limit): that would reserve the whole limit
    except OSError as exc:
        raise BadInputError(f"{name}: cannot read ({exc.strerror})") from None
    return read_package(data, name)


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


@contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only if the block succeeds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_file(path) as tmp:
        tmp.write_bytes(data)


def ordinary_permissions(path: str | os.PathLike) -> None:
    """Give a file or folder made by ``mkstemp`` / ``mkdtemp`` (private: 0600 / 0700) the mode
    an ordinary one would have under the umask."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if Path(path).is_dir() else 0o666) & ~mask)


def write_folder(path: str | os.PathLike, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative name → bytes; names may hold sub-folders) as the folder
    ``path``, replacing it as a whole only when everything is written (:func:`atomic_dir`)."""
    with atomic_dir(path) as tmp:
        ordinary_permissions(tmp)
        for name, data in sorted(files.items()):
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


@contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a fresh temporary directory beside ``path``; on success it replaces ``path``
    (the previous contents are removed only after the new ones are complete)."""
    import shutil

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.replace(target, old / "x")
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
