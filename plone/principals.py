"""Members, groups and local roles: Plone's users and groups become the portal's, its local
roles page permissions of groups."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page

from plone.mapping import PAGE_KINDS
from plone.reading import SITE_ROOT_UID
from plone.reading import PloneItem as Item
from plone.report import CREATED, UNCHANGED

# Plone's own groups: their roles are the site's, not content the portal takes over.
PLONE_GROUPS = {"Administrators", "Reviewers", "Site Administrators", "AuthenticatedUsers"}
# Plone local roles → Wagtail page permissions on the same section.
ROLE_PERMISSIONS = {
    "Contributor": ["add_page"],
    "Editor": ["add_page", "change_page"],
    "Reviewer": ["publish_page"],
    "Site Administrator": ["add_page", "change_page", "publish_page", "lock_page"],
    "Manager": ["add_page", "change_page", "publish_page", "lock_page"],
}
IGNORED_ROLES = {"Owner", "Reader", "Member", "Authenticated"}


class PrincipalsMixin:
    """Users, groups and local roles of a ``PloneImport`` run."""

    def import_principals(self) -> None:
        User = get_user_model()
        for member in self.export.members:
            username = str(member.get("username") or member.get("id") or "").strip()
            if not username:
                continue
            fullname = str(member.get("fullname") or "").strip()
            first, _, last = fullname.rpartition(" ")
            user, created = User.objects.get_or_create(
                username=username[:150],
                defaults={
                    "email": str(member.get("email") or "")[:254],
                    "first_name": first[:150],
                    "last_name": (last or fullname)[:150],
                },
            )
            if created:
                # Plone's password hashes are not carried over: the person sets a new one.
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self.users[username] = user
            self.report.users.append(
                {
                    "username": username,
                    "status": CREATED if created else UNCHANGED,
                    "message": "gửi liên kết đặt lại mật khẩu" if created else "",
                }
            )
        for group_data in self.export.groups:
            group_id = str(group_data.get("groupid") or group_data.get("id") or "").strip()
            if not group_id:
                continue
            if group_id in PLONE_GROUPS:
                self.report.add_problem(
                    f"Nhóm hệ thống của Plone “{group_id}” không được chuyển "
                    "(quyền quản trị cổng đặt riêng).",
                    kind="group",
                )
                continue
            group = self._group(group_id, str(group_data.get("title") or ""))
            members = [self.users.get(name) for name in group_data.get("principals") or []]
            for member in members:
                if member is not None:
                    member.groups.add(group)
            self.report.groups.append(
                {"groupid": group_id, "name": group.name, "members": len([m for m in members if m])}
            )
        for member in self.export.members:
            user = self.users.get(str(member.get("username") or ""))
            for group_id in member.get("groups") or []:
                if user is not None and group_id not in PLONE_GROUPS:
                    user.groups.add(self._group(group_id, ""))

    def _group(self, group_id: str, title: str) -> Group:
        name = f"{title} ({group_id})" if title and title != group_id else group_id
        group = Group.objects.filter(name__endswith=f"({group_id})").first()
        group = group or Group.objects.filter(name=group_id).first()
        if group is None:
            group = Group.objects.create(name=name[:150])
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
        return group

    def _owner(self, item: Item):
        for creator in item.creators:
            if creator in self.users:
                return self.users[creator]
            user = get_user_model().objects.filter(username=creator).first()
            self.users[creator] = user
            if user is not None:
                return user
        return None

    def _local_roles(self) -> None:
        for uid, roles in self.export.local_roles.items():
            made = self.made.get(uid)
            if uid == SITE_ROOT_UID or made is None or made.kind not in PAGE_KINDS:
                continue
            page = None  # read when a role grants something (most are only "Owner")
            for principal, principal_roles in roles.items():
                permissions = sorted(
                    {
                        codename
                        for role in principal_roles
                        for codename in ROLE_PERMISSIONS.get(role, [])
                    }
                )
                ignored = [
                    r
                    for r in principal_roles
                    if r not in ROLE_PERMISSIONS and r not in IGNORED_ROLES
                ]
                if ignored:
                    self.report.add_problem(
                        f"Vai trò {', '.join(ignored)} của “{principal}” không có quyền tương ứng trên cổng.",
                        path=self.entries[uid].path,
                        uid=uid,
                        kind="local_role",
                    )
                if not permissions:
                    continue
                group = self._principal_group(principal)
                if group is None:
                    self.report.add_problem(
                        f"Quyền cục bộ của “{principal}” không chuyển được: không có tài khoản hay nhóm đó.",
                        path=self.entries[uid].path,
                        uid=uid,
                        kind="local_role",
                    )
                    continue
                page = page or Page.objects.get(pk=made.pk)
                for codename in permissions:
                    permission = Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    )
                    _row, created = GroupPagePermission.objects.get_or_create(
                        group=group, page=page, permission=permission
                    )
                    self.report.permissions += int(created)

    def _principal_group(self, principal: str) -> Group | None:
        """A Plone group's own group; for a user, a group of that user alone (Wagtail grants
        page permissions to groups)."""
        group = Group.objects.filter(name__endswith=f"({principal})").first()
        if group is not None:
            return group
        user = (
            self.users.get(principal) or get_user_model().objects.filter(username=principal).first()
        )
        if user is None:
            return None
        group = self._group(f"plone-{principal}", f"Quyền riêng của {principal}")
        user.groups.add(group)
        return group
