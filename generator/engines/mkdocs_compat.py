"""Every use of MkDocs internals, in one place: what the plugin relies on beyond MkDocs' documented plugin API.

MkDocs 1.6 is the last of its line; ProperDocs (its maintained fork) aliases `mkdocs.*` to its own modules.
tests/engines/test_mkdocs_compat.py checks each of these against both, so that an engine update that moves one of
them fails there, by name, rather than somewhere in a build.
"""

from __future__ import annotations

import logging
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ENGINE_LOGGER = get_context.__module__.partition(".")[0]
"""The logger whose warnings the running engine counts to abort a strict build: "mkdocs", or "properdocs" when
ProperDocs stands its modules in for `mkdocs.*` (its build counts warnings on its own logger)."""


def render_theme_page(
    env: Environment, template: str, nav: Navigation, files: Files, config: MkDocsConfig, page: Page
) -> str:
    """The theme's `template` rendered for `page` as MkDocs' own build renders a page: MkDocs keeps the page
    being rendered in `config._current_page` (its `url` filter reads it), marks it active for the navigation,
    and lets plugins see the context first."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return env.get_template(template).render(context)
    finally:
        page.active = False
        config._current_page = None


class WarningCounter(logging.Handler):
    """Counts warnings and errors on the engine's logger, as the engine does to abort a strict build after the
    last event: knowing it before the build publishes lets a doomed build be discarded instead."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def start(self) -> WarningCounter:
        logging.getLogger(ENGINE_LOGGER).addHandler(self)
        return self

    def stop(self) -> None:
        logging.getLogger(ENGINE_LOGGER).removeHandler(self)


def request_rebuild(server: Any) -> bool:
    """Ask MkDocs' dev server for another build, as its own file watcher does (LiveReloadServer keeps the flag
    and its condition private); False when this server has neither, and the caller builds at once."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not hasattr(server, "_want_rebuild"):
        return False
    with condition:
        server._want_rebuild = True
        condition.notify_all()
    return True
