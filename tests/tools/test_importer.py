"""`gradient import hf`: stored model cards (gated, Apache-2.0 with results, RAIL) become entries that validate,
every imported claim cites the card, and whatever needs a person is named field by field. No network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, EditFn

from generator.core.rules import licence_problem
from generator.core.vocab import vocabulary
from generator.tools.cli import main
from generator.tools.importer import HF_LICENCE_NAMES, HF_LICENCES, HUB, PIPELINE_MODALITIES, hf_licence

CARDS = FIXTURES / "model_cards"
GATED = ("gated-llama-style.md", "example-lab/aurora-chat-13b")
APACHE = ("apache-model-index.md", "open-collective/borealis-7b-instruct")
RAIL = ("rail-text-to-image.md", "cumulus-art/cumulus-diffusion-xl")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the Hub fails the test instead of going out."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def import_card(card: tuple[str, str], catalog: Path, *extra: str) -> int:
    name, model_id = card
    return int(main(["import", "hf", str(CARDS / name), "--model-id", model_id, "--catalog", str(catalog), *extra]))


def entry(catalog: Path, system_id: str) -> dict[str, Any]:
    data = yaml.safe_load((catalog / "systems" / f"{system_id}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def citations(value: object) -> list[list[str]]:
    """Every `sources: [...]` list of claims in an entry (not the sources list itself)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and all(isinstance(s, str) for s in item):
                found.append(item)
            else:
                found.extend(citations(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(citations(item))
    return found


@pytest.mark.parametrize(
    ("card", "extra"),
    [(GATED, []), (APACHE, []), (RAIL, ["--developer", "open-collective"])],
    ids=["gated", "apache", "rail"],
)
def test_imported_entry_validates_and_every_claim_cites_the_model_card(
    card: tuple[str, str], extra: list[str], catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_card(card, catalog, *extra) == 0
    assert "passes gradient validate" in capsys.readouterr().out
    assert main(["validate", str(catalog)]) == 0
    system_id = card[1].split("/")[1]
    data = entry(catalog, system_id)
    [source] = data["sources"]
    assert source["url"] == HUB + card[1] and source["kind"] == "model-card"
    claims = citations({k: v for k, v in data.items() if k != "sources"})
    assert len(claims) >= 4 and all(c == [source["id"]] for c in claims)
    assert data["parameters"] == "not-yet-recorded"
    text = (catalog / "systems" / f"{system_id}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/system.schema.json\n")


def test_gated_card_records_the_access_form_and_asks_how_requests_are_approved(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_card(GATED, catalog) == 0
    out = capsys.readouterr().out
    data = entry(catalog, "aurora-chat-13b")
    assert data["developers"] == ["example-lab"]
    weights = data["components"]["weights"]
    assert weights["status"] == "gated" and weights["license"] == "llama-2-community"
    assert data["placements"][0]["gating"] == "not-yet-recorded"
    eligibility = data["access"]["eligibility"]["value"]
    assert "First Name, Last Name, Date of birth, Country, Affiliation" in eligibility
    assert "  placements[0].gating: the card has a Hugging Face access form" in out
    assert "  base_models: the card names the base model meta-llama/Llama-2-13b-hf" in out


def test_open_card_imports_licence_languages_datasets_and_results(catalog: Path) -> None:
    assert import_card(APACHE, catalog) == 0
    data = entry(catalog, "borealis-7b-instruct")
    assert data["components"]["weights"]["license"] == "Apache-2.0"
    assert data["languages"] == ["en", "fr", "de", "es"]  # "multilingual" is not a language tag
    results = data["components"]["evaluation-results"]["note"]
    assert "AI2 Reasoning Challenge (25-Shot): normalized accuracy 61.35" in results
    assert "MMLU (5-Shot): accuracy 62.08" in results
    training = data["card"]["sections"]["training-data"]["text"]
    assert "open-collective/borealis-sft-mix, HuggingFaceH4/ultrafeedback_binarized" in training
    assert "training-data" not in data["components"]  # whether that is all the data is for a person to say


def test_base_model_becomes_a_catalog_id_when_an_entry_cites_its_hub_page(catalog: Path, edit: EditFn) -> None:
    edit("systems/aurora.yaml", "https://example.org/lab/aurora-card", "https://huggingface.co/example-lab/aurora-7b")
    assert import_card(APACHE, catalog) == 0
    assert entry(catalog, "borealis-7b-instruct")["base_models"] == ["aurora"]


def test_rail_card_records_the_licence_as_a_guardrail(catalog: Path) -> None:
    assert import_card(RAIL, catalog, "--developer", "open-collective") == 0
    data = entry(catalog, "cumulus-diffusion-xl")
    assert data["components"]["weights"]["license"] == "creativeml-openrail-plus-plus-m"
    assert data["modalities"] == {"input": ["text"], "output": ["image"]}
    assert data["languages"] == "not-yet-recorded"
    assert [g["type"] for g in data["guardrails"]] == ["documentation", "responsible-ai-licence"]


def test_unknown_developer_is_named_and_the_validator_says_where(
    catalog: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_card(RAIL, catalog) == 1
    out = capsys.readouterr().out
    assert "  developers[0]: the Hub account 'cumulus-art' is not a catalog organization" in out
    assert (
        "cumulus-diffusion-xl.yaml:" in out and "developers[0]: organization 'cumulus-art' is not in the catalog" in out
    )


def test_custom_licence_is_left_for_a_person_with_the_cards_name_and_link(
    catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = (CARDS / RAIL[0]).read_text(encoding="utf-8")
    custom = card.replace(
        "license: openrail++", "license: other\nlicense_name: cumulus-community-license\nlicense_link: LICENSE.md"
    )
    (tmp_path / "README.md").write_text(custom, encoding="utf-8")
    args = ["--model-id", RAIL[1], "--catalog", str(catalog), "--developer", "open-collective"]
    assert main(["import", "hf", str(tmp_path / "README.md"), *args]) == 0
    out = capsys.readouterr().out
    assert (
        "  components.weights.license: the card says `license: other` "
        "(license_name 'cumulus-community-license', license_link 'LICENSE.md')"
    ) in out
    assert "license" not in entry(catalog, "cumulus-diffusion-xl")["components"]["weights"]


def test_stdout_prints_the_entry_and_writes_nothing(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert import_card(APACHE, catalog, "--stdout", "--id", "borealis-instruct") == 0
    captured = capsys.readouterr()
    assert "id: borealis-instruct\n" in captured.out
    assert "Fields that need a human" in captured.err
    assert not (catalog / "systems" / "borealis-instruct.yaml").exists()


def test_usage_errors(catalog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "hf", str(CARDS / GATED[0]), "--catalog", str(catalog)]) == 2  # no --model-id
    assert main(["import", "hf", "not a model id", "--catalog", str(catalog)]) == 2
    assert import_card(GATED, catalog) == 0
    assert import_card(GATED, catalog) == 2  # never overwrites
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("hf_id", "ours"),
    [
        ("apache-2.0", "Apache-2.0"),
        ("mit", "MIT"),
        ("cc-by-nc-4.0", "CC-BY-NC-4.0"),
        ("llama3.1", "llama-3.1-community"),
        ("creativeml-openrail-m", "creativeml-openrail-m"),
        ("gemma", "gemma-terms"),
    ],
)
def test_hugging_face_licence_ids_map_to_ours(hf_id: str, ours: str) -> None:
    assert hf_licence(hf_id) == (ours, "")


def test_unknown_licences_are_not_guessed() -> None:
    assert hf_licence("unknown")[0] is None
    assert hf_licence("some-new-licence")[0] is None
    assert hf_licence("other", "my-own-licence")[0] is None


def test_every_mapping_target_is_a_licence_and_modality_we_accept() -> None:
    for target in [*HF_LICENCES.values(), *HF_LICENCE_NAMES.values()]:
        assert licence_problem(target) is None, target
    modalities = set(vocabulary("modalities").ids)
    for inputs, outputs in PIPELINE_MODALITIES.values():
        assert set(inputs) | set(outputs) <= modalities
