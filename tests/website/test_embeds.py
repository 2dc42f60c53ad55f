"""Embeds: a system's access card and each timeline chart as standalone pages for another site's iframe,
read from the built three-system fixture site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

TIMELINE_CHARTS = ("levels-over-time", "openness-by-organization-kind", "language-model-sizes")


def _read(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_the_access_card_embed_stands_alone_and_points_back_to_the_full_page(fixture_site: Path) -> None:
    embed = _read(fixture_site, "systems/aurora/embed.html")
    assert embed.find(class_="md-header") is None and embed.find("script") is None  # no theme, no script
    assert embed.select_one("section.gr-access-card [data-level-now]").get_text() == "Downloadable"
    assert embed.find("link", rel="canonical")["href"].endswith("/systems/aurora/")
    assert embed.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert embed.find("base")["target"] == "_blank"  # a link never navigates inside the host's frame
    footnotes = [a["href"] for a in embed.select("a.gr-ref")]
    assert footnotes and all(href.startswith("./#source-") for href in footnotes)
    assert embed.select_one(".gr-embed__footer .gr-data-version").get_text().strip()
    assert [link["href"] for link in embed.find_all("link", rel="stylesheet")] == [
        "../../assets/gradient.css",
        "../../assets/embed.css",
    ]


def test_the_system_page_offers_the_snippet_that_embeds_its_card(fixture_site: Path) -> None:
    system = _read(fixture_site, "systems/aurora/index.html")
    snippet = BeautifulSoup(system.select_one(".gr-embed-snippet code").get_text(), "html.parser").iframe
    assert snippet["src"].endswith("/systems/aurora/embed.html")
    assert snippet["title"] == "Aurora: access card (Gradient)"
    assert system.select_one(".gr-embed-snippet")["data-pagefind-ignore"] == "all"


def test_every_timeline_chart_has_an_embed_page_and_a_snippet(fixture_site: Path) -> None:
    timeline = _read(fixture_site, "timeline/index.html")
    sources = [
        BeautifulSoup(code.get_text(), "html.parser").iframe["src"]
        for code in timeline.select(".gr-embed-snippet code")
    ]
    assert [src.rsplit("/", 1)[1] for src in sources] == [f"{chart}.html" for chart in TIMELINE_CHARTS]
    for chart in TIMELINE_CHARTS:
        embed = _read(fixture_site, f"timeline/{chart}.html")
        assert embed.find("svg") is not None
        assert embed.find("link", rel="canonical")["href"].endswith(f"/timeline/#chart-{chart}")
        assert (fixture_site / "timeline" / str(embed.find("a", string="CSV")["href"])).is_file()
