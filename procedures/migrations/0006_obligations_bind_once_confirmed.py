"""Obligations bind once an editor confirms them.

Every obligation already on a published directive was binding: it stays so (confirmed). The
same obligations in the directives' revisions are marked confirmed too, so that editing and
publishing the page again keeps them; an obligation found only in a draft revision (the
importer's proposal, never published) stays unconfirmed.
"""

from django.db import migrations, models


def confirm_published(apps, schema_editor):
    Obligation = apps.get_model("procedures", "Obligation")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    published = set(Obligation.objects.values_list("pk", flat=True))
    Obligation.objects.update(confirmed=True)
    directive_type = ContentType.objects.filter(app_label="directives", model="directivepage")
    for revision in Revision.objects.filter(content_type__in=directive_type).iterator():
        items = (revision.content or {}).get("obligations") or []
        changed = False
        for item in items:
            if "confirmed" not in item:
                item["confirmed"] = item.get("pk") in published
                changed = True
        if changed:
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0005_link_cited_documents"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="obligation",
            name="confirmed",
            field=models.BooleanField(
                default=False,
                help_text="Chỉ nghĩa vụ đã được biên tập viên xác nhận mới áp dụng cho thủ tục. "
                "Nghĩa vụ do trình nhập văn bản đề xuất chưa được xác nhận.",
                verbose_name="đã xác nhận",
            ),
        ),
        migrations.RunPython(confirm_published, migrations.RunPython.noop),
    ]
