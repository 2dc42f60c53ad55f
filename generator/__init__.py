"""Gradient: a catalog of how generative AI systems are released, and the site generator for it.

The pipeline runs one way: load -> validate -> model -> derive -> render -> export.
"""

__version__ = "0.1.0"
