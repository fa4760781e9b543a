"""The stored part of a permanent address: the issuer's slug."""

from django.db import models


class IssuerSlug(models.Model):
    """The issuer part of a directive's permanent address (``/eli/<slug>/<year>/<number>``).

    Made once from the agency's name when the agency is first saved and never recomputed:
    a permanent address printed in another document must keep working after the agency is
    renamed, so the slug cannot be derived from the current name at request time."""

    agency = models.OneToOneField(
        "directives.Agency",
        verbose_name="cơ quan",
        on_delete=models.CASCADE,
        related_name="issuer_slug",
    )
    slug = models.SlugField("mã cơ quan trong địa chỉ trích dẫn", max_length=120, unique=True)

    class Meta:
        verbose_name = "mã cơ quan trong địa chỉ trích dẫn"
        verbose_name_plural = "mã cơ quan trong địa chỉ trích dẫn"

    def __str__(self) -> str:
        return self.slug
