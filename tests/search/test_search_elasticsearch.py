"""The Elasticsearch engine offline: the exact index definition, the exact request bodies for
each kind of query, and the bulk actions for real pages. No cluster and no client: these are
the dicts elasticsearch-dsl builds and the client would send."""

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.documents import document_for
from search.engines.elasticsearch.index import (
    COMBINING_MARKS,
    PageDocument,
    alias_name,
    delete_action,
    index_action,
    new_index_name,
    page_index,
    source_for,
)
from search.engines.elasticsearch.query import build_search, build_suggest, main_query, page_window
from search.query import understand
from tests.factories import make_agency, make_directive, make_news

FIELDS = ["title^4", "number^3", "summary^2", "signer^2", "issuer_name", "body"]
FOLDED = {"type": "text", "analyzer": "vi_folded"}
WITH_EXACT = {**FOLDED, "fields": {"exact": {"type": "text", "analyzer": "vi_exact"}}}


def word(text):
    return {"multi_match": {"query": text, "fields": FIELDS, "tie_breaker": 0.2}}


def phrase(text):
    return {"multi_match": {"query": text, "fields": FIELDS, "type": "phrase"}}


def only_text(*must, should=()):
    text = {"bool": {"must": list(must), "_name": "text"}}
    if should:
        text["bool"]["should"] = list(should)
    return {"bool": {"must": [{"dis_max": {"queries": [text]}}]}}


# The index.


def test_index_definition_is_exact():
    """Settings, analysis and mappings, as sent when the index is created."""
    assert page_index("portal-pages-1").to_dict() == {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 1,
            "max_result_window": 10_000,
            "analysis": {
                "char_filter": {
                    "vi_folding": {
                        "type": "mapping",
                        "mappings": [
                            "đ=>d",
                            "Đ=>D",
                            "\\u0300=>",
                            "\\u0301=>",
                            "\\u0302=>",
                            "\\u0303=>",
                            "\\u0306=>",
                            "\\u0309=>",
                            "\\u031B=>",
                            "\\u0323=>",
                        ],
                    }
                },
                "tokenizer": {"vi_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{M}\\p{N}]+"}},
                "analyzer": {
                    "vi_folded": {
                        "type": "custom",
                        "tokenizer": "vi_words",
                        "char_filter": ["vi_folding"],
                        "filter": ["lowercase", "asciifolding"],
                    },
                    "vi_exact": {
                        "type": "custom",
                        "tokenizer": "vi_words",
                        "filter": ["lowercase"],
                    },
                },
                "normalizer": {
                    "vi_keyword": {
                        "type": "custom",
                        "char_filter": ["vi_folding"],
                        "filter": ["lowercase", "asciifolding"],
                    }
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "page_id": {"type": "long"},
                "kind": {"type": "keyword"},
                "title": WITH_EXACT,
                "url": {"type": "keyword", "index": False},
                "number": FOLDED,
                "number_key": {"type": "keyword"},
                "doc_type": {"type": "keyword"},
                "doc_type_label": {"type": "keyword", "index": False},
                "issuer_id": {"type": "long"},
                "issuer_name": {**FOLDED, "fields": {"keyword": {"type": "keyword"}}},
                "issued_on": {"type": "date"},
                "year": {"type": "integer"},
                "signer": {
                    **FOLDED,
                    "fields": {
                        "keyword": {"type": "keyword"},
                        "folded": {"type": "keyword", "normalizer": "vi_keyword"},
                    },
                },
                "summary": WITH_EXACT,
                "body": WITH_EXACT,
                "cites": {"type": "keyword"},
                "suggest": {"type": "search_as_you_type", "analyzer": "vi_folded"},
            },
        },
    }


def test_folding_drops_every_vietnamese_combining_mark():
    """Decomposed text from PDFs folds too: every mark Vietnamese letters decompose into is
    mapped away by the char filter (asciifolding only knows precomposed letters)."""
    letters = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    marks = {
        f"{ord(ch):04X}"
        for ch in unicodedata.normalize("NFD", letters + letters.upper())
        if unicodedata.combining(ch)
    }
    assert marks == set(COMBINING_MARKS)


