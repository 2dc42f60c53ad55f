"""`mkdocs serve` survives an invalid edit: a real serve process on localhost reports the error, keeps
serving the last good site, and picks up the fix."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import EditFn
from test_integrity import write_mkdocs_config

WAIT_SECONDS = 180  # generous: a slow CI machine rebuilds in seconds, this only bounds a hang


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.25)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


class Server:
    """A running `mkdocs serve` and its log."""

    def __init__(self, process: subprocess.Popen[bytes], base: str, log: Path) -> None:
        self.process, self.base, self.log_file = process, base, log

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def page(self, url: str) -> tuple[int, str]:
        return fetch(self.base + url)


def start_server(config: Path, tmp_path: Path, attempt: int) -> tuple[subprocess.Popen[bytes], str, Path]:
    """`mkdocs serve` on a port that was free a moment ago; the caller retries if another process took it."""
    port = free_port()
    log = tmp_path / f"serve-{attempt}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    return process, f"http://127.0.0.1:{port}/gradient/", log


@pytest.fixture
def server(catalog: Path, tmp_path: Path) -> Iterator[Server]:
    config = write_mkdocs_config(tmp_path, catalog)
    for attempt in range(3):  # free_port() can race with another process taking the port before mkdocs binds it
        process, base, log = start_server(config, tmp_path, attempt)
        running = Server(process, base, log)

        def built_or_stopped(s: Server = running) -> bool:
            return s.page("systems/aurora/")[0] == 200 or s.process.poll() is not None

        wait_for(built_or_stopped, "the first build")
        if process.poll() is None or "Address already in use" not in running.log():
            break
    try:
        assert process.poll() is None, running.log()
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_keeps_the_last_good_site_through_an_invalid_edit(server: Server, edit: EditFn) -> None:
    status, html = server.page("systems/aurora/")
    assert status == 200 and '<h1 id="top">Aurora</h1>' in html

    edit("systems/aurora.yaml", "name: Aurora", "name: Aurora Broken\nnmae: typo")
    wait_for(lambda: "unknown field 'nmae'" in server.log(), "the error report")
    assert "systems/aurora.yaml:" in server.log()
    status, html = server.page("systems/aurora/")
    assert status == 200 and '<h1 id="top">Aurora</h1>' in html and "Aurora Broken" not in html
    assert server.process.poll() is None

    edit("systems/aurora.yaml", "name: Aurora Broken\nnmae: typo", "name: Aurora Fixed")
    wait_for(lambda: '<h1 id="top">Aurora Fixed</h1>' in server.page("systems/aurora/")[1], "the rebuild after the fix")
    assert "Traceback" not in server.log()


def test_an_edit_to_a_system_file_is_served_before_the_full_rebuild(server: Server, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "name: Aurora", "name: Aurora Edited")
    wait_for(lambda: '<h1 id="top">Aurora Edited</h1>' in server.page("systems/aurora/")[1], "the edited page")
    assert "rewrote the pages of aurora; rebuilding the rest of the site" in server.log()
    assert "Aurora Edited" in server.page("systems/aurora/card/")[1]
    # the full build follows and brings the listings and exports up to date
    wait_for(lambda: "Aurora Edited" in server.page("systems/")[1], "the systems table after the full build")
    wait_for(lambda: "Aurora Edited" in server.page("systems/aurora.json")[1], "the JSON twin after the full build")


def test_an_edit_breaking_a_catalog_rule_is_not_served(server: Server, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "name: Aurora", "name: =Aurora")
    wait_for(lambda: "spreadsheet-safe-names" in server.log() or "formula" in server.log(), "the rule's error")
    assert "rewrote the pages of" not in server.log()
    assert '<h1 id="top">Aurora</h1>' in server.page("systems/aurora/")[1]


def test_a_failed_full_build_takes_back_the_pages_written_ahead_of_it(
    catalog: Path, edit: EditFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit passes every check and its pages are served at once; a second change lands before the full
    build and makes that build fail: the served site must go back to the last good build as a whole, not
    keep the new page beside the old JSON twin and systems table."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.livereload import LiveReloadServer

    from generator.engines import incremental

    monkeypatch.chdir(tmp_path)
    config = load_config(str(write_mkdocs_config(tmp_path, catalog)))
    build(config)
    site = Path(config.site_dir)
    page = site / "systems/aurora/index.html"
    before = page.read_bytes()
    assert incremental._last is not None

    def full_build() -> None:
        build(load_config(str(tmp_path / "mkdocs.yml")))

    server = LiveReloadServer(full_build, "127.0.0.1", 0, str(site))
    try:
        rebuild = incremental.serve_edits_first(full_build, server)
        edit("systems/aurora.yaml", "name: Aurora", "name: Aurora Edited")
        rebuild()  # the quick refresh: the edited page is served, the full build is owed
        assert b"Aurora Edited" in page.read_bytes()
        edit("organizations/example-lab.yaml", "name:", "nmae:")  # lands before the full build runs
        with pytest.raises((Abort, BuildError)):
            rebuild()
        assert page.read_bytes() == before
        assert "Aurora Edited" not in (site / "systems/aurora.json").read_text(encoding="utf-8")
    finally:
        server.server_close()
        incremental.remember(None)
