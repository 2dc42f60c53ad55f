"""`gradient new system <id>` in a terminal: ask for the few facts every entry starts with.

Each answer is checked as it is typed, against the same schema patterns, vocabularies and catalog the
validator uses, so the file written at the end passes `gradient validate`. Anything not asked is left
as a valid placeholder or `not-yet-recorded` by `scaffold.system_entry`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.core.dates import PartialDate, build_date
from generator.core.organization_names import Organization, catalog_organizations, suggest_organizations
from generator.core.schema import schema_documents
from generator.core.vocab import vocabulary

Ask = Callable[[str], str]
Say = Callable[[str], None]


def _pattern(definition: str) -> re.Pattern[str]:
    return re.compile(schema_documents()["common.schema.json"]["$defs"][definition]["pattern"])


class Questions:
    """One interview: asks until each answer is valid; Ctrl-D or Ctrl-C stops without writing anything."""

    def __init__(self, ask: Ask = input, say: Say = print) -> None:
        self._ask = ask
        self.say = say

    def ask(self, prompt: str, default: str = "") -> str:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        try:
            answer = self._ask(shown).strip()
        except EOFError:
            raise KeyboardInterrupt from None
        return answer or default

    def text(self, prompt: str, default: str = "") -> str:
        while True:
            if answer := self.ask(prompt, default):
                return answer
            self.say("  an answer is needed here")

    def date(self, prompt: str, default: str = "", *, optional: bool = False) -> str:
        while True:
            answer = self.ask(prompt, default)
            if not answer and optional:
                return ""
            if problem := date_problem(answer):
                self.say(f"  {problem}")
                continue
            return answer

    def url(self, prompt: str) -> str:
        while True:
            answer = self.ask(prompt)
            if _pattern("url").match(answer):
                return answer
            self.say("  write a full http:// or https:// address without spaces or quotes")

    def choice(self, prompt: str, options: list[tuple[str, str]], default: str) -> str:
        for number, (option_id, label) in enumerate(options, 1):
            self.say(f"  {number}. {option_id:<14} {label}")
        ids = [option_id for option_id, _ in options]
        while True:
            answer = self.ask(prompt, default)
            if answer.isdigit() and 1 <= int(answer) <= len(ids):
                return ids[int(answer) - 1]
            if answer in ids:
                return answer
            self.say(f"  type a number from 1 to {len(ids)} or one of: {', '.join(ids)}")

    def developers(self, organizations: list[Organization]) -> str:
        known = {org.id for org in organizations}
        while True:
            answer = self.text("Developer (organization id; several separated by commas)")
            ids = [part.strip() for part in answer.split(",") if part.strip()]
            unknown = [org_id for org_id in ids if org_id not in known]
            if not unknown:
                return ", ".join(ids)
            if not organizations:
                self.say("  this catalog has no organizations yet; add one first: gradient new organization <id>")
                raise KeyboardInterrupt
            for org_id in unknown:
                close = suggest_organizations(org_id, organizations)
                hint = "did you mean: " + ", ".join(f"{o.id} ({o.name})" for o in close) if close else "no close match"
                self.say(f"  {org_id!r} is not in the catalog; {hint}")
            self.say("  (a new developer needs its own file first: gradient new organization <id>)")


def date_problem(text: str) -> str | None:
    """None when `text` is a real, quoted-form catalog date that is not in the future; else what is wrong."""
    if not _pattern("date").match(text):
        return 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD", e.g. 2019-02-14'
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return f"{text} is not a real date; check the day and month"
    if date.as_date() > build_date():
        return f"{text} is in the future; record events once they have happened"
    return None


def ask_system_fields(system_id: str, catalog: Path, *, ask: Ask = input, say: Say = print) -> dict[str, str]:
    """Ask for name, developer, announcement date, level and the first source; return `scaffold.system_entry`'s
    keyword arguments."""
    questions = Questions(ask, say)
    say(f"New system {system_id}: a few questions (Enter accepts [the default], Ctrl-C stops without writing).")
    name = questions.text("Name", system_id.replace("-", " ").title())
    developer = questions.developers(catalog_organizations(catalog))
    date = questions.date("Announced (YYYY, YYYY-MM or YYYY-MM-DD)", build_date().isoformat())
    levels = [(term.id, term.label) for term in vocabulary("levels").terms]
    say("Release level at announcement:")
    level = questions.choice("Level (number or id)", levels, "fully-closed")
    say("First source (the announcement, paper or model card that states these facts):")
    return {
        "name": name,
        "developer": developer,
        "date": date,
        "level": level,
        "source_url": questions.url("  URL"),
        "source_title": questions.text("  Title"),
        "source_publisher": questions.text("  Publisher"),
        "source_published": questions.date("  Published (YYYY-MM-DD, Enter if unknown)", optional=True),
    }
