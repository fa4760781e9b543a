"""The directive listing's filters, read from the query string (?q=&tu_ngay=&den_ngay=&field=
&validity=&doc_type=&issuer=&year=&signer=)."""

import logging

import django_filters

from django import forms
from django.db.models import Count

from directives.vocabulary import DocumentType, ValidityStatus
from vntext import fold_tokens
from vntext.collation import by_label

logger = logging.getLogger("directives")

# Bounds keep a hostile number out of the database (SQLite overflows past 2**63, a 500).
MAX_ID = 2**62


class IntegerFilter(django_filters.NumberFilter):
    """A whole number within bounds: "1e400", "²" or twenty nines are invalid, not a 500."""

    field_class = forms.IntegerField


# dd/mm/yyyy as people write it; ISO as a date input or a machine sends it.
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
MAX_KEYWORD_WORDS = 12


def keyword_text(*parts: str) -> str:
    """The folded words of ``parts`` between spaces, so " word " finds a whole word."""
    words = fold_tokens(" ".join(part for part in parts if part))
    return f" {' '.join(words)} " if words else ""


class DayFilter(django_filters.DateFilter):
    field_class = forms.DateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(*args, **kwargs)


class DirectiveFilter(django_filters.FilterSet):
    """An invalid value (a number out of range, a NUL byte, a date that is not one) is
    dropped with a message."""

    q = django_filters.CharFilter(label="Từ khóa", method="by_keyword", max_length=200)
    tu_ngay = DayFilter(label="Từ ngày", field_name="issued_on", lookup_expr="gte")
    den_ngay = DayFilter(label="Đến ngày", field_name="issued_on", lookup_expr="lte")
    field = django_filters.CharFilter(label="Lĩnh vực", field_name="field", max_length=128)
    validity = django_filters.ChoiceFilter(
        label="Hiệu lực", choices=ValidityStatus.choices, empty_label="Tất cả"
    )
    doc_type = django_filters.ChoiceFilter(
        label="Loại văn bản", choices=DocumentType.choices, empty_label="Tất cả"
    )
    issuer = IntegerFilter(
        label="Cơ quan ban hành", field_name="issuer_id", min_value=1, max_value=MAX_ID
    )
    year = IntegerFilter(
        label="Năm ban hành", field_name="issued_year", min_value=1000, max_value=9999
    )
    # forms.CharField refuses NUL bytes (PostgreSQL cannot take them in a query).
    signer = django_filters.CharFilter(label="Người ký", field_name="signer_name", max_length=255)

    def by_keyword(self, queryset, name, value):
        """Every word of the keyword, accents optional, in the number, title or subject."""
        for word in fold_tokens(value)[:MAX_KEYWORD_WORDS]:
            queryset = queryset.filter(search_text__contains=f" {word} ")
        return queryset

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.filters)

    @property
    def messages(self) -> list[str]:
        """A Vietnamese line for each filter that was dropped because its value is invalid."""
        invalid = [name for name in self.filters if name in self.form.errors]
        if invalid:
            logger.info(
                "directive list: dropped invalid filters %s from %r",
                ",".join(invalid),
                {name: str(self.data.get(name))[:40] for name in invalid},
            )
        return [
            f"Bộ lọc “{self.filters[name].label}” không hợp lệ nên đã được bỏ qua."
            for name in invalid
        ]

    def facets(self) -> dict[str, list[dict]]:
        """Every value of each filter with its count, in Vietnamese alphabetical order (years
        newest first). Each list is counted under the other filters only, so a chosen value
        keeps its siblings: a reader can switch from one type to another without resetting."""
        labels = dict(DocumentType.choices)
        doc_types = self._others("doc_type").values_list("doc_type").annotate(n=Count("pk"))
        issuers = (
            self._others("issuer")
            .exclude(issuer=None)
            .values_list("issuer__pk", "issuer__name")
            .annotate(n=Count("pk"))
        )
        years = (
            self._others("year")
            .exclude(issued_year=None)
            .values_list("issued_year")
            .annotate(n=Count("pk"))
            .order_by("-issued_year")
        )
        fields = (
            self._others("field").exclude(field="").values_list("field").annotate(n=Count("pk"))
        )
        validities = self._others("validity").values_list("validity").annotate(n=Count("pk"))
        validity_labels = dict(ValidityStatus.choices)
        signers = (
            self._others("signer")
            .exclude(signer_name="")
            .values_list("signer_name")
            .annotate(n=Count("pk"))
        )
        return {
            "doc_type": by_label(
                {"value": value, "label": labels.get(value, value), "count": n}
                for value, n in doc_types
            ),
            "issuer": by_label({"value": pk, "label": name, "count": n} for pk, name, n in issuers),
            "year": [{"value": year, "label": str(year), "count": n} for year, n in years],
            "signer": by_label({"value": name, "label": name, "count": n} for name, n in signers),
            "field": by_label({"value": name, "label": name, "count": n} for name, n in fields),
            # The vocabulary's order (in force first), every status with a count.
            "validity": [
                {"value": value, "label": label, "count": n}
                for value, label in validity_labels.items()
                if (n := dict(validities).get(value, 0))
            ],
        }

    def _others(self, name: str):
        """The selection under every filter but ``name`` (unordered, for counting)."""
        data = self.data.copy() if self.data is not None else {}
        data.pop(name, None)
        return type(self)(data, queryset=self.queryset).qs.order_by()
