"""Benchmarks kept in the repository (see docs/research.md); not part of the pathsum package."""
