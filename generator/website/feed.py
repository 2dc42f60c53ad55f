"""The Atom feed of release events (/changes/feed.xml), written with feedgen.

Deterministic: entry ids and dates come from the catalog, and the feed's `updated` is the newest event,
so the same catalog always yields the same bytes.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from generator.core import urls
from generator.core.derive import CatalogIndex
from generator.website.site import SiteInfo

FEED_SIZE = 100


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)


def atom_feed(index: CatalogIndex, site: SiteInfo) -> str:
    """The newest release events as Atom XML."""
    feed = FeedGenerator()
    feed.id(site.absolute(urls.CHANGES))
    feed.title(f"{site.name}: release changes")
    feed.subtitle("Dated release events of generative AI systems in the catalog.")
    feed.link(href=site.absolute(urls.FEED), rel="self")
    feed.link(href=site.absolute(urls.CHANGES), rel="alternate")
    feed.language("en")
    feed.generator("Gradient")
    changes = index.changes[:FEED_SIZE]
    newest = changes[0].date.as_date() if changes else site.built.as_date()
    feed.updated(_moment(newest))
    for change in reversed(changes):  # feedgen prepends, so add oldest first
        placement = change.placement
        entry = feed.add_entry()
        entry.id(f"{site.absolute(urls.system(change.system.id))}#{placement.date.iso()}-{placement.event.id}")
        entry.title(f"{change.system.name}: {placement.event.label.lower()} ({placement.level.label})")
        entry.link(href=site.absolute(urls.system(change.system.id)) + "#timeline")
        entry.updated(_moment(placement.date.as_date()))
        entry.summary(placement.note or f"{placement.event.label} via {placement.channel.label.lower()}.")
    return str(feed.atom_str(pretty=True).decode("utf-8"))
