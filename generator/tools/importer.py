"""`gradient import hf`: draft a system entry from a Hugging Face model card's YAML metadata.

The card is parsed by `huggingface_hub`'s ModelCard / ModelCardData (the Hub's own parser). Only what
the metadata states is imported, and every imported claim cites the model card; everything else stays
`not-yet-recorded`. What only a person can decide (the announcement date, a licence the card calls
"other", a base model or developer missing from the catalog) is listed at the top of the file and
printed, field by field.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from huggingface_hub import ModelCard
from license_expression import ExpressionError, get_spdx_licensing

from generator.core.dates import build_date
from generator.core.diagnostics import format_diagnostics
from generator.core.load import MAX_FILE_BYTES, LoadError, load_file, parse
from generator.core.organization_names import catalog_organizations, suggest_organizations
from generator.core.rules import licence_problem
from generator.core.schema import schema_documents
from generator.core.validate import catalog_files, display_path, validate_paths
from generator.core.vocab import vocabulary
from generator.tools.scaffold import SCHEMA_LINE

HUB = "https://huggingface.co/"
_MODEL_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")

# Hugging Face licence ids (the Hub's `license:` choices) that are not SPDX ids, and our named licence for each.
# SPDX ids (apache-2.0, mit, cc-by-nc-4.0, ...) need no entry: they are matched against the SPDX list.
HF_LICENCES = {
    "openrail": "openrail",
    "bigscience-openrail-m": "openrail-m",
    "creativeml-openrail-m": "creativeml-openrail-m",
    "openrail++": "creativeml-openrail-plus-plus-m",
    "bigscience-bloom-rail-1.0": "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m": "bigcode-openrail-m",
    "llama2": "llama-2-community",
    "llama3": "llama-3-community",
    "llama3.1": "llama-3.1-community",
    "llama3.2": "llama-3.2-community",
    "llama3.3": "llama-3.3-community",
    "llama4": "llama-4-community",
    "gemma": "gemma-terms",
    "deepseek": "deepseek-model-license",
}

# Cards with `license: other` name their licence in `license_name`; the names we recognise.
HF_LICENCE_NAMES = {
    "flux-1-dev-non-commercial-license": "flux-1-dev-noncommercial",
    "stabilityai-ai-community": "stability-community-license",
    "stabilityai-community-license": "stability-community-license",
    "tongyi-qianwen": "qwen-license",
    "qwen": "qwen-license",
    "falcon-llm-license": "tii-falcon-license",
    "mrl": "mistral-research-license",
    "deepseek-license": "deepseek-model-license",
    "llama2": "llama-2-community",
    "llama3": "llama-3-community",
}

# The Hub's `pipeline_tag` -> (input, output) modalities.
PIPELINE_MODALITIES: dict[str, tuple[list[str], list[str]]] = {
    "text-generation": (["text"], ["text"]),
    "text2text-generation": (["text"], ["text"]),
    "summarization": (["text"], ["text"]),
    "translation": (["text"], ["text"]),
    "image-text-to-text": (["text", "image"], ["text"]),
    "image-to-text": (["image"], ["text"]),
    "visual-question-answering": (["text", "image"], ["text"]),
    "text-to-image": (["text"], ["image"]),
    "image-to-image": (["text", "image"], ["image"]),
    "text-to-video": (["text"], ["video"]),
    "image-to-video": (["image"], ["video"]),
    "text-to-speech": (["text"], ["speech"]),
    "text-to-audio": (["text"], ["audio"]),
    "automatic-speech-recognition": (["speech"], ["text"]),
    "text-to-3d": (["text"], ["3d"]),
}

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_MAX_RESULTS = 12


@dataclass(frozen=True)
class CardSource:
    """A parsed model card and where it lives on the Hub.

    `approval` is the repository's gating mode when the Hub said it ("auto", "manual" or "" for not
    gated), and None when unknown (a card read from a file)."""

    model_id: str
    card: ModelCard
    approval: str | None = None

    @property
    def url(self) -> str:
        """The model card's address: the citation for every imported claim."""
        return HUB + self.model_id

    @property
    def account(self) -> str:
        """The Hub account (user or organization) that publishes the model."""
        return self.model_id.split("/", 1)[0]

    @property
    def repo_name(self) -> str:
        """The model's name on the Hub."""
        return self.model_id.split("/", 1)[1]


