"""The Elasticsearch engine: for sites that outgrow one database.

``index.py`` defines the index (elasticsearch-dsl mapping and analyzers), ``query.py`` the
request bodies (pure functions, tested offline), ``engine.py`` talks to the cluster.
"""
