"""Schemathesis against the directive and news endpoints of the published OpenAPI schema, in
process (the site's WSGI application, the test database): generated requests, valid and
invalid, must never give a 500, must get the status codes, content types and bodies the
schema promises, and invalid values must be refused. `make api-check` runs the same checks
over HTTP against a running site."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.factories import make_agency, make_directive, make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(site):
    agency = make_agency()
    cited = make_directive(number="5436/UBND-VP", issuer=agency, signer_name="Trần Thị Ký")
    make_directive(
        number="77/SNV-TCBC",
        issuer=agency,
        references=[{"doc_type": "Công văn", "number": "5436/UBND-VP"}],
        tasks=[{"agency": agency, "text": "Báo cáo"}],
    )
    make_news(title="Tin thử", target=cited)
    # As Django's test client does: the end of a request must not close the test's connection
    # (its transaction holds the pages above).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application()).include(
        path_regex="^/api/v1/(directives|news)"
    )
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_directive_and_news_api_conform_to_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def conforms(case):
            case.call_and_validate()

        conforms()
