"""Where the project's own files live, resolved once from the package location."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = PROJECT_ROOT / "schema"
VOCABULARY_DIR = SCHEMA_DIR / "vocabularies"
TEMPLATE_DIR = PROJECT_ROOT / "site_templates"
DEFAULT_CATALOG = PROJECT_ROOT / "catalog"
MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"
