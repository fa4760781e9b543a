"""Search engines behind one interface (``search.engines.base.SearchEngine``)."""
