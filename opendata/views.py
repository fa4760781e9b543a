"""The "Dữ liệu mở" page and the published files it links, served from the manifest's list
only (a request's name never reaches the file system otherwise)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse

from opendata.dictionary import DATASETS
from opendata.export import CHECKSUMS, DICTIONARY, published_file, published_manifest

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".jsonl": "application/jsonl; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}


def open_data(request):
    manifest = published_manifest()
    sizes = {item["name"]: item for item in manifest["files"]} if manifest else {}
    datasets = [
        {
            "dataset": dataset,
            "count": manifest["counts"].get(dataset.name, 0) if manifest else 0,
            "files": [sizes[name] for name in dataset.describe()["files"] if name in sizes],
        }
        for dataset in DATASETS
    ]
    return TemplateResponse(
        request,
        "opendata/open_data.html",
        {
            "manifest": manifest,
            "datasets": datasets,
            "dictionary": sizes.get(DICTIONARY),
            "checksums": CHECKSUMS,
            "licence": settings.PORTAL_OPEN_DATA_LICENCE,
            "licence_url": settings.PORTAL_OPEN_DATA_LICENCE_URL,
        },
    )


def open_data_file(request, name: str):
    path = published_file(name)
    if path is None or not path.is_file():
        raise Http404("Không có tệp dữ liệu mở này.")
    suffix = path.suffix
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes the file once sent)
        content_type=CONTENT_TYPES.get(suffix, "text/plain; charset=utf-8"),
        as_attachment=suffix in (".csv", ".jsonl"),
        filename=name,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
