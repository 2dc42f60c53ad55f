"""`gradient new`: a new entry with every field present and explained, valid as written."""

from __future__ import annotations

from generator.core.dates import build_date
from generator.core.vocab import vocabulary

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json"


# The usual route of a first placement at each level; the contributor corrects it when the source differs.
_FIRST_CHANNEL = {
    "fully-closed": "none",
    "staged": "research-program",
    "hosted": "web-app",
    "api": "api",
    "downloadable": "weights-hub",
    "fully-open": "weights-hub",
}


def _choices(name: str) -> str:
    return " | ".join(vocabulary(name).ids)


def system_entry(
    system_id: str,
    *,
    name: str = "",
    developer: str = "",
    date: str = "",
    level: str = "",
    source_url: str = "",
    source_title: str = "",
    source_publisher: str = "",
    source_published: str = "",
) -> str:
    """YAML text of a new system entry; placeholders are valid values so the file validates at once."""
    today = build_date().isoformat()
    name = name or system_id.replace("-", " ").title()
    developer = developer or "example-org"
    date = date or today
    level = level or "fully-closed"
    channel = _FIRST_CHANNEL.get(level, "web-app")
    # A level that means the weights can be downloaded says the weights were released; the same source states both.
    weights_downloadable = vocabulary("levels").index(level) >= vocabulary("levels").index("downloadable")
    weights_status = "released        " if weights_downloadable else "not-yet-recorded"
    weights_sources = "sources: [first-source]" if weights_downloadable else "# sources: [first-source]"
    published = f'    published: "{source_published}"\n' if source_published else ""
    return f"""{SCHEMA_LINE.format(kind="system")}
# A system entry. Every claim cites a source id from `sources` at the bottom.
# Unknown? Write not-yet-recorded. Withheld by the developer? Write not-disclosed (and cite where it says so).
id: {system_id}                 # = file name; never reused
name: {_quote(name)}
developers: [{developer}]        # organization ids (catalog/organizations/<id>.yaml)
announced: "{date}"             # "YYYY", "YYYY-MM" or "YYYY-MM-DD", quoted
modalities:
  input: [text]                 # {_choices("modalities")}
  output: [text]
parameters: not-yet-recorded    # or {{count: 7000000000, sources: [source-id]}} or not-disclosed
languages: not-yet-recorded     # or a list of BCP 47 tags: [en, fr]
summary: {_quote("One or two neutral sentences about " + name + ".")}
placements:                     # oldest first; `level` is the level after the event
  - date: "{date}"
    event: {"announcement" if level == "fully-closed" else "release"}          # {_choices("event-types")}
    level: {level}          # {_choices("levels")}
    channel: {channel}                 # {_choices("channels")}
    gating: not-yet-recorded    # {_choices("gating")} | not-yet-recorded
    pricing: not-yet-recorded   # {_choices("pricing")} | not-applicable | not-yet-recorded
    note: {_quote("What happened, in one sentence.")}
    sources: [first-source]
components:                     # {", ".join(vocabulary("components").ids)}
  weights:
    status: {weights_status}    # {_choices("component-statuses")}
    # license: Apache-2.0       # SPDX expression or a named licence: {", ".join(vocabulary("licences").ids[:6])}, ...
    # date: "YYYY-MM-DD"
    # url: https://...
    {weights_sources}
# access variables: {", ".join(vocabulary("access-variables").ids)}
access: {{}}                      # variable: {{value: "...", sources: [...]}}
guardrails: []                  # - {{type: ..., status: in-place, description: "...", sources: [...]}}
considerations: []              # - {{consideration: ..., note: "...", sources: [...]}}
card:
  developer_cards: []           # - {{title: "Model card", url: https://...}}
  sections: {{}}                  # {", ".join(vocabulary("card-sections").ids)}
sources:
  - id: first-source
    title: {_quote(source_title or "Title of the announcement, paper or model card")}
    url: {source_url or "https://example.org/replace-with-the-real-source"}
    publisher: {_quote(source_publisher or "Publisher")}
{published}    accessed: "{today}"           # the day you read it
    tier: primary                 # primary (developer's own page, card, licence, paper) | secondary (press)
    shows:                        # passages copied word for word (at most 300 characters each)
      - "Replace with the sentence of the source that supports the placement above."
review:
  last_reviewed: "{today}"
  status: active                # active (a source read shows it still offered) | unconfirmed | historical
"""


def organization_entry(org_id: str, *, name: str = "") -> str:
    """YAML text of a new organization entry."""
    name = name or org_id.replace("-", " ").title()
    return f"""{SCHEMA_LINE.format(kind="organization")}
id: {org_id}                    # = file name
name: {_quote(name)}
kind: startup                   # {_choices("organization-kinds")}
country: not-yet-recorded       # ISO 3166-1 alpha-2 code such as US, FR, CN
website: https://example.org/replace-with-the-real-website
summary: {_quote("One neutral sentence about " + name + ".")}
sources: []
"""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
