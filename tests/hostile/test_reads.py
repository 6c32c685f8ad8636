"""Issue 15, categories 4, 7 and 8: every file read is a regular file under a size limit, paths
in manifests and modification.toml stay inside their folder, text with control characters is
refused where it comes in, and XML is parsed without DTDs."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from conftest import refused, run, tree
from reader_helpers import make_docx, p

MOD = "modifications/MP134A"
REL = "releases/2021-10-04-adhoc.toml"


# -- 4. unbounded reads ----------------------------------------------------------------------------

def _amendments_path(project: Path, value: str) -> None:
    toml = project / MOD / "modification.toml"
    toml.write_text(toml.read_text().replace('amendments = "section-L.toml"', f"amendments = {json.dumps(value)}"))


@pytest.mark.parametrize("value, says", [("/dev/zero", "absolute"), ("/dev/urandom", "absolute"),
                                         ("/etc/passwd", "absolute"), ("../../../../etc/passwd", ".."),
                                         ("../MP901/section-L.toml", "..")])
def test_amendments_paths_stay_inside_the_folder(project, value, says):
    _amendments_path(project, value)
    before = tree(project)
    for args in (("apply", MOD, "-o", "out"), ("release", "build", REL, "-o", "out", "-q")):
        line = refused(run(*args), "modification.toml", says)
        assert "amendments" in line
    assert tree(project) == before


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "folder", "too large"])
def test_amendments_that_are_not_a_small_regular_file_are_refused(project, kind):
    target = project / MOD / "hostile.toml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink to /dev/zero":
        target.symlink_to("/dev/zero")
    elif kind == "folder":
        target.mkdir()
    else:
        with open(target, "wb") as fh:  # sparse: 5 MiB costs nothing on disk
            fh.truncate(5 * 2**20)
    _amendments_path(project, "hostile.toml")
    says = {"fifo": "not a regular file", "symlink to /dev/zero": "symbolic link", "folder": "folder",
            "too large": "larger than the limit"}[kind]
    refused(run("apply", MOD, "-o", "out"), "hostile.toml", says)
    assert not (project / "out").exists()


@pytest.mark.parametrize("file", ["/etc/passwd", "../../secret.docx", "src/../../x.docx"])
def test_a_baselines_manifest_file_stays_inside_baselines(project, file):
    manifest = project / "baselines" / "manifest.json"
    data = json.loads(manifest.read_text())
    next(e for e in data["baselines"] if e["id"] == "Section L")["file"] = file
    manifest.write_text(json.dumps(data))
    refused(run("release", "build", REL, "-o", "out", "-q"), "manifest.json", "file")
    refused(run("apply", MOD, "-o", "out"), "manifest.json", repr(file))


@pytest.mark.parametrize("command", [("parse", "{f}"), ("text", "{f}"), ("compare", "{f}", "{g}", "--json"),
                                     ("compare", "{g}", "{f}", "--json"),
                                     ("responses", "collate", "{f}", "-o", "out.docx")])
def test_a_fifo_or_device_as_file_is_refused_at_once(project, command):
    fifo = project / "pipe.docx"
    os.mkfifo(fifo)
    good = make_docx(project / "good.docx", p("Text."))
    ran = run(*(a.format(f=fifo, g=good) for a in command))
    assert "Traceback" not in ran.err
    assert ran.code != 0 and "pipe.docx" in ran.err and "not a regular file" in ran.err
    assert not (project / "out.docx").exists()


def test_a_device_as_file_is_refused(project):
    refused(run("text", "/dev/zero"), "/dev/zero", "not a regular file", status=2)
    refused(run("parse", "/dev/null"), "/dev/null", "not a regular file", status=2)


def test_release_file_that_is_a_fifo_is_refused(project):
    os.mkfifo(project / "releases" / "pipe.toml")
    refused(run("release", "build", "releases/pipe.toml", "-o", "out"), "pipe.toml", "not a regular file")


def test_read_input_limits(tmp_path):
    from secdocs.errors import BadInputError
    from secdocs.workspace import read_input

    small = tmp_path / "a.toml"
    small.write_bytes(b"x" * 10)
    assert read_input(small, 10) == b"x" * 10
    with pytest.raises(BadInputError, match="larger than the limit of 9 bytes"):
        read_input(small, 9)


# -- 7. control characters refused where text comes in -----------------------------------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


TEXT_CASES = [
    (f"{MOD}/modification.toml", 'title = "', 'title = "\\u0001', "title"),
    (f"{MOD}/modification.toml", 'id = "MP134A"', 'id = "MP134A\\u0001"', "id"),
    (f"{MOD}/modification.toml", 'illustrative_label = "', 'illustrative_label = "\\u0007', "illustrative_label"),
    (f"{MOD}/modification.toml", 'title = "', 'title = "\\u001f', "title"),
    (f"{MOD}/modification.toml", 'title = "', 'title = "\\ufffe', "title"),
    (f"{MOD}/section-L.toml", 'by = "', 'by = "\\u0001', "by"),
    (f"{MOD}/section-L.toml", 'text = "', 'text = "\\u000b', "text"),
    (REL, 'name = "', 'name = "\\u0001', "name"),
    (REL, 'sec_version = "47.0"', 'sec_version = "47.0\\u0001"', "sec_version"),
    (REL, 'description = "', 'description = "\\u0085', "description"),
]


@pytest.mark.parametrize("file, old, new, key", TEXT_CASES, ids=[f"{Path(c[0]).name}-{c[3]}-{c[2][-5:]}"
                                                                  for c in TEXT_CASES])
def test_control_characters_are_refused_naming_file_line_and_character(project, file, old, new, key):
    _edit(project / file, old, new)
    line_no = next(n for n, row in enumerate((project / file).read_text().splitlines(), 1) if new in row)
    before = tree(project)
    ran = run("release", "build", REL, "-o", "out", "-q")
    line = refused(ran, f"{Path(file).name}:{line_no}:", key, "control character U+")
    assert tree(project) == before
    if "MP134A" in file:
        assert refused(run("apply", MOD, "-o", "out")) == line


def test_a_raw_control_character_names_line_and_column(project):
    path = project / MOD / "modification.toml"
    text = path.read_text().replace('title = "', 'title = "ab\x01', 1)
    path.write_text(text)
    n = next(i for i, row in enumerate(text.splitlines(), 1) if "\x01" in row)
    col = text.splitlines()[n - 1].index("\x01") + 1
    refused(run("apply", MOD, "-o", "out"), f"modification.toml:{n}:{col}: control character U+0001")


def test_a_control_character_in_a_sec_txt_source_is_refused(project):
    path = project / "baselines" / "src" / "section-L.sec.txt"
    path.write_text(path.read_text().replace("\n", "\n\x02", 1))
    refused(run("parse", path), "section-L.sec.txt:2:1", "U+0002", status=2)


def test_author_and_version_options_are_checked_too(project):
    ran = run("redline", MOD, "-o", "out", "--author", "Mallory\x01")
    refused(ran, "--author", "U+0001")


# -- 8. XML safety --------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, document: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                                           'content-types"/>')
        zf.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8", "utf-32"])
def test_a_doctype_in_any_encoding_is_refused_by_the_parser(tmp_path, encoding):
    decl = f'<?xml version="1.0" encoding="{encoding.upper()}"?>' if encoding != "utf-16-le" else ""
    bom = "\ufeff" if encoding == "utf-16-le" else ""
    xml = (f'{bom}{decl}<!DOCTYPE w:document SYSTEM "file:///etc/passwd"><w:document xmlns:w="{W}"><w:body>'
           '<w:p><w:r><w:t>hello</w:t></w:r></w:p></w:body></w:document>')
    path = _docx(tmp_path / "doctype.docx", xml.encode(encoding))
    for command in ("text", "parse"):
        refused(run(command, path), "doctype.docx", "DOCTYPE", status=2)


def test_a_zip_with_two_document_parts_is_refused(tmp_path):
    import warnings

    doc = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>'
    path = _docx(tmp_path / "twice.docx", (doc % "first").encode())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("word/document.xml", (doc % "second").encode())
    refused(run("text", path), "twice.docx", "word/document.xml appears twice", status=2)
