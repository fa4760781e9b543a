"""The directive listing's filters, read from the query string (?doc_type=&issuer=&year=&signer=)."""

import django_filters

from django.db.models import Count

from directives.vocabulary import DocumentType


class DirectiveFilter(django_filters.FilterSet):
    doc_type = django_filters.ChoiceFilter(
        label="Loại văn bản", choices=DocumentType.choices, empty_label="Tất cả"
    )
    issuer = django_filters.NumberFilter(label="Cơ quan ban hành", field_name="issuer_id")
    year = django_filters.NumberFilter(label="Năm ban hành", field_name="issued_year")
    signer = django_filters.CharFilter(label="Người ký", field_name="signer_name")

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.filters)

    def facets(self) -> dict[str, list[dict]]:
        """Counts for each filter's values within the current selection, labelled for display."""
        qs = self.qs
        labels = dict(DocumentType.choices)
        return {
            "doc_type": [
                {"value": value, "label": labels.get(value, value), "count": n}
                for value, n in qs.values_list("doc_type").annotate(n=Count("pk")).order_by("-n")
            ],
            "issuer": [
                {"value": pk, "label": name, "count": n}
                for pk, name, n in qs.exclude(issuer=None)
                .values_list("issuer__pk", "issuer__name")
                .annotate(n=Count("pk"))
                .order_by("-n", "issuer__name")
            ],
            "year": [
                {"value": year, "label": str(year), "count": n}
                for year, n in qs.exclude(issued_year=None)
                .values_list("issued_year")
                .annotate(n=Count("pk"))
                .order_by("-issued_year")
            ],
            "signer": [
                {"value": name, "label": name, "count": n}
                for name, n in qs.exclude(signer_name="")
                .values_list("signer_name")
                .annotate(n=Count("pk"))
                .order_by("-n", "signer_name")
            ],
        }
