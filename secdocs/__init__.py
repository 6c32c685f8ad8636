"""secdocs: read, amend, redline and release Smart Energy Code documents."""

__version__ = "0.1.0"
