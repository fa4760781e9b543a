"""The editorial roles the portal starts with, named in Vietnamese.

Wagtail's first migrations create the groups "Editors" and "Moderators" and a one-step workflow
"Moderators approval" on the root page; the admin shows those names as they are, so an editor
read "Gửi vào Moderators approval". Migration home/0002 renames them to the names below; the
sample loader and the tests find the groups by these names.

Who can do what (README, "Quản trị / Admin"):
- Biên tập viên: add and edit pages, documents and images, save drafts, submit for review.
- Người duyệt: everything an editor can, plus publish, unpublish, lock, and approve or send back
  a page at the review step.
- Quản trị viên (superuser): everything, including users, groups, sites and settings.
"""

EDITORS = "Biên tập viên"
MODERATORS = "Người duyệt"
REVIEW = "Người duyệt phê duyệt"
