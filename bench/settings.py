"""Settings for the search benchmark: the development settings without DEBUG (which would
keep every one of the benchmark's SQL queries in memory) and with the database engine."""

from settings.dev import *  # noqa: F403

DEBUG = False
PORTAL_SEARCH_ENGINE = "database"
LOGGING["root"]["level"] = "ERROR"  # noqa: F405
for _logger in LOGGING["loggers"].values():  # noqa: F405
    _logger["level"] = "WARNING"
