"""diff: see docs/DEVELOPING.md."""
