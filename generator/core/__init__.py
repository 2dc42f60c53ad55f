"""The catalog core: read, check and model the catalog (load, schema, rules, validate, model, vocab, derive), and
the definitions every stage shares (paths, urls, dates, diagnostics).
"""
