"""Elasticsearch request bodies built from an understood ``SearchQuery``.

Pure functions from a ``SearchQuery`` to an elasticsearch-dsl ``Search``, with no client, so
the exact bodies can be tested offline. Query text only ever reaches Elasticsearch as the
``query`` string of a ``match``-family query or a ``term`` value, never as
``query_string`` syntax: a lone quote, ``AND``, ``*`` or a NUL is a word or nothing.

Ranking, strongest first, as the search section of the architecture asks:

1. the document whose number the query names (``number_key``, any spelling),
2. documents citing that number (``cites``),
3. text relevance: every term must match in some field (a term is a word, a quoted phrase,
   or an abbreviation with its expansions, whose words may stand anywhere); words typed next
   to each other score higher when they stand together, and an accented query scores the
   accented spelling higher; the whole query as a phrase in the title, the summary or the
   signer higher still (a name or a subject typed in full).

The constant scores of (1) and (2) dwarf any BM25 score, so text relevance only orders
the third tier; the first two are ordered newest first, as in the database engine.
"""

from __future__ import annotations

from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query

from search.query import SearchQuery, Term
from vntext import fold, fold_tokens, number_key

# Fields searched for words, with their weights: a word in the title or the number says more
# about a document than a word in its body.
TEXT_FIELDS = ("title^4", "number^3", "summary^2", "signer^2", "issuer_name", "body")
EXACT_FIELDS = ("title.exact^4", "summary.exact^2", "body.exact")
PROXIMITY_FIELDS = ("title^2", "summary", "body")
# The whole query as a phrase (no slop) in the fields a name or a subject is looked for in:
# it outranks the same words scattered in a body, as in the database engine.
PHRASE_FIELDS = ("title^2", "summary^2", "signer^3")
PHRASE_BOOST = 4
SOURCE = (
    "page_id",
    "kind",
    "title",
    "url",
    "number",
    "issued_on",
    "doc_type",
    "doc_type_label",
    "issuer_name",
    "signer",
    "summary",
)

NUMBER_BOOST = 1_000_000.0
CITING_BOOST = 10_000.0
# How much less a number only beginning with the typed one counts ("cv 5436" for 5436/UBND-VP).
PREFIX_FACTOR = 0.1

MAX_RESULT_WINDOW = 10_000
SNIPPET_CHARS = 240
# The database engine lists every value but the signers' 20; terms aggregations need a bound.
FACET_SIZES = {"kind": 10, "doc_type": 50, "issuer": 500, "year": 200, "signer": 20}
SUGGEST_FIELDS = ("suggest", "suggest._2gram", "suggest._3gram")


def _key_match(field: str, keys: tuple[str, ...], boost: float, name: str) -> Query:
    """The best of: ``field`` equal to a key, or beginning with it and a further part; keys
    come most specific first, and each later one counts a little less."""
    queries = []
    for rank, key in enumerate(keys):
        weight = boost / (rank + 1)
        queries.append(Q("constant_score", filter=Q("term", **{field: key}), boost=weight))
        queries.append(
            Q(
                "constant_score",
                filter=Q("prefix", **{field: f"{key}-"}),
                boost=weight * PREFIX_FACTOR,
            )
        )
    return Q("dis_max", queries=queries, _name=name)


def number_query(keys: tuple[str, ...]) -> Query:
    """The document that carries one of these number keys."""
    return _key_match("number_key", keys, NUMBER_BOOST, "number")


def citing_query(keys: tuple[str, ...]) -> Query:
    """Documents that cite one of these number keys."""
    return _key_match("cites", keys, CITING_BOOST, "citing")


def _alternative(words: tuple[str, ...], *, phrase: bool) -> Query:
    if len(words) == 1:
        return Q("multi_match", query=words[0], fields=list(TEXT_FIELDS), tie_breaker=0.2)
    if phrase:
        return Q("multi_match", query=" ".join(words), type="phrase", fields=list(TEXT_FIELDS))
    # An expansion ("thu tuc hanh chinh" for "tthc"): every word, anywhere in the document,
    # as the database engine matches it; only a quoted phrase needs its words together.
    return Q(
        "multi_match",
        query=" ".join(words),
        type="cross_fields",
        operator="and",
        fields=list(TEXT_FIELDS),
    )


def term_query(term: Term) -> Query:
    """One term: any of its alternatives in the document's text fields."""
    alternatives = [
        _alternative(words, phrase=term.is_phrase) for words in term.alternatives if words
    ]
    if len(alternatives) == 1:
        return alternatives[0]
    return Q("dis_max", queries=alternatives, tie_breaker=0.1)


