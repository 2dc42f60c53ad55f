"""Keep Python's cyclic garbage collector away from a catalog's objects while they are being made.

Loading, validating and modelling a catalog makes millions of objects that live until the build ends; almost
none of them is garbage. The collector nevertheless walks every live object each time the long-lived ones
grow by a quarter, so at 10,000 systems it spent a third of validation and half of derivation walking them
(benchmarks/RESULTS.md). Reference counting still frees everything that is not in a cycle meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore it as it was (also on an error)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_survivors() -> None:
    """Move every object alive now out of the collector's reach (`gc.freeze`): the build's model and pages,
    which later page renders would otherwise make it walk again and again. `thaw` undoes it."""
    gc.freeze()


def thaw() -> None:
    """Give frozen objects back to the collector: a process that builds again (`mkdocs serve`) must be able
    to free the previous build's."""
    gc.unfreeze()
