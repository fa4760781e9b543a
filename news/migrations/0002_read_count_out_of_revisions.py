"""Move the read count out of NewsPage (and so out of its revisions) into ReadCount, keeping
every count there is today. Going back puts the counts on the page again."""

import django.db.models.deletion
from django.db import migrations, models


def counts_to_table(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    ReadCount = apps.get_model("news", "ReadCount")
    rows = NewsPage.objects.filter(read_count__gt=0).values_list("pk", "read_count")
    ReadCount.objects.bulk_create(
        [ReadCount(page_id=pk, count=count) for pk, count in rows.iterator()], batch_size=500
    )


def counts_to_pages(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    ReadCount = apps.get_model("news", "ReadCount")
    for row in ReadCount.objects.iterator():
        NewsPage.objects.filter(pk=row.page_id).update(read_count=min(row.count, 2**31 - 1))


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReadCount',
            fields=[
                ('page', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='reads', serialize=False, to='news.newspage', verbose_name='tin')),
                ('count', models.PositiveBigIntegerField(default=0, verbose_name='số lượt đọc')),
            ],
            options={
                'verbose_name': 'số lượt đọc',
                'verbose_name_plural': 'số lượt đọc',
            },
        ),
        migrations.RunPython(counts_to_table, counts_to_pages),
        migrations.RemoveField(
            model_name='newspage',
            name='read_count',
        ),
    ]
