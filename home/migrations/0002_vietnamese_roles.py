"""Renames Wagtail's default groups and review workflow to their Vietnamese names.

Only rows still carrying Wagtail's English names change, so a site that already renamed them
keeps its names; reversing restores the English. It runs after the Wagtail migrations that look
those groups up by their English names to grant permissions (a later Wagtail upgrade that does
so again needs the English names back for that run, e.g. by migrating home back to 0001)."""

from django.db import migrations

GROUPS = {"Editors": "Biên tập viên", "Moderators": "Người duyệt"}
WORKFLOW = {"Moderators approval": "Người duyệt phê duyệt"}


def rename(apps, groups: dict, workflow: dict):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in groups.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for old, new in workflow.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, GROUPS, WORKFLOW)


def backwards(apps, schema_editor):
    rename(
        apps,
        {new: old for old, new in GROUPS.items()},
        {new: old for old, new in WORKFLOW.items()},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
