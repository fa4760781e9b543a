"""The database engine's own index: one thin row per searchable page for filters, facets and
result lists, its text beside it for snippets, and the numbers it cites.

The full-text part lives outside the ORM because it differs by database (see the
migrations): an FTS5 table on SQLite, ``tsvector`` columns with GIN indexes on PostgreSQL.
Wagtail's own search index is not used for results.
"""

from django.db import models


class SearchEntry(models.Model):
    """What a result list and the facets need, kept narrow so counting a large match set
    reads few pages."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=2048)
    number = models.CharField(max_length=64, blank=True)
    number_key = models.CharField(max_length=64, blank=True, db_index=True)
    doc_type = models.CharField(max_length=32, blank=True)
    doc_type_label = models.CharField(max_length=64, blank=True)
    issuer_id = models.BigIntegerField(null=True, blank=True)
    issuer_name = models.CharField(max_length=255, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    signer = models.CharField(max_length=128, blank=True)
    signer_folded = models.CharField(max_length=128, blank=True, db_index=True)
    title_folded = models.TextField(blank=True)

    class Meta:
        verbose_name = "mục chỉ mục tìm kiếm"
        verbose_name_plural = "chỉ mục tìm kiếm"
        indexes = [  # noqa: RUF012
            models.Index(fields=["issued_on", "page"], name="search_entry_date"),
            models.Index(fields=["kind", "issued_on"], name="search_entry_kind_date"),
            # The filters' indexes differ by database: see migration 0004.
        ]

    def __str__(self) -> str:
        return self.title


class SearchText(models.Model):
    """The original text a snippet is cut from; read only for the hits on a page."""

    entry = models.OneToOneField(
        SearchEntry, primary_key=True, on_delete=models.CASCADE, related_name="text"
    )
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = "văn bản chỉ mục tìm kiếm"
        verbose_name_plural = "văn bản chỉ mục tìm kiếm"

    def __str__(self) -> str:
        return self.summary[:80]


class SearchCitation(models.Model):
    """A document number an indexed page cites (the index document's ``cites``): the
    "documents citing this one" tier reads these rows, so it sees what the index holds and
    needs no content model, as Elasticsearch reads its ``cites`` field."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="citations")
    number_key = models.CharField(max_length=64)

    class Meta:
        verbose_name = "số hiệu được dẫn chiếu"
        verbose_name_plural = "số hiệu được dẫn chiếu"
        constraints = [  # noqa: RUF012
            # Also the index the citing tier reads: number_key first.
            models.UniqueConstraint(
                fields=["number_key", "entry"], name="search_citation_key_entry"
            ),
        ]

    def __str__(self) -> str:
        return self.number_key