def test_index_names_are_an_alias_and_dated_indexes():
    assert alias_name("portal") == "portal-pages"
    assert new_index_name("portal").startswith("portal-pages-2")
    assert new_index_name("portal") != new_index_name("portal")


# Request bodies.


def body(raw="", **filters):
    return json.loads(
        json.dumps(build_search(understand(raw, **filters), "portal-pages").to_dict())
    )


def test_rare_word_is_a_match_on_every_text_field():
    assert body("VNeID")["query"] == only_text(word("vneid"))


def test_words_must_all_match_and_score_more_together_and_accented():
    """Unaccented words are all required; typed side by side they earn a phrase bonus in the
    title, summary and signer, and a smaller one with a little slop; accents typed earn a
    bonus on the accent-keeping sub-fields."""
    assert body("thủ tục nội bộ")["query"] == only_text(
        word("thu"),
        word("tuc"),
        word("noi"),
        word("bo"),
        should=[
            {
                "multi_match": {
                    "query": "thu tuc noi bo",
                    "type": "phrase",
                    "fields": ["title^2", "summary^2", "signer^3"],
                    "boost": 4,
                }
            },
            {
                "multi_match": {
                    "query": "thu tuc noi bo",
                    "type": "phrase",
                    "slop": 2,
                    "fields": ["title^2", "summary", "body"],
                    "boost": 2,
                }
            },
            {
                "multi_match": {
                    "query": "thủ tục nội bộ",
                    "fields": ["title.exact^4", "summary.exact^2", "body.exact"],
                    "boost": 0.5,
                }
            },
        ],
    )


def test_quoted_phrase_is_a_match_phrase():
    query = body('"thu tuc noi bo"')["query"]
    assert query == only_text(phrase("thu tuc noi bo"))


def test_abbreviation_matches_itself_or_every_word_of_its_expansion():
    """As in the database engine, the expansion's words may stand anywhere; only a quoted
    phrase needs them together."""
    expansion = {
        "multi_match": {
            "query": "thu tuc hanh chinh",
            "type": "cross_fields",
            "operator": "and",
            "fields": FIELDS,
        }
    }
    assert body("TTHC")["query"] == only_text(
        {"dis_max": {"queries": [word("tthc"), expansion], "tie_breaker": 0.1}}
    )


def test_number_first_then_citing_then_text():
    """The number in any spelling: its document (flat 1,000,000), the documents citing it
    (flat 10,000), then text; less specific keys count less, a longer number beginning with
    the key a tenth."""
    tiers = body("cv 5436")["query"]["bool"]["must"][0]["dis_max"]["queries"]
    assert tiers == [
        {
            "dis_max": {
                "queries": [
                    {"constant_score": {"filter": {"term": {"number_key": "5436"}}, "boost": 1e6}},
                    {
                        "constant_score": {
                            "filter": {"prefix": {"number_key": "5436-"}},
                            "boost": 1e5,
                        }
                    },
                ],
                "_name": "number",
            }
        },
        {
            "dis_max": {
                "queries": [
                    {"constant_score": {"filter": {"term": {"cites": "5436"}}, "boost": 1e4}},
                    {"constant_score": {"filter": {"prefix": {"cites": "5436-"}}, "boost": 1e3}},
                ],
                "_name": "citing",
            }
        },
        {"bool": {"must": [word("5436")], "_name": "text"}},
    ]


def test_full_number_tries_its_most_specific_key_first():
    number = body("5436/UBND-VP")["query"]["bool"]["must"][0]["dis_max"]["queries"][0]
    exact = [
        q["constant_score"]
        for q in number["dis_max"]["queries"]
        if "term" in q["constant_score"]["filter"]
    ]
    assert [(q["filter"]["term"]["number_key"], q["boost"]) for q in exact] == [
        ("5436-ubnd-vp", 1e6),
        ("5436-ubnd", 5e5),
        ("5436", pytest.approx(333333.33)),
    ]


def test_filters_restrict_without_scoring():
    query = body(
        "chuyển đổi số",
        kind="directive",
        doc_type="ke-hoach",
        issuer="7",
        year_from="2021",
        year_to="2023",
        signer="Nguyễn  Văn Ấn",
    )["query"]
    assert query["bool"]["filter"] == [
        {"term": {"kind": "directive"}},
        {"term": {"doc_type": "ke-hoach"}},
        {"term": {"issuer_id": 7}},
        {"range": {"year": {"gte": 2021, "lte": 2023}}},
        {"term": {"signer.folded": "nguyen van an"}},
    ]


