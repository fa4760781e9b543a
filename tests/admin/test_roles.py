"""The groups and the review workflow an editor meets carry Vietnamese names, and keep the
permissions Wagtail gave them under their English names."""

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission, Page, Task, Workflow

from home import roles


def test_default_groups_are_named_in_vietnamese(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.EDITORS, roles.MODERATORS} <= names
    assert not names & {"Editors", "Moderators"}


def test_renamed_groups_keep_their_permissions(db):
    root = Page.get_first_root_node()
    granted = set(
        GroupPagePermission.objects.filter(page=root).values_list(
            "group__name", "permission__codename"
        )
    )
    assert (roles.MODERATORS, "publish_page") in granted
    assert (roles.EDITORS, "add_page") in granted
    assert (roles.EDITORS, "publish_page") not in granted
    assert (
        Group.objects.get(name=roles.EDITORS).permissions.filter(codename="access_admin").exists()
    )


def test_review_workflow_and_task_are_named_in_vietnamese(db):
    workflow = Workflow.objects.get(name=roles.REVIEW)
    assert [task.name for task in workflow.tasks] == [roles.REVIEW]
    assert workflow.workflow_pages.filter(page=Page.get_first_root_node()).exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    reviewers = Task.objects.get(name=roles.REVIEW).specific.groups.all()
    assert [group.name for group in reviewers] == [roles.MODERATORS]
