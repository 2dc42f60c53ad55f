"""The GitHub Actions workflows: lint-clean, pinned, and the pull-request validate step really annotates errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import PROJECT_ROOT, EditFn

WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
VENV_BIN = Path(sys.executable).parent
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def actionlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the pinned actionlint with the pinned shellcheck, so `run:` scripts are checked the same everywhere."""
    binary = shutil.which("actionlint", path=str(VENV_BIN)) or shutil.which("actionlint")
    shellcheck = shutil.which("shellcheck", path=str(VENV_BIN)) or shutil.which("shellcheck")
    assert binary and shellcheck, "actionlint and shellcheck come with the test dependencies (requirements.lock)"
    return subprocess.run(
        [binary, "-no-color", "-shellcheck", shellcheck, "-pyflakes=", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_workflows_pass_actionlint() -> None:
    done = actionlint(cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == ["deploy.yml", "pull-request.yml"]


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
        encoding="utf-8",
    )
    done = actionlint(str(broken), cwd=tmp_path)
    assert done.returncode == 1
    assert "broken.yml:6:" in done.stdout


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for uses in re.findall(r"uses: (\S+)", text):
            assert PINNED_ACTION.match(uses), f"{path.name}: {uses} is not pinned to a commit SHA"
        assert len(re.findall(r"uses: \S+ # v\d", text)) == text.count("uses: "), f"{path.name}: missing tag comment"


def test_pull_request_validate_step_prints_an_annotation_for_each_error(catalog: Path, edit: EditFn) -> None:
    [command] = [s["run"] for s in steps(workflow("pull-request.yml")) if "gradient validate" in s.get("run", "")]
    edit("systems/aurora.yaml", "level: downloadable", "level: open")
    edit("systems/cirrus.yaml", "status: withheld", "status: secret")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, cwd=catalog.parent, env=env, timeout=120
    )
    assert done.returncode == 1
    annotations = done.stdout.splitlines()
    assert len(annotations) == 2
    assert annotations[0].startswith("::error file=catalog/systems/aurora.yaml,line=26,col=12,title=gradient schema::")
    assert annotations[1].startswith("::error file=catalog/systems/cirrus.yaml,line=")
    assert "'secret'" in annotations[1]


def test_pull_request_runs_the_full_test_suite_on_debian_and_uploads_the_site() -> None:
    jobs = workflow("pull-request.yml")["jobs"]
    assert jobs["test"]["container"].endswith("-bookworm")
    assert [s["run"] for s in jobs["test"]["steps"] if "run" in s] == ["bash .ci/run"]
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    site_steps = jobs["site"]["steps"]
    assert any(s.get("run") == "make build" for s in site_steps)
    [upload] = [s for s in site_steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "site/"


def test_main_branch_deploys_the_built_site_to_pages() -> None:
    data = workflow("deploy.yml")
    assert data[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    [upload] = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
