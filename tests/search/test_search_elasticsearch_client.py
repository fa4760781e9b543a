"""The Elasticsearch engine through the real client library, against a small HTTP server.

No Elasticsearch can run here, and a mock of the client would test nothing the client does.
So the engine uses the real ``elasticsearch.Elasticsearch`` and ``elastic_transport`` over
HTTP to ``FakeCluster``: a server on 127.0.0.1 that keeps aliases and indexes the way a
cluster does, answers bulk requests item by item, answers searches with canned responses,
and records every request, so the tests read exactly what went over the wire.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import BulkIndexError

from directives.models import DirectiveIndexPage
from search import service
from search.engines.base import FacetValue
from search.engines.elasticsearch.engine import ElasticsearchEngine, SearchUnavailable
from search.engines.elasticsearch.index import page_index
from search.engines.elasticsearch.query import build_search
from search.query import understand
from tests.factories import make_directive

JSON = dict[str, Any]


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class FakeCluster:
    """What an Elasticsearch 8 node does with the requests this engine sends."""

    aliases: dict[str, set[str]] = field(default_factory=dict)
    indices: dict[str, JSON] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    search_responses: list[tuple[int, JSON]] = field(default_factory=list)
    bulk_failures: dict[str, JSON] = field(default_factory=dict)  # _id -> error item

    def __post_init__(self) -> None:
        cluster = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet test output
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                parts = urlsplit(self.path)
                request = Request(
                    self.command,
                    parts.path,
                    parse_qs(parts.query),
                    {key.lower(): value for key, value in self.headers.items()},
                    _decode(raw, self.headers.get("Content-Type", "")),
                )
                cluster.requests.append(request)
                try:
                    status, payload = cluster.answer(request)
                except Exception as error:  # a bug in the fake must show, not drop the line
                    status, payload = 500, _error(500, "fake_cluster_error", repr(error))
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sent(self, method: str, pattern: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.path)]

    def answer(self, request: Request) -> tuple[int, JSON | None]:
        routes: list[tuple[str, str, Callable[..., tuple[int, JSON | None]]]] = [
            ("PUT", r"/_bulk", self._bulk),
            ("POST", r"/_aliases", self._update_aliases),
            ("HEAD", r"/_alias/(?P<name>[^/]+)", self._exists_alias),
            ("GET", r"/_alias/(?P<name>[^/]+)", self._get_alias),
            ("POST", r"/(?P<name>[^/_][^/]*)/_search", self._search),
            ("PUT", r"/(?P<name>[^/_][^/]*)/_settings", self._ok),
            ("POST", r"/(?P<name>[^/_][^/]*)/_refresh", self._ok),
            ("PUT", r"/(?P<name>[^/_][^/]*)", self._create),
            ("DELETE", r"/(?P<name>[^/_][^/]*)", self._delete),
        ]
        for method, pattern, handler in routes:
            match = re.fullmatch(pattern, request.path)
            if request.method == method and match:
                return handler(request, **match.groupdict())
        return 400, _error(400, "illegal_argument_exception", f"no route {request.path}")

    def _ok(self, request: Request, **_: str) -> tuple[int, JSON]:
        return 200, {"acknowledged": True}

    def _exists_alias(self, request: Request, name: str) -> tuple[int, None]:
        return (200 if self.aliases.get(name) else 404), None

    def _get_alias(self, request: Request, name: str) -> tuple[int, JSON]:
        if not self.aliases.get(name):
            return 404, {"error": f"alias [{name}] missing", "status": 404}
        return 200, {index: {"aliases": {name: {}}} for index in self.aliases[name]}

    def _create(self, request: Request, name: str) -> tuple[int, JSON]:
        if name in self.indices:
            return 400, _error(400, "resource_already_exists_exception", name)
        self.indices[name] = request.body
        return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}

    def _delete(self, request: Request, name: str) -> tuple[int, JSON]:
        for index in name.split(","):
            self.indices.pop(index, None)
            for members in self.aliases.values():
                members.discard(index)
        return 200, {"acknowledged": True}

    def _update_aliases(self, request: Request) -> tuple[int, JSON]:
        for action in request.body["actions"]:
            ((verb, spec),) = action.items()
            members = self.aliases.setdefault(spec["alias"], set())
            if verb == "add":
                members.add(spec["index"])
            else:
                members.discard(spec["index"])
        return 200, {"acknowledged": True}

    def _search(self, request: Request, name: str) -> tuple[int, JSON]:
        if not (name in self.indices or self.aliases.get(name)):
            return 404, _error(404, "index_not_found_exception", f"no such index [{name}]")
        return self.search_responses.pop(0)

    def _bulk(self, request: Request) -> tuple[int, JSON]:
        lines, items = request.body, []
        i = 0
        while i < len(lines):
            ((verb, meta),) = lines[i].items()
            i += 1 if verb == "delete" else 2
            failure = self.bulk_failures.get(str(meta["_id"]))
            if failure:
                items.append({verb: {**meta, **failure}})
            elif verb == "delete":
                items.append({verb: {**meta, "status": 404, "result": "not_found"}})
            else:
                items.append({verb: {**meta, "status": 201, "result": "created"}})
        errors = any(item[next(iter(item))]["status"] >= 300 for item in items)
        return 200, {"took": 1, "errors": errors, "items": items}


def _decode(raw: str, content_type: str) -> Any:
    if not raw:
        return None
    if "ndjson" in content_type:
        return [json.loads(line) for line in raw.splitlines() if line.strip()]
    return json.loads(raw)


def _error(status: int, kind: str, reason: str) -> JSON:
    return {
        "error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
        "status": status,
    }


def search_response(hits: list[JSON], total: int, aggregations: JSON | None = None) -> JSON:
    response = {
        "took": 3,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": total, "relation": "eq"}, "max_score": None, "hits": hits},
    }
    if aggregations is not None:
        response["aggregations"] = aggregations
    return response


def buckets(*pairs: tuple[Any, int], label: str | None = None) -> JSON:
    return {
        "doc_count_error_upper_bound": 0,
        "sum_other_doc_count": 0,
        "buckets": [
            {"key": key, "doc_count": count}
            | ({"label": {"buckets": [{"key": label, "doc_count": count}]}} if label else {})
            for key, count in pairs
        ],
    }


@pytest.fixture
def cluster():
    fake = FakeCluster()
    yield fake
    fake.close()


@pytest.fixture
def engine(cluster):
    client = Elasticsearch(cluster.url, max_retries=0, request_timeout=5)
    return ElasticsearchEngine(client, prefix="t", replicas=1)


def _roundtrip(body: JSON) -> JSON:
    return json.loads(json.dumps(body, default=str))


# Searching.


def test_search_sends_the_built_body_and_reads_hits_snippets_and_facets(cluster, engine):
    cluster.aliases["t-pages"] = {"t-pages-1"}
    hits = [
        {
            "_index": "t-pages-1",
            "_id": "7",
            "_score": 1_000_000.0,
            "_source": {
                "page_id": 7,
                "kind": "directive",
                "title": "Công văn 5436/UBND-VP",
                "url": "/van-ban/5436/",
                "number": "5436/UBND-VP",
                "issued_on": "2022-05-16",
                "doc_type": "cong-van",
                "doc_type_label": "Công văn",
                "issuer_name": "UBND tỉnh",
                "signer": "Lê Minh Khoa",
                "summary": "V/v thực hiện thủ tục nội bộ",
            },
            "highlight": {
                "summary": ["V/v thực hiện <mark>thủ</mark> tục nội bộ"],
                "body": [
                    "Các <mark>thủ</mark> <mark>tục</mark> <mark>nội</mark> &amp; <mark>bộ</mark>"
                ],
            },
            "matched_queries": ["number", "text"],
        },
        {
            "_index": "t-pages-1",
            "_id": "9",
            "_score": 10_000.0,
            "_source": {
                "page_id": 9,
                "kind": "news",
                "title": "Tin",
                "url": "/tin/",
                "summary": "<b>",
            },
            "matched_queries": ["citing"],
        },
    ]
    aggregations = {
        "kind": buckets(("directive", 1), ("news", 1)),
        "doc_type": buckets(("cong-van", 1), label="Công văn"),
        "issuer": buckets((3, 1), label="UBND tỉnh"),
        "year": buckets((2022, 1)),
        "signer": buckets(("Lê Minh Khoa", 1)),
    }
    cluster.search_responses.append((200, search_response(hits, 2, aggregations)))

    query = understand("5436 ubnd vp", doc_type="cong-van")
    results = engine.search(query)

    (request,) = cluster.sent("POST", "/t-pages/_search")
    assert request.body == _roundtrip(build_search(query, "t-pages").to_dict())
    assert request.headers["accept"].startswith("application/vnd.elasticsearch+json")
    assert results.count == 2
    first, second = results.hits
    assert (first.page_id, first.match, first.issued_on) == (7, "number", date(2022, 5, 16))
    assert (
        first.snippet
        == "Các <mark>thủ</mark> <mark>tục</mark> <mark>nội</mark> &amp; <mark>bộ</mark>"
    )
    assert (second.match, second.snippet, second.issued_on) == ("citing", "&lt;b&gt;", None)
    assert results.facets["kind"] == [
        FacetValue("directive", "Văn bản", 1),
        FacetValue("news", "Tin tức", 1),
    ]
    assert results.facets["doc_type"] == [FacetValue("cong-van", "Công văn", 1)]
    assert results.facets["issuer"] == [FacetValue("3", "UBND tỉnh", 1)]
    assert results.facets["year"] == [FacetValue("2022", "2022", 1)]


def test_page_past_the_end_asks_again_for_the_last_page(cluster, engine):
    cluster.aliases["t-pages"] = {"t-pages-1"}
    hit = {
        "_id": "1",
        "_score": 1.0,
        "_source": {"page_id": 1, "kind": "news", "title": "a", "url": "/a/"},
    }
    cluster.search_responses += [(200, search_response([], 45)), (200, search_response([hit], 45))]
    results = engine.search(understand("thu tuc", page=9))
    first, second = cluster.sent("POST", "/t-pages/_search")
    assert (first.body["from"], second.body["from"]) == (160, 40)
    assert (results.page, results.count, len(results.hits)) == (3, 45, 1)


def test_a_page_beyond_the_result_window_is_the_last_page_inside_it(cluster, engine):
    cluster.aliases["t-pages"] = {"t-pages-1"}
    cluster.search_responses.append((200, search_response([], 0)))
    results = engine.search(understand("x", page=9_999))
    (request,) = cluster.sent("POST", "/t-pages/_search")
    assert request.body["from"] + request.body["size"] == 10_000
    assert results.query.page == 500


def test_no_index_yet_means_no_results(cluster, engine):
    results = engine.search(understand("thu tuc"))
    assert (results.count, results.hits) == (0, [])
    assert engine.suggest("thu tuc") == []


def test_cluster_down_is_search_unavailable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = Elasticsearch(f"http://127.0.0.1:{port}", max_retries=0, request_timeout=2)
    with pytest.raises(SearchUnavailable):
        ElasticsearchEngine(client, prefix="t").search(understand("thu tuc"))


def test_suggestions_label_the_number_when_the_title_lacks_it(cluster, engine):
    cluster.aliases["t-pages"] = {"t-pages-1"}
    hits = [
        {
            "_id": "1",
            "_score": 2.0,
            "_source": {"title": "Kế hoạch chuyển đổi số", "url": "/a/", "number": "92/KH-UBND"},
        },
        {
            "_id": "2",
            "_score": 1.0,
            "_source": {"title": "Công văn 5436/UBND-VP", "url": "/b/", "number": "5436/UBND-VP"},
        },
    ]
    cluster.search_responses.append((200, search_response(hits, 2)))
    suggestions = engine.suggest("Kế hoạch chuy", 5)
    (request,) = cluster.sent("POST", "/t-pages/_search")
    assert request.body["query"]["bool"]["should"][0]["multi_match"]["query"] == "ke hoach chuy"
    assert [(s.label, s.url) for s in suggestions] == [
        ("92/KH-UBND – Kế hoạch chuyển đổi số", "/a/"),
        ("Công văn 5436/UBND-VP", "/b/"),
    ]
    assert engine.suggest("a") == []
    assert len(cluster.requests) == 1


# Keeping the index in step.


@pytest.fixture
def es_settings(settings, cluster):
    """The site configured for Elasticsearch at the fake cluster, engine cache cleared."""
    settings.PORTAL_SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = cluster.url
    settings.PORTAL_SEARCH_INDEX_PREFIX = "site"
    service._engine.cache_clear()
    yield settings
    service._engine.cache_clear()


def _bulk_lines(cluster: FakeCluster) -> list[JSON]:
    return [line for request in cluster.sent("PUT", "/_bulk") for line in request.body]


@pytest.mark.django_db
def test_publish_unpublish_move_and_delete_reach_the_index(site, cluster, es_settings):
    page = make_directive(number="5436/UBND-VP", subject="V/v thủ tục nội bộ")

    # The first write creates the index with the exact definition, behind the alias.
    (created,) = cluster.sent("PUT", r"/site-pages-\d+")
    expected = page_index("x")
    expected.settings(refresh_interval="1s")
    assert created.body == _roundtrip(expected.to_dict())
    assert cluster.aliases["site-pages"] == {created.path.lstrip("/")}
    (publish,) = cluster.sent("PUT", "/_bulk")
    assert publish.params["refresh"] == ["wait_for"]
    assert publish.body[0] == {"index": {"_index": "site-pages", "_id": page.pk}}
    assert publish.body[1]["number_key"] == "5436-ubnd-vp"
    assert publish.body[1]["issued_on"] == "2024-05-16"

    page.unpublish()
    assert _bulk_lines(cluster)[-1] == {"delete": {"_index": "site-pages", "_id": page.pk}}

    page.save_revision().publish()
    assert _bulk_lines(cluster)[-1]["url"].startswith("/van-ban/")
    archive = site.add_child(instance=DirectiveIndexPage(title="Lưu trữ", slug="luu-tru"))
    page.move(archive, pos="last-child")
    assert _bulk_lines(cluster)[-2] == {"index": {"_index": "site-pages", "_id": page.pk}}
    assert _bulk_lines(cluster)[-1]["url"].startswith("/luu-tru/")

    page.delete()
    assert _bulk_lines(cluster)[-1] == {"delete": {"_index": "site-pages", "_id": page.pk}}


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_then_moves_the_alias(site, cluster, engine):
    pages = [make_directive(number=f"{n}/UBND-VP", subject="V/v chuyển đổi số") for n in (1, 2, 3)]
    cluster.aliases["t-pages"] = {"t-pages-old"}
    cluster.indices["t-pages-old"] = {}
    calls: list[tuple[int, int]] = []

    assert (
        engine.rebuild(progress=lambda done, total: calls.append((done, total)), batch_size=2) == 3
    )

    (created,) = cluster.sent("PUT", r"/t-pages-\d+")
    new = created.path.lstrip("/")
    assert created.body["settings"]["refresh_interval"] == "-1"
    assert created.body["settings"]["number_of_replicas"] == 0
    first, second = cluster.sent("PUT", "/_bulk")
    assert [line["index"]["_id"] for line in first.body[::2]] == [pages[0].pk, pages[1].pk]
    assert [line["index"]["_index"] for line in second.body[::2]] == [new]
    (restored,) = cluster.sent("PUT", rf"/{new}/_settings")
    assert restored.body == {"index": {"refresh_interval": "1s", "number_of_replicas": 1}}
    assert cluster.sent("POST", rf"/{new}/_refresh")
    (swap,) = cluster.sent("POST", "/_aliases")
    assert swap.body == {
        "actions": [
            {"remove": {"index": "t-pages-old", "alias": "t-pages"}},
            {"add": {"index": new, "alias": "t-pages"}},
        ]
    }
    assert cluster.aliases["t-pages"] == {new}
    assert set(cluster.indices) == {new}
    assert calls == [(2, 3), (3, 3)]


@pytest.mark.django_db
def test_failed_rebuild_drops_the_new_index_and_keeps_the_old(site, cluster, engine):
    page = make_directive(number="1/UBND-VP")
    cluster.aliases["t-pages"] = {"t-pages-old"}
    cluster.indices["t-pages-old"] = {}
    cluster.bulk_failures[str(page.pk)] = {
        "status": 400,
        "error": {"type": "mapper_parsing_exception", "reason": "bad"},
    }
    with pytest.raises(BulkIndexError):
        engine.rebuild()
    assert cluster.aliases["t-pages"] == {"t-pages-old"}
    assert set(cluster.indices) == {"t-pages-old"}


def test_removing_pages_never_indexed_is_quiet(cluster, engine, caplog):
    cluster.aliases["t-pages"] = {"t-pages-1"}
    assert engine.delete_pages([11, 12]) == 0
    (request,) = cluster.sent("PUT", "/_bulk")
    assert request.body == [
        {"delete": {"_index": "t-pages", "_id": 11}},
        {"delete": {"_index": "t-pages", "_id": 12}},
    ]
    assert "could not remove" not in caplog.text


@pytest.mark.django_db
def test_view_restrictions_reach_the_index(site, cluster, es_settings):
    """A restriction added after publishing deletes the page from the cluster, one on a
    section deletes every page below it, lifting it indexes them again; a page published
    inside a restricted section is never sent."""
    from wagtail.models import PageViewRestriction

    from tests.factories import directive_index

    page = make_directive(number="7781/UBND-KT", subject="V/v kiểm tra nội bộ")
    other = make_directive(number="12/UBND-KT", subject="V/v kho bạc")
    cluster.requests.clear()

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert _bulk_lines(cluster) == [{"delete": {"_index": "site-pages", "_id": page.pk}}]

    restriction.delete()
    lines = _bulk_lines(cluster)
    assert lines[-2] == {"index": {"_index": "site-pages", "_id": page.pk}}
    assert lines[-1]["number"] == "7781/UBND-KT"

    cluster.requests.clear()
    section = PageViewRestriction.objects.create(
        page=directive_index(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    deleted = {line["delete"]["_id"] for line in _bulk_lines(cluster) if "delete" in line}
    assert {page.pk, other.pk} <= deleted
    assert not [line for line in _bulk_lines(cluster) if "index" in line]

    cluster.requests.clear()
    hidden = make_directive(number="55/KH-UBND", subject="V/v kế hoạch mật")
    assert not [line for line in _bulk_lines(cluster) if "index" in line]
    assert {"delete": {"_index": "site-pages", "_id": hidden.pk}} in _bulk_lines(cluster)

    cluster.requests.clear()
    section.delete()
    indexed = {line["index"]["_id"] for line in _bulk_lines(cluster) if "index" in line}
    assert indexed == {page.pk, other.pk, hidden.pk}


@pytest.mark.django_db
def test_renaming_an_agency_reindexes_its_pages(site, cluster, es_settings):
    from tests.factories import make_agency

    agency = make_agency("Sở Thông tin và Truyền thông thử", "STTTT")
    page = make_directive(number="31/STTTT-VP", issuer=agency)
    make_directive(number="40/UBND-VP")  # another issuer: not sent again
    cluster.requests.clear()

    agency.name = "Sở Khoa học và Công nghệ thử"
    agency.save()
    lines = _bulk_lines(cluster)
    assert lines[0] == {"index": {"_index": "site-pages", "_id": page.pk}}
    assert lines[1]["issuer_name"] == "Sở Khoa học và Công nghệ thử"
    assert len(lines) == 2
