"""Sources of the documents LibreOffice writes for tests (generated at test time, never committed)."""
