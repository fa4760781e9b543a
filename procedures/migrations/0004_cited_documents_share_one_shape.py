"""Online levels, legal basis and obligations become cited documents
(``directives.citations.CitedDocument``): their link is ``target``, an obligation's citation
text is ``citation``, and each gains the columns it lacked."""

from django.db import migrations, models

from directives.citation_migrations import add_cited_fields


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0003_sort_name"),
    ]

    operations = [
        migrations.RenameField(
            model_name="obligation", old_name="implements_citation", new_name="citation"
        ),
        migrations.RenameField(model_name="obligation", old_name="implements", new_name="target"),
        migrations.RenameField(
            model_name="onlinelevelchange", old_name="directive", new_name="target"
        ),
        migrations.RenameField(
            model_name="procedurelegalbasis", old_name="directive", new_name="target"
        ),
        *add_cited_fields("obligation"),
        *add_cited_fields("onlinelevelchange"),
        *add_cited_fields("procedurelegalbasis", having=("number", "number_key")),
        migrations.AlterField(
            model_name="procedurelegalbasis",
            name="citation",
            field=models.CharField(
                blank=True,
                help_text="Khi văn bản chưa có trên cổng: Quyết định số 2808/QĐ-UBND ngày 19/11/2025.",
                max_length=255,
                verbose_name="văn bản (như đã ghi)",
            ),
        ),
    ]
