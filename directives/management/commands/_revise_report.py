"""What ``rebuild_bodies`` and ``retitle_directives`` print."""

from __future__ import annotations


def report(command, outcome, *, apply: bool, what: str) -> None:
    verb = "Đã ghi" if apply else "Sẽ ghi (chạy thử, thêm --apply để ghi)"
    for page in outcome.changed:
        command.stdout.write(f"  {page.pk}: {page.title}")
    for page, why in outcome.skipped:
        command.stdout.write(f"  bỏ qua {page.pk}: {page.title} — {why}")
    command.stdout.write(
        command.style.SUCCESS(
            f"{verb} {what} mới cho {len(outcome.changed)} trang; {outcome.unchanged} trang "
            f"không đổi; {len(outcome.skipped)} trang bỏ qua."
        )
    )
