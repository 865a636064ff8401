"""Importers: graphs from other systems' records of a computation (JAX's jaxprs)."""

__all__: list[str] = []  # each importer is its own module: pathsum.importers.jaxpr
