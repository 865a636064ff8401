"""Importers: graphs from other systems' records of a computation (JAX's jaxprs)."""
