"""Commands for legal text being drafted: ``import`` (a redline into amendments), ``rebase`` (onto
a newer baseline) and ``new`` (scaffold a modification folder)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import baselines_option, legal_text_version_option, modification_argument, output_option


@click.command("import")
@click.argument("redlines", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@baselines_option
@output_option(help="The new modification folder (modifications/ID); it must not exist yet.")
@click.option("--id", "mod_id", default=None, help="The modification's id (default: the output folder's name).")
@click.option("--title", default=None, help="Its title (default: a legal text's own title, else the file names).")
@click.option("--document", default=None, metavar="ID",
              help='The document of a single redline whose cover does not name it ("Section L").')
def import_cmd(redlines, baselines, out, mod_id, title, document):
    """Turn REDLINES into an amendment set: whole documents with tracked changes (Word, LibreOffice,
    ours), a legal text document, or static markup (coloured underline / strikethrough).

    Each document's original text must read exactly as its baseline; otherwise every provision
    that differs is named with a word diff and nothing is written. The operations are checked by
    applying them to the baselines before anything is written.
    """
    from ..workspace import document_slug
    from ..amend.importer import import_redlines, write_import

    result = import_redlines(list(redlines), baselines or "baselines", mod_id or Path(out).name, title, document)
    for warning in result.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)
    write_import(result, out)
    for d in result.documents:
        kinds: dict[str, int] = {}
        for op in d.ops:
            kinds[op["kind"]] = kinds.get(op["kind"], 0) + 1
        detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        click.echo(f"{out}/{document_slug(d.id)}.toml: {d.id}: {len(d.ops)} operations ({detail})"
                   f" from {d.source} ({d.markup} changes)")
    click.echo(f"{out}/modification.toml: {result.id}, {len(result.documents)} documents")




@click.command("rebase")
@modification_argument
@click.option("--onto", required=True, type=click.Path(exists=True, file_okay=False),
              help="The newer baseline: a folder of documents (manifest.json, or any .docx; a release build's OUT).")
@baselines_option
@output_option(help="The rebased modification folder (replaced as a whole, only when everything has been written).")
@legal_text_version_option()
@click.option("--write-conflicts", is_flag=True, help="Write OUT even when there are conflicts (each noted on its op).")
def rebase_cmd(modification, onto, baselines, out, legal_text_version, write_conflicts):
    """Carry MODIFICATION (drafted against --baselines) onto the newer baseline ONTO.

    Each operation is reported: carried; carried over a changed provision (its words still found
    once); or a conflict, shown with the base text, the newer text and the modification's text.
    Nothing is written when there is a conflict unless --write-conflicts.
    """
    from ..amend.rebase import RebaseConflicts, rebase, write_rebased

    result = rebase(modification, onto, baselines, legal_text_version)
    for warning in result.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)
    for outcome in result.outcomes:
        if outcome.status != "conflict":
            click.echo(outcome.lines()[0])
    conflicts = result.conflicts
    if conflicts and not write_conflicts:
        raise RebaseConflicts([line for c in conflicts for line in c.lines()], len(conflicts))
    write_rebased(result, out)
    if conflicts:
        raise RebaseConflicts([line for c in conflicts for line in c.lines()], len(conflicts), written=out)
    click.echo(f"{out}: {result.modification.id} rebased onto SEC v{result.onto_version or '?'},"
               f" {len(result.outcomes)} operations carried")


@click.command("new")
@click.argument("mod_id", metavar="ID")
@click.option("--title", required=True, help="The modification's title.")
@click.option("--document", "documents", multiple=True, required=True, metavar="ID",
              help='A document it changes ("Section M"); repeat for each.')
@baselines_option
@output_option(required=False, help="The new folder (default: modifications/ID); it must not exist yet.")
def new_cmd(mod_id, title, documents, baselines, out):
    """Scaffold a modification folder ID: modification.toml (id, title, documents, and every
    later-stage key as a comment saying which command needs it) and one amendments file per
    document. Add one [[op]] and it applies and redlines."""
    from ..amend.scaffold import scaffold

    folder = scaffold(mod_id, title, list(documents), out or Path("modifications") / mod_id, baselines or "baselines")
    click.echo(f"{folder}: {mod_id} with {len(documents)} document{'s' if len(documents) != 1 else ''};"
               f" add [[op]] tables to its amendments files, then secdocs apply {folder} -o OUT")


def register(group: click.Group) -> None:
    for command in (import_cmd, rebase_cmd, new_cmd):
        group.add_command(command)