@dataclass
class Draft:
    """A drafted entry and the fields a person still has to decide, as `field: what to do`."""

    system_id: str
    entry: dict[str, Any]
    needs_human: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    """A catalog id made from a Hub name: `Llama-2-7b_chat.HF` -> `llama-2-7b-chat-hf`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def _card_from_text(text: str, shown: str) -> ModelCard:
    """A model card from its README text, its front matter first read by the catalog's hardened loader:
    YAML aliases, tags, deep nesting and oversized metadata are refused before any other parser sees them
    (a 20-line card of nested aliases otherwise expands to gigabytes)."""
    match = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|\Z)", text, re.DOTALL)
    if match:
        try:
            parse(match.group(1), shown)
        except LoadError as exc:
            raise ValueError(f"the card's metadata cannot be read safely: {exc.diagnostic}") from None
    return ModelCard(text)


def load_card(target: str, model_id: str | None = None) -> CardSource:
    """Read a model card from a local README.md (which needs its `model_id` for the citation) or from
    the Hub by model id (network)."""
    path = Path(target)
    if path.is_file():
        if not model_id:
            raise ValueError(f"a local model card needs --model-id org/name, so that the entry can cite {HUB}org/name")
        if not _MODEL_ID.fullmatch(model_id):
            raise ValueError(
                f"--model-id {model_id!r} is not a Hugging Face model id; write org/name, e.g. openai/gpt-oss-20b"
            )
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(f"{path.name} is larger than {MAX_FILE_BYTES:,} bytes; a model card is far smaller")
        return CardSource(model_id, _card_from_text(path.read_text(encoding="utf-8", errors="replace"), path.name))
    if not _MODEL_ID.fullmatch(target):
        raise ValueError(f"{target!r} is neither a file nor a Hugging Face model id such as meta-llama/Llama-2-7b-hf")
    from huggingface_hub import HfApi, hf_hub_download

    readme = Path(hf_hub_download(target, "README.md"))
    card = _card_from_text(readme.read_text(encoding="utf-8", errors="replace"), f"{target} README.md")
    try:
        gated = HfApi().model_info(target).gated
    except Exception:  # the card is enough; the approval mode is then left for a person
        return CardSource(model_id or target, card)
    return CardSource(model_id or target, card, "" if gated is False else str(gated))


def hf_licence(license_id: object, license_name: object = None, license_link: object = None) -> tuple[str | None, str]:
    """Our licence id for the card's `license` (and `license_name` when it is "other"), or None and why."""
    if not isinstance(license_id, str) or license_id in ("", "unknown"):
        return None, "the card gives no licence; write the licence of the weights"
    if license_id == "other":
        if isinstance(license_name, str) and license_name in HF_LICENCE_NAMES:
            return HF_LICENCE_NAMES[license_name], ""
        return None, (
            f"the card says `license: other` (license_name {license_name!r}, license_link {license_link!r}); "
            "write an SPDX expression or a named licence from schema/vocabularies/licences.yaml (or add one there)"
        )
    if license_id in HF_LICENCES:
        return HF_LICENCES[license_id], ""
    try:
        spdx = str(get_spdx_licensing().parse(license_id))
    except ExpressionError:
        spdx = license_id
    if licence_problem(spdx) is None:
        return spdx, ""
    return None, f"the card's licence {license_id!r} is not an SPDX id or a licence we know; write the right id"


def _metadata(source: CardSource) -> dict[str, Any]:
    return dict(source.card.data.to_dict())  # type: ignore[no-untyped-call]  # huggingface_hub is untyped here


