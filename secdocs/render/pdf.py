"""PDF through LibreOffice (``soffice --headless --convert-to pdf``), when it is installed.

The one LibreOffice conversion of secdocs: ``secdocs redline --pdf``, ``secdocs legal-text --pdf``
(``workflow.outputs``) and ``secdocs consult --pdf`` (``packs.pack``) all go through
:func:`docx_to_pdf`.

Each run uses a fresh LibreOffice profile in a temporary folder (so it never collides with a
user's LibreOffice, or with another run), a timeout, and kills its own process group on timeout.
LibreOffice stamps a creation date, a random document ID and a checksum into every PDF; they are
rewritten in place to fixed values of the same length (no byte offsets move), so the same .docx
gives the same PDF bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import SecdocsError

TIMEOUT = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice(option: str = "--pdf") -> None:
    """Refuse early (before any work) when an option needs LibreOffice and it is not installed."""
    if soffice() is None:
        raise SecdocsError(f"{option} needs LibreOffice (soffice) on the PATH; install libreoffice-writer-nogui "
                           f"or leave out {option}")


def convert(files: dict[str, bytes], fmt: str, timeout: int = TIMEOUT) -> dict[str, bytes]:
    """Convert name → .docx bytes with LibreOffice into ``fmt`` ("pdf", "docx"); name → bytes out."""
    exe = soffice()
    if exe is None:
        raise SecdocsError("LibreOffice (soffice) is not installed: cannot convert to " + fmt)
    with tempfile.TemporaryDirectory(prefix="secdocs-lo-") as tmp:
        tmpdir = Path(tmp)
        src, out, profile = tmpdir / "in", tmpdir / "out", tmpdir / "profile"
        src.mkdir()
        out.mkdir()
        paths = []
        for name, blob in files.items():
            path = src / name
            path.write_bytes(blob)
            paths.append(str(path))
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
               "--convert-to", fmt, "--outdir", str(out), *paths]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                env=dict(os.environ, HOME=str(tmpdir)))
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise SecdocsError(f"LibreOffice did not finish converting to {fmt} within {timeout} s") from None
        result = {}
        for name in files:
            target = out / (Path(name).stem + "." + fmt.split(":")[0])  # pdf_name for "pdf"
            if not target.exists():
                detail = err.decode("utf-8", "replace").strip().splitlines()
                raise SecdocsError(f"LibreOffice could not convert {name} to {fmt}"
                                   + (f": {detail[-1]}" if detail else ""))
            result[target.name if fmt != "docx" else name] = target.read_bytes()
        return result


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[0-9]{14}[^)]*\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]+)(</xmp:)")


def fix_pdf(data: bytes, stamp: str = "20000101000000") -> bytes:
    """Replace dates and the document ID with fixed values of the same byte length."""

    def date(m: re.Match) -> bytes:
        whole = m.group(0)
        head, _, tail = whole.partition(b"(D:")
        digits, zone = tail[:14], tail[14:]  # zone like +01'00') or Z)
        zone = re.sub(rb"\d", b"0", zone).replace(b"-", b"+")
        return head + b"(D:" + stamp.encode()[: len(digits)] + zone

    def ident(m: re.Match) -> bytes:
        a, b = m.group(1), m.group(2)
        return m.group(0).replace(a, b"0" * len(a)).replace(b, b"0" * len(b))

    def xmp(m: re.Match) -> bytes:
        value = m.group(2)
        return m.group(1) + b"2000-01-01T00:00:00Z"[: len(value)].ljust(len(value), b" ") + m.group(3)

    data = _PDF_DATE.sub(date, data)
    data = _PDF_ID.sub(ident, data)
    data = _PDF_CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1))), data)
    return _XMP_DATE.sub(xmp, data)


def pdf_name(name: str) -> str:
    """The name LibreOffice gives the PDF of ``name`` (``x.docx`` → ``x.pdf``)."""
    return Path(name).stem + ".pdf"


def docx_to_pdf(files: dict[str, bytes]) -> dict[str, bytes]:
    """name.docx → name.pdf (:func:`pdf_name`; deterministic bytes). A name may be a path
    (``out/x.docx`` → ``out/x.pdf``): LibreOffice is given the base names."""
    paths = {Path(name).name: name for name in files}
    if len(paths) != len(files):
        raise SecdocsError("cannot convert two files of the same name in one LibreOffice run")
    converted = convert({base: files[name] for base, name in paths.items()}, "pdf")
    return {str(Path(name).with_name(pdf_name(base))): fix_pdf(converted[pdf_name(base)])
            for base, name in paths.items()}
