"""Read a catalog directory into the typed model: validate first, build only when everything is valid."""

from __future__ import annotations

from pathlib import Path

from generator.core.diagnostics import CatalogError
from generator.core.model import Catalog, build_catalog
from generator.core.validate import validate_catalog


def read_catalog(catalog_dir: Path) -> Catalog:
    """The typed catalog; raises CatalogError carrying every diagnostic when anything is invalid."""
    result = validate_catalog(catalog_dir)
    if not result.ok:
        raise CatalogError(result.errors)
    return build_catalog(result.documents, catalog_dir)
