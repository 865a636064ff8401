"""Rendering results for people (rich tables, HTML, plots) and for scripts (JSON, CSV)."""
