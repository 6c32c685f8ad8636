"""Consultation packs and collated responses (issue 5).

* ``data``        — modification.toml + ``[consultation.<stage>]`` → checked template values
* ``templating``  — the jinja2 environment of ``templates/consultation-*.j2``
* ``outline``     — the small block language the templates render to (and why not docxtpl)
* ``consultation``— the consultation document (Annex A embedded by ``ooxml.embed``)
* ``form``        — the response form: its controls, and what a filled one answered
* ``collate``     — filled forms → collated responses (.docx) and CSV, stance counts
* ``pack``        — ``secdocs consult``: the whole pack, manifest, atomic writes (PDFs: ``secdocs.render.pdf``)
"""

from .collate import build_responses, collect, stance, to_csv
from .data import PARTY_CATEGORIES, STAGES, PackData, load
from ..ooxml.forms import fill_form
from .form import read_form
from .pack import build_pack, consult, pack_files, write_pack

__all__ = ["PARTY_CATEGORIES", "STAGES", "PackData", "build_pack", "build_responses", "collect", "consult",
           "fill_form", "load", "pack_files", "read_form", "stance", "to_csv", "write_pack"]