def _as_list(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return []


def _hub_urls(catalog: Path, kind: str) -> Iterator[tuple[str, str]]:
    """(id, string) for every string in every entry of one kind, to find Hub addresses cited there."""

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for found_kind, path in catalog_files(catalog):
        if found_kind != kind:
            continue
        try:
            data = load_file(path).data
        except LoadError:
            continue
        for text in strings(data):
            if text.startswith(HUB):
                yield path.stem, text


def _entry_citing(catalog: Path, kind: str, hub_path: str) -> str | None:
    """The id of the catalog entry that cites this Hub address (model id or account), if any."""
    wanted = (HUB + hub_path).lower()
    for entry_id, url in _hub_urls(catalog, kind):
        url = url.lower().rstrip("/")
        if url == wanted or url.startswith(wanted + "/"):
            return entry_id
    return None


def _results_text(results: list[Any]) -> str:
    lines = []
    for result in results[:_MAX_RESULTS]:
        dataset = result.dataset_name or result.dataset_type
        metric = result.metric_name or result.metric_type
        lines.append(f"{dataset}: {metric} {result.metric_value}")
    more = f"; and {len(results) - _MAX_RESULTS} more" if len(results) > _MAX_RESULTS else ""
    return "; ".join(lines) + more


def draft_entry(
    source: CardSource, catalog: Path, *, system_id: str | None = None, developer: str | None = None
) -> Draft:
    """The entry the card's metadata supports, every imported claim citing the card, and what needs a human."""
    meta = _metadata(source)
    cite = f"hf-{slug(source.model_id)}"[:80].strip("-")
    today = build_date().isoformat()
    human = [
        "announced: model card metadata has no date; write when the developer announced the system "
        "(and the same date, or the release date, in placements[0].date)",
        "summary: replace the draft sentence with one or two neutral sentences in your own words",
    ]
    licence = _licence(meta, human)
    has_form = any(key.startswith("extra_gated") for key in meta)
    gating, weights_status = _gating(source, has_form, human)
    languages = _languages(meta, human)
    bases = _as_list(meta.get("base_model"))
    base_ids = _base_model_ids(bases, catalog, human)
    results = list(getattr(source.card.data, "eval_results", None) or [])

    entry: dict[str, Any] = {
        "id": system_id or slug(source.repo_name),
        "name": source.repo_name,
        "developers": [developer or _developer(source, catalog, human)],
        "announced": today,
        "modalities": _modalities(meta, human),
        "parameters": "not-yet-recorded",
        "languages": languages or "not-yet-recorded",
        "summary": f"{source.repo_name}, a model published on Hugging Face by {source.account}.",
    }
    if base_ids:
        entry["base_models"] = base_ids
    entry["placements"] = [
        {
            "date": today,
            "event": "release",
            "level": "downloadable",
            "channel": "weights-hub",
            "gating": gating,
            "pricing": "not-yet-recorded",
            "note": f"Weights published on Hugging Face as {source.model_id}.",
            "sources": [cite],
        }
    ]
    weights: dict[str, Any] = {"status": weights_status, "license": licence, "url": source.url}
    notes = [f"Base model on the card: {', '.join(bases)}." if bases else ""]
    notes.append("Hugging Face shows an access form before download." if has_form else "")
    weights.update(note=" ".join(n for n in notes if n) or None, sources=[cite])
    entry["components"] = {"weights": {k: v for k, v in weights.items() if v}}
    if results:
        entry["components"]["evaluation-results"] = {
            "status": "released",
            "note": f"Reported in the model card's model-index: {_results_text(results)}."[:3000],
            "sources": [cite],
        }
    entry["components"]["model-card"] = {"status": "released", "url": source.url, "sources": [cite]}
    entry["access"] = _access(meta, languages, cite)
    entry["guardrails"] = _guardrails(licence, cite)
    entry["considerations"] = []
    entry["card"] = {
        "developer_cards": [{"title": f"{source.model_id} model card (Hugging Face)", "url": source.url}],
        "sections": _card_sections(meta, results, cite, human),
    }
    entry["sources"] = [
        {
            "id": cite,
            "title": f"{source.model_id} model card",
            "url": source.url,
            "publisher": f"Hugging Face / {source.account}",
            "accessed": today,
            "kind": "model-card",
            "tier": "primary",
            "shows": _card_passages(source),
        }
    ]
    entry["review"] = {"last_reviewed": today, "status": "active"}
    field_order = list(schema_documents()["system.schema.json"]["properties"])
    human.sort(key=lambda item: field_order.index(re.split(r"[.\[:]", item, maxsplit=1)[0]))
    return Draft(entry["id"], entry, human)


def _card_passages(source: CardSource) -> list[str]:
    """Lines of the card's metadata that the draft's claims rest on (licence, gating), copied as they stand;
    the first line of its text when the metadata has none. A person adds passages for anything else."""
    content = str(source.card.content)
    wanted = ("license:", "license_name:", "license_link:", "extra_gated_prompt:", "pipeline_tag:")
    lines = [" ".join(line.split()) for line in content.splitlines() if line.strip().startswith(wanted)]
    if not lines:
        body = str(source.card.text).strip().splitlines()
        lines = [" ".join(body[0].split())] if body else [f"Model card of {source.model_id}"]
    return [line[:300] for line in lines[:3]]


def _licence(meta: dict[str, Any], human: list[str]) -> str | None:
    licence, why = hf_licence(meta.get("license"), meta.get("license_name"), meta.get("license_link"))
    if licence is None:
        human.append(f"components.weights.license: {why}")
    return licence


def _modalities(meta: dict[str, Any], human: list[str]) -> dict[str, list[str]]:
    tag = meta.get("pipeline_tag")
    if isinstance(tag, str) and tag in PIPELINE_MODALITIES:
        inputs, outputs = PIPELINE_MODALITIES[tag]
        return {"input": inputs, "output": outputs}
    human.append(
        f"modalities: the card's pipeline_tag is {tag!r}; write the input and output modalities (text assumed)"
    )
    return {"input": ["text"], "output": ["text"]}


def _languages(meta: dict[str, Any], human: list[str]) -> list[str]:
    listed = _as_list(meta.get("language"))
    skipped = [lang for lang in listed if not _LANGUAGE.match(lang)]
    if skipped:
        human.append(f"languages: left out from the card's list, not BCP 47 tags: {', '.join(skipped)}")
    return [lang for lang in listed if _LANGUAGE.match(lang)]


def _base_model_ids(bases: list[str], catalog: Path, human: list[str]) -> list[str]:
    """Catalog ids of the card's base models: the systems whose entries cite the base model's Hub page."""
    found = []
    for base in bases:
        if base_id := _entry_citing(catalog, "systems", base):
            found.append(base_id)
        else:
            human.append(
                f"base_models: the card names the base model {base}, which no catalog entry cites; "
                f"add it first (gradient import hf {base}) and list its id"
            )
    return list(dict.fromkeys(found))


def _access(meta: dict[str, Any], languages: list[str], cite: str) -> dict[str, Any]:
    access: dict[str, Any] = {}
    if isinstance(form := meta.get("extra_gated_fields"), dict):
        access["eligibility"] = {"value": _access_form_text(form), "sources": [cite]}
    if languages:
        access["multilinguality"] = {
            "value": f"Languages listed on the model card: {', '.join(languages)}.",
            "sources": [cite],
        }
    return access


def _guardrails(licence: str | None, cite: str) -> list[dict[str, Any]]:
    """The card itself (documentation), and a use-restricting licence when the weights carry a RAIL licence."""
    guardrails: list[dict[str, Any]] = [
        {
            "type": "documentation",
            "status": "in-place",
            "description": "A model card on Hugging Face documents the model.",
            "sources": [cite],
        }
    ]
    licences = vocabulary("licences")
    if licence is not None and licence in licences and licences[licence].get("family") == "rail":
        guardrails.append(
            {
                "type": "responsible-ai-licence",
                "status": "in-place",
                "channels": ["weights-hub"],
                "description": f"Weights released under the {licences[licence].label} licence, which restricts uses.",
                "sources": [cite],
            }
        )
    return guardrails


def _card_sections(meta: dict[str, Any], results: list[Any], cite: str, human: list[str]) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    datasets = _as_list(meta.get("datasets"))
    if datasets:
        sections["training-data"] = {
            "text": f"The model card lists these datasets (Hugging Face ids): {', '.join(datasets)}.",
            "sources": [cite],
        }
        human.append(
            "components.training-data: the card lists datasets (see card.sections.training-data); "
            "record whether they are the whole training data and whether they are public"
        )
    if results:
        sections["quantitative-analyses"] = {
            "text": f"Results reported in the model card's model-index: {_results_text(results)}."[:3000],
            "sources": [cite],
        }
    return sections


def _access_form_text(form: dict[Any, Any]) -> str:
    """What the Hub's access form asks, from `extra_gated_fields` (label -> field type)."""
    asked = [str(label) for label, kind in form.items() if kind not in ("checkbox", "ip_location")]
    text = "The Hugging Face access form asks for: " + (", ".join(asked) or "no personal details")
    if any(kind == "checkbox" for kind in form.values()):
        text += "; the requester ticks a box to accept the terms"
    if any(kind == "ip_location" for kind in form.values()):
        text += "; the Hub records the requester's IP location"
    return text + "."


def _developer(source: CardSource, catalog: Path, human: list[str]) -> str:
    """The catalog organization behind the Hub account: same id, or an entry citing the account's page."""
    organizations = catalog_organizations(catalog)
    account_id = slug(source.account)
    if any(org.id == account_id for org in organizations):
        return account_id
    if cited := _entry_citing(catalog, "organizations", source.account):
        return cited
    close = suggest_organizations(source.account, organizations)
    hint = f"did you mean {' or '.join(o.id for o in close)}? " if close else ""
    human.append(
        f"developers[0]: the Hub account {source.account!r} is not a catalog organization; {hint}"
        f"rerun with --developer <id>, or add it with `gradient new organization {account_id}`"
    )
    return account_id


def _gating(source: CardSource, has_form: bool, human: list[str]) -> tuple[str, str]:
    """(placement gating, weights status) from the Hub's approval mode, when known."""
    if source.approval == "manual":
        return "gated", "gated"
    if source.approval == "auto" or source.approval == "":
        return "public", "released"
    if has_form:
        human.append(
            "placements[0].gating: the card has a Hugging Face access form; write gated (and weights status "
            "gated) if requests are approved by hand, or public (and weights status released) if anyone who "
            "fills it in gets the weights"
        )
        return "not-yet-recorded", "gated"
    human.append("placements[0].gating: write public, or gated if the repository asks for approval")
    return "not-yet-recorded", "released"


class _Dumper(yaml.SafeDumper):
    """Block style, except short lists of plain strings (`sources: [card]`), which read better inline."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    inline = all(isinstance(i, str) and len(i) < 40 for i in items) and len(items) < 8
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=inline)


_Dumper.add_representer(list, _represent_list)


def entry_text(draft: Draft, source: CardSource, command: str) -> str:
    """The YAML file: the schema line, how it was drafted, what needs a human, then the entry."""
    header = [SCHEMA_LINE.format(kind="system"), f"# Drafted by `{command}` from {source.url}."]
    header.append("# Every imported claim cites the model card. Check each against the card, then remove this comment.")
    if draft.needs_human:
        header.append("# Needs a human:")
        # A line break in card metadata must stay inside its comment line, never start a YAML key.
        header.extend(f"#   - {' '.join(item.split())}" for item in draft.needs_human)
    body = yaml.dump(draft.entry, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return "\n".join(header) + "\n" + body


def run_import(args: argparse.Namespace) -> int:
    """`gradient import hf <model id | README.md>`: write (or print) the draft, then validate it."""
    catalog = Path(args.catalog)
    try:
        source = load_card(args.target, getattr(args, "model_id", None))
    except ValueError as exc:
        print(f"gradient import: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the Hub client raises many kinds (network, 404, gated repository)
        print(f"gradient import: could not read the model card of {args.target}: {exc}", file=sys.stderr)
        return 1
    if args.id and not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", args.id):
        print(
            f"gradient import: {args.id!r} is not a valid id; use lower-case letters, digits and hyphens",
            file=sys.stderr,
        )
        return 2
    draft = draft_entry(source, catalog, system_id=args.id, developer=getattr(args, "developer", None))
    text = entry_text(draft, source, f"gradient import hf {source.model_id}")
    if args.stdout:
        print(text, end="")
        _print_needs_human(draft, sys.stderr)
        return 0
    target = catalog / "systems" / f"{draft.system_id}.yaml"
    if target.exists():
        print(
            f"gradient import: {display_path(target)} already exists; pass --id to choose another id", file=sys.stderr
        )
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {display_path(target)} from {source.url}")
    _print_needs_human(draft, sys.stdout)
    result = validate_paths([target])
    if result.diagnostics:
        print(format_diagnostics(result.diagnostics))
        print(f"{len(result.diagnostics)} error(s) to fix before `gradient validate` passes", file=sys.stderr)
        return 1
    print(f"ok: {display_path(target)} passes gradient validate")
    return 0


def _print_needs_human(draft: Draft, stream: Any) -> None:
    if draft.needs_human:
        print("Fields that need a human (also listed at the top of the file):", file=stream)
        for item in draft.needs_human:
            print(f"  {item}", file=stream)
