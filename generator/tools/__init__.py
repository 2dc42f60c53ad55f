"""The contributor and maintainer tools behind `gradient`: the command line, audit, import, scaffold and
interview, release, benchmark and its synthetic catalogs.
"""
