"""The MkDocs internals the plugin relies on (generator/engines/mkdocs_compat.py), checked on each engine that loads
the plugin: MkDocs 1.6 and ProperDocs, whose modules stand in for `mkdocs.*` when it builds."""

from __future__ import annotations

import importlib
import inspect
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT

from generator.engines.mkdocs_compat import ENGINE_LOGGER, WarningCounter, request_rebuild

ENGINES = ["mkdocs", "properdocs"]


@pytest.mark.parametrize("engine", ENGINES)
def test_get_context_takes_what_the_theme_shells_pass(engine: str) -> None:
    build = importlib.import_module(f"{engine}.commands.build")
    parameters = list(inspect.signature(build.get_context).parameters)
    assert parameters[:4] == ["nav", "files", "config", "page"]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_build_keeps_the_page_being_rendered_in_the_config(engine: str) -> None:
    """render_theme_page does what the engine's own page build does around rendering a page."""
    defaults = importlib.import_module(f"{engine}.config.defaults")
    assert hasattr(defaults.MkDocsConfig(), "_current_page")
    build = inspect.getsource(importlib.import_module(f"{engine}.commands.build"))
    assert "config._current_page = page" in build and "config._current_page = None" in build


@pytest.mark.parametrize("engine", ENGINES)
def test_the_dev_server_rebuilds_on_request(engine: str, tmp_path: Path) -> None:
    livereload = importlib.import_module(f"{engine}.livereload")
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert request_rebuild(server) is True
        assert server._want_rebuild is True
    finally:
        server.server_close()
    assert request_rebuild(object()) is False  # a server without the flag: the caller builds at once


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_builds_count_warnings_on_the_logger_we_count(engine: str) -> None:
    """Under each engine, our counter listens where the engine's strict mode counts."""
    build = inspect.getsource(importlib.import_module(f"{engine}.commands.build"))
    assert f"logging.getLogger('{engine}').addHandler(warning_counter)" in build
    setup = "import properdocs.replacement; " if engine == "properdocs" else ""  # as `properdocs build` does
    probe = f"{setup}from generator.engines.mkdocs_compat import ENGINE_LOGGER; print(ENGINE_LOGGER)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    assert done.stdout.strip() == engine


def test_the_counter_counts_warnings_only() -> None:
    counter = WarningCounter().start()
    try:
        logging.getLogger(f"{ENGINE_LOGGER}.plugins.gradient").warning("counted")
        logging.getLogger(ENGINE_LOGGER).info("not counted")
    finally:
        counter.stop()
    assert counter.count == 1