def test_one_sided_year_range():
    assert body("", year_to="2020")["query"] == {
        "bool": {"filter": [{"range": {"year": {"lte": 2020}}}]}
    }


def test_facets_are_terms_aggregations_with_labels():
    assert body("dịch vụ công")["aggs"] == {
        "kind": {"terms": {"field": "kind", "size": 10}},
        "doc_type": {
            "terms": {"field": "doc_type", "size": 50},
            "aggs": {"label": {"terms": {"field": "doc_type_label", "size": 1}}},
        },
        "issuer": {
            "terms": {"field": "issuer_id", "size": 500},
            "aggs": {"label": {"terms": {"field": "issuer_name.keyword", "size": 1}}},
        },
        "year": {"terms": {"field": "year", "size": 200, "order": {"_key": "desc"}}},
        "signer": {"terms": {"field": "signer.keyword", "size": 20}},
    }


def test_relevance_sort_and_date_sort():
    newest = {"issued_on": {"order": "desc", "missing": "_last"}}
    tie = {"page_id": {"order": "desc"}}
    assert body("chuyển đổi số")["sort"] == ["_score", newest, tie]
    assert body("chuyển đổi số", sort="date")["sort"] == [newest, "_score", tie]
    assert body("")["sort"] == [newest, "_score", tie]


def test_nothing_typed_lists_everything_newest_first():
    assert body("")["query"] == {"bool": {}}


def test_highlight_marks_the_original_text_escaped():
    assert body("nội bộ")["highlight"] == {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "fragment_size": 240,
        "fields": {
            "summary": {"number_of_fragments": 0, "no_match_size": 240},
            "body": {"number_of_fragments": 1},
        },
    }


def test_request_counts_exactly_and_reads_only_what_a_hit_shows():
    request = body("nội bộ")
    assert request["track_total_hits"] is True
    assert "body" not in request["_source"]
    assert set(request["_source"]) <= set(PageDocument._doc_type.mapping)


@pytest.mark.parametrize(
    ("page", "page_size", "expected"),
    [(1, 20, (0, 20)), (3, 20, (40, 20)), (600, 20, (9980, 20)), (10_000, 100, (9900, 100))],
)
def test_pagination_stays_inside_the_result_window(page, page_size, expected):
    assert page_window(understand("x", page=page, page_size=page_size)) == expected
    request = body("x", page=page, page_size=page_size)
    assert (request["from"], request["size"]) == expected


def test_suggestions_are_bool_prefix_on_search_as_you_type_and_number_prefix():
    assert build_suggest(["5436", "ub"], "portal-pages", 8).to_dict() == {
        "query": {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": "5436 ub",
                            "type": "bool_prefix",
                            "operator": "and",
                            "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
                        }
                    },
                    {
                        "constant_score": {
                            "filter": {"prefix": {"number_key": "5436-ub"}},
                            "boost": 100,
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        },
        "_source": ["title", "url", "number"],
        "size": 8,
        "track_total_hits": False,
    }
    words_only = build_suggest(["thu", "tuc", "h"], "portal-pages", 5).to_dict()
    assert len(words_only["query"]["bool"]["should"]) == 1


# Hostile text: always words in match queries, never query syntax.

HOSTILE = [
    '"',
    '""',
    "AND",
    "OR NOT",
    "*",
    "title:* OR body:(a AND b)~2^5",
    "\\",
    "a" * 10_240,
    "x\x00y",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "/regex.*/",
    '{"query": {"match_all": {}}}',
    "\u202e\ufeff\u200b",
]
SYNTAX = {"query_string", "simple_query_string", "regexp", "wildcard", "fuzzy", "script"}


