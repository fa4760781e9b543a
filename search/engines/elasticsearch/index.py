"""The Elasticsearch index of the portal's pages, defined with elasticsearch-dsl.

Elasticsearch stores the original (accented) text and folds it itself, with an analyzer built
only from what every Elasticsearch 8 ships (``icu_folding`` is a plugin we cannot count on):

- ``vi_folding`` char filter: "đ" -> "d" and combining marks dropped, so decomposed text
  pulled from PDFs folds like composed text; then ``lowercase`` and ``asciifolding`` strip the
  marks of every precomposed Vietnamese letter ("ộ", "ữ", "ơ" ...).
- ``vi_words`` tokenizer: runs of letters, marks and digits, the same words as
  ``vntext.fold_tokens`` gives the query side, so "5436/UBND-VP" is "5436 ubnd vp" here too and
  "1.004122" is two words as in the query.

Text fields are analysed with ``vi_folded``; an ``exact`` sub-field keeps the marks
(``vi_exact``) so an accented query ranks the accented spelling first. Highlighting reads the
original text through the folding analyzer, so "noi bo" marks "nội bộ".

The index name is a prefix from settings plus "-pages"; that name is an alias, and a rebuild
fills a new dated index and moves the alias in one step, so searches never see a half-built
index.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    MetaField,
    SearchAsYouType,
    Text,
    analyzer,
    char_filter,
    normalizer,
    tokenizer,
)

# Vietnamese combining marks: grave, acute, circumflex, tilde, breve, dot below, hook above,
# horn; text from PDFs often carries them apart from their letters.
COMBINING_MARKS = ("0300", "0301", "0302", "0303", "0306", "0309", "031B", "0323")

vi_folding = char_filter(
    "vi_folding",
    type="mapping",
    mappings=["đ=>d", "Đ=>D", *(f"\\u{code}=>" for code in COMBINING_MARKS)],
)
vi_words = tokenizer("vi_words", type="pattern", pattern=r"[^\p{L}\p{M}\p{N}]+")
vi_folded = analyzer(
    "vi_folded", tokenizer=vi_words, char_filter=[vi_folding], filter=["lowercase", "asciifolding"]
)
vi_exact = analyzer("vi_exact", tokenizer=vi_words, filter=["lowercase"])
# Keyword fields compared without marks or case: the signer filter "nguyen van a".
vi_keyword = normalizer(
    "vi_keyword", char_filter=[vi_folding], filter=["lowercase", "asciifolding"]
)


def folded_text(**kwargs: Any) -> Text:
    """A text field folded for matching, with an accent-keeping ``exact`` sub-field."""
    return Text(analyzer=vi_folded, fields={"exact": Text(analyzer=vi_exact)}, **kwargs)


class PageDocument(Document):
    """One searchable page: the fields of ``search.documents.document_for`` that Elasticsearch
    needs, with original text (the analyzers fold it) and keyword fields for facets."""

    page_id = Long()
    kind = Keyword()
    title = folded_text()
    url = Keyword(index=False)
    number = Text(analyzer=vi_folded)
    number_key = Keyword()
    doc_type = Keyword()
    doc_type_label = Keyword(index=False)
    issuer_id = Long()
    issuer_name = Text(analyzer=vi_folded, fields={"keyword": Keyword()})
    issued_on = Date()
    year = Integer()
    signer = Text(
        analyzer=vi_folded,
        fields={"keyword": Keyword(), "folded": Keyword(normalizer=vi_keyword)},
    )
    summary = folded_text()
    body = folded_text()
    cites = Keyword()
    suggest = SearchAsYouType(analyzer=vi_folded)

    class Meta:
        # A field the mapping does not know is a bug in source_for, not data to guess at.
        dynamic = MetaField("strict")


# document_for's fields that Elasticsearch rebuilds with its own analyzers.
TEXT_FIELDS = ("title", "number", "issuer_name", "signer", "summary", "body")
SOURCE_FIELDS = tuple(name for name in PageDocument._doc_type.mapping if name != "suggest")


def alias_name(prefix: str) -> str:
    """The name searches and updates use: an alias of the current concrete index."""
    return f"{prefix}-pages"


def new_index_name(prefix: str, now: datetime | None = None) -> str:
    """A fresh concrete index for a rebuild, dated to the microsecond so two never collide."""
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name(prefix)}-{moment}"


def page_index(name: str, *, shards: int = 1, replicas: int = 1) -> Index:
    """The index definition (settings, analysis, mappings) under ``name``.

    One shard: a portal holds hundreds of thousands of pages, which one shard serves well,
    and one shard keeps BM25 statistics exact so engines rank alike.
    """
    index = Index(name)
    index.settings(number_of_shards=shards, number_of_replicas=replicas, max_result_window=10_000)
    index.mapping(PageDocument._doc_type.mapping)
    return index


def source_for(document: dict[str, Any]) -> dict[str, Any]:
    """The Elasticsearch document for an index document from ``document_for``: the stored
    fields only (the engines' pre-folded fields are the database engine's business), text in
    NFC so the ``exact`` sub-fields compare composed with composed."""
    source = {name: document.get(name) for name in SOURCE_FIELDS}
    for name in TEXT_FIELDS:
        source[name] = unicodedata.normalize("NFC", source[name] or "")
    number, title = source["number"], source["title"]
    source["suggest"] = title if not number or number in title else f"{number} {title}"
    source["cites"] = list(source["cites"] or [])
    return source


def index_action(document: dict[str, Any], index: str) -> dict[str, Any]:
    """The bulk action that adds or replaces ``document`` in ``index``."""
    page = PageDocument(meta={"id": document["page_id"], "index": index}, **source_for(document))
    return {"_op_type": "index", **page.to_dict(include_meta=True, skip_empty=False)}


def delete_action(page_id: int, index: str) -> dict[str, Any]:
    """The bulk action that removes a page from ``index``."""
    return {"_op_type": "delete", "_index": index, "_id": page_id}
