"""The database engine, the default: the site's own database answers searches.

``engine.py`` holds what every database shares (tiers, re-ranking; ``facets.py`` the count
and the facets);
``dialect.py`` says what it asks of a database, and ``sqlite.py`` (FTS5) and ``postgres.py``
(tsvector + GIN) answer it. Its tables are ``search.models``.
"""
