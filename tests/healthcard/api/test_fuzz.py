"""Property-based: schemathesis generates requests for every operation in the OpenAPI
schema, valid and invalid, and sends them to the real application in-process. None may end
in a server error. (Driven through hypothesis directly: schemathesis' pytest plugin does not
yet run on pytest 9.)"""

from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from healthcard.api.devkey import mint_token
from healthcard.demo import week_30_full_history
from tests.conftest import KARI

EXAMPLES_PER_OPERATION = 30


def test_no_generated_request_causes_a_server_error(api_schema, citizen):
    week_30_full_history(citizen)
    ours = {
        "Authorization": f"Bearer {mint_token()}",
        "nhn-patient-nin": KARI.nin,
        "nhn-source-system": "Schemathesis",
    }
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def no_server_error(case):
            # A valid token and woman, so that requests get past the door and reach the code.
            case.headers = {**(case.headers or {}), **ours}
            case.call_and_validate(checks=[not_a_server_error])

        no_server_error()
