import oci
import pytest
from oci._vendor.requests.exceptions import ConnectionError as SdkConnectionError
from oci._vendor.requests.exceptions import ConnectTimeout, ReadTimeout

from tui.cloud.errors import CloudError, from_exception, hint_for
from tui.facts.regions import UnknownRegionError, lookup_region


def service_error(status, code, message="boom", headers=None):
    headers = {"opc-request-id": "REQ123", **(headers or {})}
    return oci.exceptions.ServiceError(status, code, headers, message)


@pytest.mark.parametrize(
    "status, code, needle",
    [
        (401, "NotAuthenticated", "fingerprint"),
        (401, "NotAuthenticated", "clock"),
        (404, "NotAuthorizedOrNotFound", "compartment"),
        (404, "NotAuthorizedOrNotFound", "region"),
        (409, "Conflict", "in use"),
        (409, "IncorrectState", "transitional"),
        (409, "InvalidatedRetryToken", "retry token"),
        (412, "NoEtagMatch", "reload"),
        (429, "TooManyRequests", "Throttled"),
        (500, "InternalServerError", "retry later"),
        (503, "ServiceUnavailable", "unavailable"),
    ],
)
def test_service_error_conversion_carries_facts_and_hint(status, code, needle):
    err = from_exception(service_error(status, code, "the message"), "GetModel", lookup_region("ord"))
    assert isinstance(err, CloudError)
    assert (err.status, err.code, err.message) == (status, code, "the message")
    assert err.opc_request_id == "REQ123"
    assert err.operation == "GetModel"
    assert err.region == "us-chicago-1"
    assert needle.lower() in err.hint.lower()


def test_429_hint_names_retry_after_seconds():
    err = from_exception(service_error(429, "TooManyRequests", headers={"retry-after": "7"}), "ListModels")
    assert err.retry_after == 7.0
    assert "retry after 7 s" in err.hint


def test_str_is_one_line_with_request_id():
    err = from_exception(service_error(404, "NotAuthorizedOrNotFound", "line one\nline two"), "GetModel", "us-ashburn-1")
    text = str(err)
    assert "\n" not in text
    assert text.startswith("GetModel [us-ashburn-1]: 404 NotAuthorizedOrNotFound line one line two")
    assert "REQ123" in text


def test_connection_refused_is_recognised():
    inner = ConnectionRefusedError(111, "Connection refused")
    exc = SdkConnectionError(inner)
    err = from_exception(exc, "ListModels", "us-chicago-1")
    assert err.code == "ConnectionRefused"
    assert "refused" in err.hint.lower()
    assert err.status is None


def test_other_connection_error_and_timeouts():
    assert from_exception(SdkConnectionError("name resolution failed"), "X").code == "ConnectionError"
    assert from_exception(ConnectTimeout("connect timed out"), "X").code == "Timeout"
    err = from_exception(ReadTimeout("read timed out"), "X")
    assert err.code == "Timeout" and "timed out" in err.hint.lower()


def test_unknown_region_lists_valid_ones():
    with pytest.raises(UnknownRegionError) as info:
        lookup_region("mars-north-1")
    err = from_exception(info.value, "ListModels")
    assert err.code == "UnknownRegion"
    assert "us-chicago-1" in err.message and "eu-frankfurt-2" in err.message


def test_invalid_config_names_the_fields():
    err = from_exception(oci.exceptions.InvalidConfig({"fingerprint": "malformed", "region": "missing"}), "Load")
    assert err.code == "InvalidConfig"
    assert "fingerprint malformed" in err.message and "region missing" in err.message
    assert "config" in err.hint.lower()


def test_cloud_error_passes_through_and_gains_context():
    original = CloudError("x", code="Y")
    same = from_exception(original, "GetModel", "us-phoenix-1")
    assert same is original
    assert (same.operation, same.region) == ("GetModel", "us-phoenix-1")


def test_hint_for_unknown_status_is_none():
    assert hint_for(418, "Teapot") is None
    assert hint_for(None, None) is None
