"""A news item's source becomes a cited document (``directives.citations.CitedDocument``):
``source_directive`` is ``target``, ``source_text`` is ``citation``, and it gains the columns
it lacked."""

from django.db import migrations

from directives.citation_migrations import add_cited_fields


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_read_count_out_of_revisions"),
    ]

    operations = [
        migrations.RenameField(model_name="newspage", old_name="source_text", new_name="citation"),
        migrations.RenameField(
            model_name="newspage", old_name="source_directive", new_name="target"
        ),
        *add_cited_fields("newspage"),
    ]
