"""The import's report: every item with what it became, and what was not carried over."""

from __future__ import annotations

from dataclasses import dataclass, field

CREATED, UPDATED, UNCHANGED, FAILED, SKIPPED = (
    "created",
    "updated",
    "unchanged",
    "failed",
    "skipped",
)
STATUS_VI = {
    CREATED: "tạo mới",
    UPDATED: "cập nhật",
    UNCHANGED: "không đổi",
    FAILED: "lỗi",
    SKIPPED: "bỏ qua",
}


@dataclass
class Report:
    """Every item with what it became, and everything not carried over, with the reason."""

    source: str
    export_format: str = ""
    dry_run: bool = False
    items: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    redirects: int = 0
    permissions: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    def add_problem(
        self, message_vi: str, *, path: str = "", uid: str = "", kind: str = ""
    ) -> None:
        self.problems.append({"path": path, "uid": uid, "kind": kind, "message": message_vi})

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_VI, 0)
        for entry in self.items:
            counts[entry["status"]] += 1
        return counts

    def summary_vi(self) -> str:
        counts = self.counts()
        rate = len(self.items) / self.seconds if self.seconds else 0.0
        verb = "Chạy thử (không ghi gì)" if self.dry_run else "Đã nhập"
        return (
            f"{verb}: {len(self.items)} mục từ Plone ({self.export_format}) — "
            f"{counts[CREATED]} tạo mới, {counts[UPDATED]} cập nhật, "
            f"{counts[UNCHANGED]} không đổi, {counts[FAILED] + counts[SKIPPED]} không nhập được; "
            f"{len(self.problems)} vấn đề cần xem; {self.redirects} địa chỉ cũ chuyển hướng; "
            f"{len(self.users)} tài khoản, {len(self.groups)} nhóm. "
            f"{self.seconds:.1f} giây, {rate:.1f} mục/giây."
        )

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "format": self.export_format,
            "dry_run": self.dry_run,
            "summary": self.summary_vi(),
            "counts": self.counts(),
            "seconds": round(self.seconds, 3),
            "phases": self.phases,
            "items_per_second": round(len(self.items) / self.seconds, 2) if self.seconds else None,
            "redirects": self.redirects,
            "permissions": self.permissions,
            "items": self.items,
            "problems": self.problems,
            "users": self.users,
            "groups": self.groups,
        }
