"""The ``insomnia-factors`` command (also ``python -m insomnia_factors``).

An adapter at the edge: it reads documents and files, calls the library, and writes
reports (:mod:`._report`), cohort results (:mod:`._batch`) and charts (:mod:`._chart`).
Exit status: 0 on success, 2 on bad input with one line on stderr naming the field.
"""

from insomnia_factors.cli._main import main

__all__ = ["main"]
