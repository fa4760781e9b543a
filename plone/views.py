"""The admin's page of Plone imports: the last runs, each with its full report."""

from __future__ import annotations

from django.contrib.auth.mixins import UserPassesTestMixin
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from plone.models import ImportRun

RUNS_SHOWN = 20


class ImportRunsView(UserPassesTestMixin, TemplateView):
    """The last runs of ``import_plone`` and the report of one (the newest by default)."""

    template_name = "plone/admin/import_runs.html"

    def test_func(self) -> bool:
        return self.request.user.is_superuser

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = list(ImportRun.objects.all()[:RUNS_SHOWN])
        run_id = kwargs.get("run_id")
        run = get_object_or_404(ImportRun, pk=run_id) if run_id else (runs[0] if runs else None)
        report = run.report if run else {}
        context.update(
            runs=runs,
            run=run,
            items=report.get("items", []),
            problems=report.get("problems", []),
            users=report.get("users", []),
        )
        return context
