"""``secdocs site``: the review site (static HTML) of a release or of one modification."""

from __future__ import annotations

from pathlib import Path

import click

from .options import baselines_option, output_option


@click.command("site")
@click.argument("source", type=click.Path(exists=True))
@baselines_option
@output_option(help="Output folder of the site (index.html, doc/*.html); replaced as a whole.")
def site_cmd(source, baselines, out):
    """Write the review site of SOURCE (a release .toml file or a modification folder) into OUT.

    Open OUT/index.html in a browser: no server is needed."""
    from ..ooxml.package import write_folder

    if Path(source).is_dir():
        from ..render.site.sources import modification_site

        files, warnings = modification_site(source, baselines=baselines)
        for warning in warnings:
            click.echo(f"secdocs: warning: {warning}", err=True)
    else:
        from ..release.build import build_release

        if baselines:
            raise click.UsageError("--baselines is for a modification folder; a release file names its baseline")
        report = build_release(source, None, progress=False, site_links=False)
        files = {name[len("site/"):]: data for name, data in report.outputs.items() if name.startswith("site/")}
        for warning in report.warnings:
            click.echo(f"secdocs: warning: {warning}", err=True)
    write_folder(out, files)
    pages = sum(1 for name in files if name.endswith(".html"))
    click.echo(f"{out}/index.html: review site, {pages} pages")


def register(main: click.Group) -> None:
    main.add_command(site_cmd)
