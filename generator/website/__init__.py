"""The site, engine-neutral: which pages it has and what they show (pages, render, charts, citation), its exports
(JSON, CSV, BibTeX, feeds, embeds, release snapshots) and search, planned as one SitePlan.
"""
