"""Fuzzing the API from its own OpenAPI document (schemathesis): whatever a client sends
within the documented shapes, the service never answers 5xx, and its answers match their
documented schemas. Bounded: a few generated requests per operation, as the bureau."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from jobs_app import background

EXAMPLES_PER_OPERATION = 6
CHECKS = [not_a_server_error, response_schema_conformance]


def operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def fuzz(app, operation, token: str) -> None:
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=operation.as_strategy())
    def one_request(case):
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        background.wait_all(app)  # an allocation run started here ends before the cleanup
        case.validate_response(response, checks=CHECKS)

    one_request()


# schemathesis's WSGI transport reads a streamed download without closing it, so the
# temporary file behind an export is closed by the garbage collector instead.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_no_server_error_and_answers_match_their_schemas(app, world):
    found = operations(app)
    assert len(found) > 50
    failed = {}
    for operation in found:
        try:
            fuzz(app, operation, world.tokens["bureau"])
        except (Exception, BaseExceptionGroup) as failure:  # schemathesis raises a group
            failed[f"{operation.method.upper()} {operation.path}"] = _first_line(failure)
    assert failed == {}


def _first_line(failure: BaseException) -> str:
    """The first sub-failure's first line, for a readable list of what broke where."""
    inner = getattr(failure, "exceptions", None)
    text = str(inner[0] if inner else failure)
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[:3]) if lines else type(failure).__name__
