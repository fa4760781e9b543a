"""Existing rows take the shape of a cited document: online levels get the number their
citation names, every row its number key, rows waiting for a published number their link, and
stored revisions the new field names (see ``directives.citation_migrations``)."""

from django.db import migrations

from directives.citation_migrations import fill_numbers, link_waiting, rename_in_revisions

PROCEDURE_CHILDREN = {"online_levels": {"directive": "target"}, "legal_basis": {"directive": "target"}}
OBLIGATIONS = {"implements": "target", "implements_citation": "citation"}


def forward(apps, schema_editor):
    for child, renames in PROCEDURE_CHILDREN.items():
        rename_in_revisions(apps, "procedures", "ProcedurePage", renames, child)
    rename_in_revisions(apps, "directives", "DirectivePage", OBLIGATIONS, "obligations")
    fill_numbers(apps, "procedures", "OnlineLevelChange", from_text=True)
    for model_name in ("OnlineLevelChange", "ProcedureLegalBasis", "Obligation"):
        fill_numbers(apps, "procedures", model_name)
        link_waiting(apps, "procedures", model_name)


def backward(apps, schema_editor):
    for child, renames in PROCEDURE_CHILDREN.items():
        reverse = {new: old for old, new in renames.items()}
        rename_in_revisions(apps, "procedures", "ProcedurePage", reverse, child)
    reverse = {new: old for old, new in OBLIGATIONS.items()}
    rename_in_revisions(apps, "directives", "DirectivePage", reverse, "obligations")


class Migration(migrations.Migration):
    dependencies = [
        ("procedures", "0004_cited_documents_share_one_shape"),
        ("directives", "0006_citation_text_on_references"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
