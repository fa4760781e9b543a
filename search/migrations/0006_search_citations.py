"""The numbers each indexed page cites, in the database engine's own tables: the "documents
citing this one" tier reads them instead of the content apps' models. An index built before
this migration gets them from its pages here, so that tier keeps answering without a rebuild.
"""

import logging

import django.db.models.deletion
from django.db import DatabaseError, migrations, models, transaction

logger = logging.getLogger("search")


def fill_citations(apps, schema_editor):
    # The pages' own code builds the citations (the builders their apps registered), as a
    # rebuild would; a database whose content tables are not yet migrated to match that code
    # keeps the table empty and says how to fill it.
    SearchEntry = apps.get_model("portal_search", "SearchEntry")
    SearchCitation = apps.get_model("portal_search", "SearchCitation")
    if not SearchEntry.objects.exists():
        return
    indexed = SearchEntry.objects.values("page_id")
    from search.documents import document_for, indexable_querysets

    try:
        with transaction.atomic():
            for queryset in indexable_querysets():
                rows = []
                for page in queryset.filter(pk__in=indexed).iterator(chunk_size=500):
                    document = document_for(page, checked=True) or {}
                    keys = dict.fromkeys(key[:64] for key in document.get("cites") or () if key)
                    rows += [SearchCitation(entry_id=page.pk, number_key=key) for key in keys]
                SearchCitation.objects.bulk_create(rows, batch_size=1000)
    except DatabaseError as error:
        logger.warning(
            "search: could not read the citations of the indexed pages (%s); "
            "run `manage.py search_index --rebuild`",
            error,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('portal_search', '0005_fts_filter_tags'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchCitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number_key', models.CharField(max_length=64)),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='citations', to='portal_search.searchentry')),
            ],
            options={
                'verbose_name': 'số hiệu được dẫn chiếu',
                'verbose_name_plural': 'số hiệu được dẫn chiếu',
                'constraints': [models.UniqueConstraint(fields=('number_key', 'entry'), name='search_citation_key_entry')],
            },
        ),
        migrations.RunPython(fill_citations, migrations.RunPython.noop),
    ]