def _text_values(node, parent=""):
    """Every string that reaches Elasticsearch as query text, with the key it sits under."""
    if isinstance(node, dict):
        for key, value in node.items():
            assert key not in SYNTAX, f"{key} would parse text as syntax"
            yield from _text_values(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from _text_values(item, parent)
    elif isinstance(node, str):
        yield parent, node


def _check_hostile(raw):
    request = body(raw)
    encoded = json.dumps(request)
    assert "\\u0000" not in encoded
    assert len(encoded) < 60_000
    for key, value in _text_values(request["query"]):
        if key == "query":
            assert value == " ".join(value.split()), "query text is clean words"
            assert not set(value) & set('"*\\<>:{}()~^/'), value


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_text_is_words_in_match_queries(raw):
    _check_hostile(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_builds_a_plain_request(raw):
    _check_hostile(raw)


def test_hostile_text_with_no_words_lists_everything():
    assert main_query(understand('" * AND')).to_dict()["bool"]["must"][0]["dis_max"]


# Bulk actions for real pages.


@pytest.mark.django_db
def test_bulk_action_for_a_published_directive(site):
    issuer = make_agency("Ủy ban nhân dân tỉnh Sông Xanh", "UBND")
    decomposed = unicodedata.normalize("NFD", "thủ tục nội bộ")
    page = make_directive(
        number="5436/UBND-VP",
        subject="V/v thực hiện tiếp nhận hồ sơ trực tuyến",
        issued_on=date(2022, 5, 16),
        issuer=issuer,
        body=f"<p>Các {decomposed} &amp; dịch vụ công.</p>",
        signer_name="Lê Minh Khoa",
        references=[{"number": "27/QĐ-UBQGCĐS", "doc_type": "Quyết định"}],
    )
    action = index_action(document_for(page), "portal-pages")
    assert action == {
        "_op_type": "index",
        "_index": "portal-pages",
        "_id": page.pk,
        "_source": {
            "page_id": page.pk,
            "kind": "directive",
            "title": page.title,
            "url": page.url,
            "number": "5436/UBND-VP",
            "number_key": "5436-ubnd-vp",
            "doc_type": "cong-van",
            "doc_type_label": "Công văn",
            "issuer_id": issuer.pk,
            "issuer_name": "Ủy ban nhân dân tỉnh Sông Xanh",
            "issued_on": date(2022, 5, 16),
            "year": 2022,
            "signer": "Lê Minh Khoa",
            "summary": "V/v thực hiện tiếp nhận hồ sơ trực tuyến",
            "body": "Các thủ tục nội bộ & dịch vụ công.",
            "cites": ["27-qd-ubqgcds"],
            "suggest": page.title,  # the number is in the title already
        },
    }


@pytest.mark.django_db
def test_bulk_action_for_a_news_item_has_no_directive_fields(site):
    page = make_news(title="Tỉnh triển khai dịch vụ công", lead="Tóm tắt", date=date(2024, 1, 2))
    source = index_action(document_for(page), "portal-pages")["_source"]
    assert source["kind"] == "news"
    assert (source["number"], source["number_key"], source["doc_type"]) == ("", "", "")
    assert (source["issued_on"], source["year"]) == (date(2024, 1, 2), 2024)
    assert source["suggest"] == "Tỉnh triển khai dịch vụ công"


def test_source_sends_only_mapped_fields():
    """The mapping is strict, so a stray field would make the whole bulk request fail."""
    document = dict.fromkeys(PageDocument._doc_type.mapping, "")
    document.update(page_id=1, cites=[], title_folded="x", text_folded="y", signer_folded="z")
    assert set(source_for(document)) == set(PageDocument._doc_type.mapping)


def test_delete_action():
    assert delete_action(12, "portal-pages") == {
        "_op_type": "delete",
        "_index": "portal-pages",
        "_id": 12,
    }


@pytest.mark.django_db
def test_news_cites_its_source_directives_number(site):
    """So a search for the number finds the news explaining it on Elasticsearch too."""
    directive = make_directive(number="27/QĐ-UBQGCĐS", title="Quyết định chuyển đổi số")
    page = make_news(title="Tỉnh triển khai", target=directive)
    source = index_action(document_for(page), "portal-pages")["_source"]
    assert source["cites"] == [directive.number_key]
    plain = make_news(title="Tin không dẫn văn bản")
    assert index_action(document_for(plain), "portal-pages")["_source"]["cites"] == []
