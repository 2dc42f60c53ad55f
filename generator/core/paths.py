"""Where the project's own files live, resolved once from the package location.

In a checkout (or an editable install) they are the repository's: mkdocs.yml, docs/, schema/, site_templates/
and the bundled catalog/. An installed wheel carries the same layout, without the catalog, under
generator/_project/ (pyproject.toml, [tool.setuptools]); a build from a wheel names its catalog.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # generator/, from generator/core/paths.py
_PACKAGED = _PACKAGE / "_project"

INSTALLED_FROM_WHEEL = (_PACKAGED / "mkdocs.yml").is_file()
PROJECT_ROOT = _PACKAGED if INSTALLED_FROM_WHEEL else _PACKAGE.parent
SCHEMA_DIR = PROJECT_ROOT / "schema"
VOCABULARY_DIR = SCHEMA_DIR / "vocabularies"
TEMPLATE_DIR = PROJECT_ROOT / "site_templates"
DEFAULT_CATALOG = Path("catalog") if INSTALLED_FROM_WHEEL else PROJECT_ROOT / "catalog"
MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"
