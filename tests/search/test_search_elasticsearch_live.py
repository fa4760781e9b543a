"""The search behaviour suite against a real Elasticsearch 8 cluster.

Runs when ``ELASTICSEARCH_URL`` is set (for example ``ELASTICSEARCH_URL=http://127.0.0.1:9200
make test``) and skips otherwise: no cluster can be installed on our machines. It collects
the very behaviour tests the database engine passes (tests/search/test_search.py and the hostile
input properties in tests/search/test_search_hostile.py) and runs them with
``PORTAL_SEARCH_ENGINE="elasticsearch"``, each test on its own throwaway index, plus the
checks only a live cluster can answer: that its analyzers fold like ``vntext.fold_tokens``.
"""

import os
import unicodedata
import uuid

import pytest

from search import service
from search.engines.elasticsearch.engine import ElasticsearchEngine
from tests.search import test_search, test_search_hostile
from vntext import fold_tokens

URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against"
    ),
]

# The shared behaviour tests and the fixtures they use, collected again in this module so
# they run under the autouse fixture below (pytest collects tests and fixtures by name).
SHARED_FIXTURES = ("corpus", "seeded")
for _module in (test_search, test_search_hostile):
    for _name in dir(_module):
        if _name.startswith("test_") or _name in SHARED_FIXTURES:
            globals()[_name] = getattr(_module, _name)


@pytest.fixture(autouse=True)
def elasticsearch_engine(settings):
    """The site on Elasticsearch, on an index of its own that is deleted afterwards."""
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = URL
    settings.PORTAL_SEARCH_INDEX_PREFIX = f"portal-test-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_REPLICAS = 0  # a one-node test cluster stays green
    service._engine.cache_clear()
    engine = service.get_engine()
    assert isinstance(engine, ElasticsearchEngine)
    yield engine
    engine.client.indices.delete(index=f"{engine.alias}*", ignore_unavailable=True)
    service._engine.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "Thủ tục NỘI BỘ, đơn giản hóa",
        unicodedata.normalize("NFD", "trực tuyến mức độ 3, 4 ủy ban Ứng Ổn"),
        "5436/UBND-VP ngày 16/5/2022; mã 1.004122",
        "hoà hòa thuỷ thủy Đà Nẵng_Huế",
    ],
)
def test_index_analyzer_folds_like_the_query_side(elasticsearch_engine, text):
    """The folded fields hold exactly the words ``fold_tokens`` gives the query."""
    elasticsearch_engine.clear()
    analyzed = elasticsearch_engine.client.indices.analyze(
        index=elasticsearch_engine.alias, analyzer="vi_folded", text=text
    )
    assert [token["token"] for token in analyzed["tokens"]] == fold_tokens(text)


def test_signer_normalizer_folds_a_whole_name(elasticsearch_engine):
    elasticsearch_engine.clear()
    analyzed = elasticsearch_engine.client.indices.analyze(
        index=elasticsearch_engine.alias, normalizer="vi_keyword", text="Nguyễn Thị Thu Hương"
    )
    assert [token["token"] for token in analyzed["tokens"]] == ["nguyen thi thu huong"]


def test_the_cluster_keeps_the_mapping_it_was_given(elasticsearch_engine):
    elasticsearch_engine.clear()
    mappings = elasticsearch_engine.client.indices.get_mapping(index=elasticsearch_engine.alias)
    (definition,) = mappings.body.values()
    assert definition["mappings"]["dynamic"] == "strict"
    assert definition["mappings"]["properties"]["suggest"]["type"] == "search_as_you_type"
