"""Search engines behind one interface (``search.engines.base.SearchEngine``), one folder
per engine: ``database/`` (SQLite, PostgreSQL) and ``elasticsearch/``."""
