"""The commands as library calls, above everything they use.

Dependency order (``tests/test_layers.py`` holds it): ``cli`` → ``workflow`` → ``release``,
``packs`` → ``render`` → ``amend``, ``checks`` → ``diff``/``align``, ``ooxml``, ``structure`` →
``model``/``numbering``/``address``, with ``errors``/``config``/``workspace``/``limits``/``inputs``
at the bottom.

* :mod:`.apply` — ``secdocs apply``: consolidated documents and report.json written;
* :mod:`.redline` — ``secdocs redline``: each affected document's whole redline;
* :mod:`.legal_text` — ``secdocs legal-text``: the legal text document;
* :mod:`.outputs` — writing what a command built, with PDFs when asked.
"""