def text_query(query: SearchQuery) -> Query | None:
    """Every term in some field; closeness and accents as bonuses."""
    if not query.terms:
        return None
    bonuses = []
    typed = [term.alternatives[0] for term in query.terms if not term.is_phrase]
    typed_words = [word for run in typed for word in run]
    if len(typed_words) > 1:
        bonuses.append(
            Q(
                "multi_match",
                query=" ".join(typed_words),
                type="phrase",
                fields=list(PHRASE_FIELDS),
                boost=PHRASE_BOOST,
            )
        )
        bonuses.append(
            Q(
                "multi_match",
                query=" ".join(typed_words),
                type="phrase",
                slop=2,
                fields=list(PROXIMITY_FIELDS),
                boost=2,
            )
        )
    accented = " ".join(query.accented_words)
    if accented and fold(accented) != accented:
        bonuses.append(Q("multi_match", query=accented, fields=list(EXACT_FIELDS), boost=0.5))
    return Q("bool", must=[term_query(term) for term in query.terms], should=bonuses, _name="text")


def filters(query: SearchQuery) -> list[Query]:
    """The filters chosen beside the text; they restrict, they never score."""
    clauses = []
    if query.kind:
        clauses.append(Q("term", kind=query.kind))
    if query.doc_type:
        clauses.append(Q("term", doc_type=query.doc_type))
    if query.issuer is not None:
        clauses.append(Q("term", issuer_id=query.issuer))
    if query.year_from is not None or query.year_to is not None:
        bounds = {"gte": query.year_from, "lte": query.year_to}
        clauses.append(
            Q("range", year={key: value for key, value in bounds.items() if value is not None})
        )
    if query.signer:
        # signer.folded has the folding normalizer: "nguyen van a" finds "Nguyễn Văn A".
        clauses.append(Q("term", **{"signer.folded": " ".join(fold_tokens(query.signer))}))
    return clauses


def main_query(query: SearchQuery) -> Query:
    """Number, citing and text tiers as alternatives, under the filters."""
    tiers: list[Query] = []
    if query.number_keys:
        tiers += [number_query(query.number_keys), citing_query(query.number_keys)]
    text = text_query(query)
    if text is not None:
        tiers.append(text)
    if not tiers:  # nothing typed: everything under the filters, newest first
        return Q("bool", filter=filters(query))
    # dis_max without tie-breaker: a document's score is its best tier alone, so the number
    # and citing tiers are flat and the date sort orders them, as the database engine does.
    return Q("bool", must=[Q("dis_max", queries=tiers)], filter=filters(query))


def sort_order(query: SearchQuery) -> list:
    newest = {"issued_on": {"order": "desc", "missing": "_last"}}
    tie = {"page_id": {"order": "desc"}}
    if query.sort == "date" or not query.has_text:
        return [newest, "_score", tie]
    return ["_score", newest, tie]


def add_facets(search: Search) -> Search:
    """Counts over every match, per facet; labels ride along as one-bucket sub-terms."""
    search.aggs.bucket("kind", A("terms", field="kind", size=FACET_SIZES["kind"]))
    doc_type = search.aggs.bucket(
        "doc_type", A("terms", field="doc_type", size=FACET_SIZES["doc_type"])
    )
    doc_type.bucket("label", A("terms", field="doc_type_label", size=1))
    issuer = search.aggs.bucket("issuer", A("terms", field="issuer_id", size=FACET_SIZES["issuer"]))
    issuer.bucket("label", A("terms", field="issuer_name.keyword", size=1))
    search.aggs.bucket(
        "year", A("terms", field="year", size=FACET_SIZES["year"], order={"_key": "desc"})
    )
    search.aggs.bucket("signer", A("terms", field="signer.keyword", size=FACET_SIZES["signer"]))
    return search


def page_window(query: SearchQuery) -> tuple[int, int]:
    """``(from, size)`` for the query's page, kept inside Elasticsearch's result window."""
    size = query.page_size
    start = min(query.offset, MAX_RESULT_WINDOW - size)
    return max(start, 0), size


def build_search(query: SearchQuery, index: str, *, facets: bool = True) -> Search:
    """The whole request for a page of results: query, sort, page, highlight, facets."""
    start, size = page_window(query)
    search = (
        Search(index=index)
        .query(main_query(query))
        .sort(*sort_order(query))
        .source(list(SOURCE))
        .extra(track_total_hits=True, **{"from": start, "size": size})
        .highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", fragment_size=SNIPPET_CHARS
        )
        .highlight("summary", number_of_fragments=0, no_match_size=SNIPPET_CHARS)
        .highlight("body", number_of_fragments=1)
    )
    return add_facets(search) if facets else search


def build_suggest(words: list[str], index: str, limit: int) -> Search:
    """Titles whose words begin with the folded ``words`` typed so far (the last one may be
    unfinished), and numbers that begin with them."""
    text = " ".join(words)
    should = [
        Q(
            "multi_match",
            query=text,
            type="bool_prefix",
            operator="and",
            fields=list(SUGGEST_FIELDS),
        )
    ]
    if any(word.isdigit() for word in words):
        should.append(
            Q("constant_score", filter=Q("prefix", number_key=number_key(text)), boost=100)
        )
    return (
        Search(index=index)
        .query(Q("bool", should=should, minimum_should_match=1))
        .source(["title", "url", "number"])
        .extra(size=limit, track_total_hits=False)
    )
