"""Hostile and broken .docx files: one line naming the file and the problem, exit status 2.

Every case goes through the real command line (``secdocs text`` and ``secdocs parse``); a few
also run as a separate process to check the time (under 2 seconds) and the memory it takes.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader_helpers import make_docx, p
from secdocs.cli import main

CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(path: Path, members: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _document(body: str) -> str:
    return f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def not_a_zip(tmp: Path) -> Path:
    path = tmp / "notes.docx"
    path.write_bytes(b"This is a plain text file renamed to .docx\n")
    return path


def empty_file(tmp: Path) -> Path:
    path = tmp / "empty.docx"
    path.write_bytes(b"")
    return path


def truncated_zip(tmp: Path) -> Path:
    good = make_docx(tmp / "good.docx", p("Some text. " * 400))
    path = tmp / "truncated.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def no_document_part(tmp: Path) -> Path:
    return _zip(tmp / "nodoc.docx", {"[Content_Types].xml": CT, "word/styles.xml": "<w:styles/>"})


def missing_main_part(tmp: Path) -> Path:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/main.xml"/></Relationships>')
    return _zip(tmp / "dangling.docx", {"[Content_Types].xml": CT, "_rels/.rels": rels})


def billion_laughs(tmp: Path) -> Path:
    entities = '<!ENTITY a "lol">' + "".join(f'<!ENTITY {c} "{("&" + p_ + ";") * 10}">'
                                             for p_, c in zip("abcdefgh", "bcdefghi"))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]><w:document xmlns:w="{W}"><w:body>'
           "<w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>")
    return _zip(tmp / "laughs.docx", {"[Content_Types].xml": CT, "word/document.xml": xml})


def external_entity(tmp: Path) -> Path:
    xml = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    return _zip(tmp / "xxe.docx", {"[Content_Types].xml": CT, "word/document.xml": xml})


def doctype_in_styles(tmp: Path) -> Path:
    path = make_docx(tmp / "styles.docx", p("text"), styles="<w:docDefaults/>")
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["word/styles.xml"] = (b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY e "x">]>'
                                  b'<w:styles xmlns:w="' + W.encode() + b'">&e;</w:styles>')
    return _zip(tmp / "styles-dtd.docx", members)


def declared_bomb(tmp: Path) -> Path:
    """A member that says it unpacks to 100 MiB (zeros compress to almost nothing)."""
    path = tmp / "declared-bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CT)
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(100):
                member.write(chunk)
    return path


def ratio_bomb(tmp: Path) -> Path:
    """Under the size limit, but expanding a thousand times: a bomb by ratio."""
    xml = _document("<w:p><w:r><w:t>" + "A" * (20 * 1024 * 1024) + "</w:t></w:r></w:p>")
    return _zip(tmp / "ratio-bomb.docx", {"[Content_Types].xml": CT, "word/document.xml": xml})


def lying_sizes(tmp: Path) -> Path:
    """Headers that declare a tiny member whose data really unpacks to megabytes."""
    path = _zip(tmp / "lying.docx", {"[Content_Types].xml": CT,
                                     "word/document.xml": _document("<w:p/>" * 400_000)})
    data = bytearray(path.read_bytes())
    fake = 1000
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size fields
        start = 0
        while (i := data.find(sig, start)) >= 0:
            name_len = struct.unpack_from("<H", data, i + (26 if sig == b"PK\x03\x04" else 28))[0]
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, i + offset, fake)
            start = i + 4
    path.write_bytes(bytes(data))
    return path


def deep_nesting(tmp: Path) -> Path:
    body = "<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000
    return _zip(tmp / "deep.docx", {"[Content_Types].xml": CT, "word/document.xml": _document(body)})


def moderate_nesting(tmp: Path) -> Path:
    """Deeper than the reader's limit (200) but within the XML parser's own (256)."""
    body = "<w:sdt><w:sdtContent>" * 110 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 110
    return _zip(tmp / "nested.docx", {"[Content_Types].xml": CT, "word/document.xml": _document(body)})


def not_well_formed(tmp: Path) -> Path:
    return _zip(tmp / "broken.docx", {"[Content_Types].xml": CT,
                                      "word/document.xml": _document("<w:p><w:r><w:t>unclosed</w:r></w:p>")})


def no_body(tmp: Path) -> Path:
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W}"/>'
    return _zip(tmp / "nobody.docx", {"[Content_Types].xml": CT, "word/document.xml": xml})


CASES = {
    "not a zip": (not_a_zip, "not a .docx"),
    "empty file": (empty_file, "not a .docx"),
    "truncated zip": (truncated_zip, "corrupt or truncated zip"),
    "no word/document.xml": (no_document_part, "no word/document.xml"),
    "main part missing": (missing_main_part, "main document part word/main.xml is missing"),
    "billion laughs": (billion_laughs, "DOCTYPE or entity declaration is refused"),
    "external entity": (external_entity, "DOCTYPE or entity declaration is refused"),
    "DOCTYPE in styles.xml": (doctype_in_styles, "word/styles.xml: XML with a DOCTYPE"),
    "declared zip bomb": (declared_bomb, "possible zip bomb"),
    "compression ratio bomb": (ratio_bomb, "possible zip bomb"),
    "sizes that lie": (lying_sizes, "word/document.xml"),
    "absurd nesting": (deep_nesting, "nested more than 200 deep"),
    "nesting over the limit": (moderate_nesting, "nested more than 200 deep"),
    "not well-formed XML": (not_well_formed, "not well-formed XML"),
    "no w:body": (no_body, "no w:body"),
}


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory):
    """Each bad file is made once for the module (the bombs take a moment to build)."""
    made: dict[str, Path] = {}

    def get(case: str) -> Path:
        if case not in made:
            made[case] = CASES[case][0](tmp_path_factory.mktemp(case.replace(" ", "-").replace("/", "-")))
        return made[case]

    return get


@pytest.mark.parametrize("command", [["text"], ["parse"], ["parse", "--json"], ["text", "--track-changes", "reject"]])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_and_status_2(bad_file, case, command):
    message = CASES[case][1]
    path = bad_file(case)
    result = CliRunner().invoke(main, [*command, str(path)])
    assert result.exit_code == 2, (result.output, result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("secdocs: error: ") and path.name in lines[0]
    assert message.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", ["declared zip bomb", "compression ratio bomb", "sizes that lie",
                                  "absurd nesting", "billion laughs"])
def test_bad_input_is_fast_and_small_in_a_real_process(bad_file, case):
    path = bad_file(case)
    script = ("import resource, sys\n"
              "from secdocs.cli import main\n"
              "try:\n"
              "    main(['text', sys.argv[1]], standalone_mode=True)\n"
              "finally:\n"
              "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    elapsed = time.monotonic() - start
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    error_lines = [line for line in proc.stderr.splitlines() if line.startswith("secdocs:")]
    assert len(error_lines) == 1 and path.name in error_lines[0]
    max_rss_kb = int(proc.stderr.strip().splitlines()[-1])
    assert elapsed < 2.0, f"{case} took {elapsed:.2f} s"
    assert max_rss_kb < 300_000, f"{case} used {max_rss_kb} KiB"


def test_a_missing_file_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["text", str(tmp_path / "nothing.docx")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
