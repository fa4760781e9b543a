"""Kept for the importers that import it from here; the code lives in ``reading.normalize``."""

from reading.normalize import *  # noqa: F403
