"""News sources take the shape of a cited document: every row its number key, and stored
revisions the new field names (see ``directives.citation_migrations``)."""

from django.db import migrations

from directives.citation_migrations import fill_numbers, rename_in_revisions

RENAMES = {"source_directive": "target", "source_text": "citation"}


def forward(apps, schema_editor):
    rename_in_revisions(apps, "news", "NewsPage", RENAMES)
    fill_numbers(apps, "news", "NewsPage")


def backward(apps, schema_editor):
    rename_in_revisions(apps, "news", "NewsPage", {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_news_source_is_a_cited_document"),
        ("directives", "0006_citation_text_on_references"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
