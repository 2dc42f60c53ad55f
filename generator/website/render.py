"""One Jinja environment for every generated page: autoescape on, undefined names are errors,
only http(s) links ever become hrefs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.core import urls
from generator.core.jsontext import jinja_dumps
from generator.core.paths import TEMPLATE_DIR
from generator.core.vocab import DATA_STATES, vocabularies, vocabulary

_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$")


_STATE_ID = re.compile(r"\b(" + "|".join(re.escape(state) for state in sorted(DATA_STATES)) + r")\b")


def code_states(text: str) -> Markup:
    """Text with each data-state id in it (a value contributors write, such as not-yet-recorded) set as code,
    so that a reader sees it as something to type, not as a stray hyphenated word."""
    return Markup(_STATE_ID.sub(r"<code>\1</code>", str(escape(text))))


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) without characters that could break out of an attribute; else None."""
    return url if url and _SAFE_URL.match(url) else None


def host(url: str) -> str:
    """The host of a URL without "www.", as a short link text: "github.com"."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


_ANCHOR_START = re.compile(r"<a\s[^>]*?https?:[^>]*>", re.IGNORECASE)
"""An opening <a> tag that mentions http(s) somewhere: only those can link to another site (`_harden_anchor`
checks the href). Internal links, most of a large listing page's tags, never reach Python."""
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_REL = re.compile(r"""\srel\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_EXTERNAL_REL = ' rel="noopener noreferrer"'


def _harden_anchor(match: re.Match[str]) -> str:
    tag = match.group()
    href = _HREF.search(tag)
    target = next((g for g in href.groups() if g is not None), "") if href else ""
    if not re.match(r"https?://", target.strip(), re.IGNORECASE):
        return tag
    if _REL.search(tag):
        return _REL.sub(_EXTERNAL_REL, tag, count=1)
    return tag[:-1] + _EXTERNAL_REL + ">"


def harden_links(html: str) -> str:
    """Give every link to another site rel="noopener noreferrer", whoever wrote it (our templates, the
    theme, Markdown pages): the target page gets no handle on ours and learns nothing of where the reader
    came from."""
    return _ANCHOR_START.sub(_harden_anchor, html)


_KEEP_SPACE = re.compile(r"(<(pre|code|textarea)\b.*?</\2>)", re.IGNORECASE | re.DOTALL)
_SPACE = " \t\r\f\v"
"""White space other than the line break, as HTML counts it (not the no-break space, which is content)."""


def _collapse_line_breaks(text: str) -> str:
    """Every run of white space holding a line break, as one line break. By lines, not by a regular
    expression: a pattern that may start with white space is tried at every character (0.85 ms for a
    system page, against 0.1 ms this way)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    middle = (line.strip(_SPACE) for line in lines[1:-1])
    return "\n".join([lines[0].rstrip(_SPACE), *(line for line in middle if line), lines[-1].lstrip(_SPACE)])


def compact_html(html: str) -> str:
    """Collapse every run of white space that holds a line break into one line break, outside <pre>,
    <code> (Material shows code's white space as written) and <textarea>. Templates indent for their
    readers; a browser treats any other such run as one space, so the page looks the same and weighs
    about a tenth less."""
    parts = _KEEP_SPACE.split(html)  # [text, kept element, its tag name, text, ...]
    out = [_collapse_line_breaks(parts[0])]
    for i in range(1, len(parts), 3):
        out += [parts[i], _collapse_line_breaks(parts[i + 2])]
    return "".join(out)


def format_count(count: int | None) -> str:
    """1500000000 -> "1.5B"."""
    if count is None:
        return ""
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if count >= size:
            return f"{count / size:.3g}{suffix}"
    return str(count)


@dataclass(frozen=True)
class Page:
    """A generated page: its URL, title, template and the context it is rendered with."""

    url: str
    title: str
    template: str
    context: dict[str, Any]
    description: str = ""
    meta: dict[str, Any] | None = None
    shell_slug: str | None = None
    """Set on the pages every system has (generator/engines/shell.py): the URL segment that names the page (the
    system id). Such pages are filled into a theme shell rendered once; the others go through MkDocs."""


def country_name(code: str) -> str:
    """An ISO 3166 code as its English name ("CN" -> "China"); a data state as its reading ("country not
    yet recorded"), never the raw id."""
    if code in DATA_STATES:
        return "country " + vocabulary("data-states")[code].label.lower()
    return str(Locale("en").territories.get(code, code))


def paper_citation(citation: str) -> Markup:
    """A vocabulary citation ("solaiman-2023 §5.3.2") as readers cite it: the work's short name linked to
    it, then the section ("Solaiman (2023), §5.3.2"). An unknown work is shown as written."""
    work_id, _, section = citation.partition(" ")
    references = vocabulary("references")
    if work_id not in references:
        return Markup(escape(citation))
    work = references[work_id]
    name = escape(work.get("short", work.label))
    link = Markup(f'<a href="{escape(work.get("url"))}">{name}</a>') if safe_url(work.get("url")) else name
    return link + (Markup(", ") + escape(section) if section else Markup(""))


def make_environment(template_dir: Path = TEMPLATE_DIR) -> Environment:
    """The Jinja environment shared by all pages (compiled templates are cached by Jinja)."""
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # a new environment per build, so no file is ever stale; saves a stat() per include
    )
    env.policies["json.dumps_function"] = jinja_dumps
    env.filters["safe_url"] = safe_url
    env.filters["code_states"] = code_states
    env.filters["count"] = format_count
    env.filters["host"] = host
    env.filters["country"] = country_name
    env.filters["paper"] = paper_citation
    env.globals["urls"] = urls
    env.globals["vocab"] = vocabularies()
    env.globals["DATA_STATES"] = DATA_STATES
    return env


class Renderer:
    """Renders pages to HTML fragments that MkDocs places inside the Material theme."""

    def __init__(self, site: dict[str, Any], template_dir: Path = TEMPLATE_DIR) -> None:
        self.env = make_environment(template_dir)
        self.site = site
        self._titled: dict[str, bool] = {}

    def has_title(self, page: Page) -> bool:
        """Whether the page's own template writes an <h1> (then the theme adds no title of its own)."""
        if page.template not in self._titled:
            source, _, _ = self.env.loader.get_source(self.env, page.template)  # type: ignore[union-attr]
            self._titled[page.template] = "<h1" in source
        return self._titled[page.template]

    def render(self, page: Page) -> str:
        """HTML for one page."""
        template = self.env.get_template(page.template)
        return template.render(page=page, base=urls.base_for(page.url), site=self.site, **page.context)

    def render_finished(self, page: Page) -> str:
        """A page's HTML as it is published outside a theme: links to other sites hardened, white space compacted."""
        return compact_html(harden_links(self.render(page)))
