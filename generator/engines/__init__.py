"""The engine adapters: the MkDocs plugin and what it relies on (theme shells, page pool, dev-server fast path,
staged publishing, the MkDocs compatibility module), and the generated docs tree for other engines.
"""
