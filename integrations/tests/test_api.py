"""The integration API with real GOST signatures made by the test PKI: the happy paths of a notice and a
passport sent by a system for the organisation that delegated it, and each refusal with its own code."""

import base64
import datetime
import json
import uuid
from urllib.parse import quote

import pytest
from django.utils import timezone

from addresses.notices.models import Notice
from addresses.tests.factories import AddressFactory
from integrations import services
from integrations.choices import InformationKind, SystemStatus
from integrations.models import IdempotentResponse
from integrations.tests import factories
from integrations.tests.conftest import canonical
from passports.choices import Status as PassportStatus
from passports.models import Passport
from passports.tests.factories import COMPLETE, SYSTEM
from passports.tests.factories import served as serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegation(active_system, organisation):
    return factories.delegation(organisation, active_system)


def notice_body(address):
    return json.dumps({"kind": "add", "address_ids": [address.pk], "basis_kind": "contract", "basis_number": "12/УК",
                       "basis_date": "2026-10-01", "starts_on": "2026-12-01"}).encode()


def error_code(response):
    return response.json()["error"]["code"]


def test_a_system_creates_signs_and_sends_a_notice(signed_call, legal_key, active_system, delegation):
    address = AddressFactory()
    created = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                          notice_body(address), **{"Idempotency-Key": "n-1"})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    text = signed_call("get", f"/api/v1/notices/{pk}/text", legal_key, active_system, delegation.provider_id)
    assert text.status_code == 200 and "ул" in text.content.decode() or text.content
    sent = signed_call("post", f"/api/v1/notices/{pk}/send", legal_key, active_system, delegation.provider_id,
                       text.content, document=legal_key)
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "sent" and sent.json()["number"]
    notice = Notice.objects.get(pk=pk)
    assert notice.organisation == delegation.organisation and bytes(notice.signature)
    assert notice.signature_report["indication"] == "TOTAL_PASSED"
    assert str(active_system.identifier) in notice.signature_summary
    history = signed_call("get", f"/api/v1/notices/{pk}/history", legal_key, active_system, delegation.provider_id)
    assert [row["to_status"] for row in history.json()["history"]] == ["sent"]


def test_a_retry_with_the_same_idempotency_key_creates_nothing_new(signed_call, legal_key, active_system, delegation):
    body = notice_body(AddressFactory())
    first = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id, body,
                        **{"Idempotency-Key": "same"})
    again = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id, body,
                        **{"Idempotency-Key": "same"})
    assert (first.status_code, again.status_code) == (201, 201) and first.json() == again.json()
    assert Notice.objects.count() == 1 and IdempotentResponse.objects.count() == 1
    other = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                        notice_body(AddressFactory()), **{"Idempotency-Key": "same"})
    assert (other.status_code, error_code(other)) == (409, "idempotency_key_reused")


def test_a_system_creates_fills_checks_and_sends_a_passport(signed_call, legal_key, active_system, delegation):
    address = serve(delegation.organisation)
    call = lambda method, path, body=b"": signed_call(method, path, legal_key, active_system,  # noqa: E731
                                                      delegation.provider_id, body)
    created = call("post", "/api/v1/passports", json.dumps({"address_id": address.pk}).encode())
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    general = {name: str(value) for name, value in COMPLETE.items()}
    systems = {kind: {name: (value.isoformat() if hasattr(value, "isoformat") else value)
                      for name, value in SYSTEM.items()} for kind in created.json()["systems"]}
    updated = call("put", f"/api/v1/passports/{pk}", json.dumps({"general": general, "systems": systems}).encode())
    assert updated.status_code == 200, updated.content
    checked = call("post", f"/api/v1/passports/{pk}/validate")
    assert checked.status_code == 200 and checked.json()["status"] == "validated", checked.content.decode()
    content = call("get", f"/api/v1/passports/{pk}/content")
    sent = signed_call("post", f"/api/v1/passports/{pk}/send", legal_key, active_system, delegation.provider_id,
                       content.content, document=legal_key)
    assert sent.status_code == 200, sent.content
    passport = Passport.objects.get(pk=pk)
    assert passport.status == PassportStatus.SENT and passport.number and bytes(passport.signature)


def test_the_address_register_needs_no_provider_but_a_signature(signed_call, legal_key, active_system, client):
    AddressFactory(full_text="г. Белгород, ул. Щорса, д. 8", search_text="г белгород ул щорса д 8")
    found = signed_call("get", "/api/v1/addresses?q=" + quote("щорса"), legal_key, active_system)
    assert found.status_code == 200 and found.json()["addresses"][0]["text"].endswith("д. 8")
    unsigned = client.get("/api/v1/addresses?q=щорса")
    assert (unsigned.status_code, error_code(unsigned)) == (401, "header_missing")


# --- Refusals, each with its own code --------------------------------------------------------------------

def test_a_request_signed_with_another_key_is_refused(signed_call, second_key, active_system, delegation):
    response = signed_call("get", "/api/v1/notices", second_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (401, "certificate_mismatch")


def test_a_body_changed_after_signing_is_refused(signed_call, sign_bytes, legal_key, active_system, delegation):
    body = notice_body(AddressFactory())
    signature = sign_bytes(legal_key, canonical("post", "/api/v1/notices", active_system, delegation.provider_id,
                                                "00000000-0000-4000-8000-000000000001", body))
    response = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                           body.replace(b"12/", b"13/"), signature=signature,
                           request_id="00000000-0000-4000-8000-000000000001")
    assert (response.status_code, error_code(response)) == (401, "body_changed")
    assert not Notice.objects.exists()


REQUEST_ID = "3f1c4a52-8d1e-4f7a-9a51-0c2b6d7e8f90"


def captured(sign_bytes, key, system, delegation, method="get", path="/api/v1/notices", body=b""):
    return sign_bytes(key, canonical(method, path, system, delegation.provider_id, REQUEST_ID, body))


def test_a_replayed_request_is_refused(signed_call, sign_bytes, legal_key, active_system, delegation):
    signature = captured(sign_bytes, legal_key, active_system, delegation)
    first = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                        signature=signature, request_id=REQUEST_ID)
    replay = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                         signature=signature, request_id=REQUEST_ID)
    assert first.status_code == 200 and (replay.status_code, error_code(replay)) == (409, "replayed_request")


@pytest.mark.parametrize("encode", [
    lambda der: base64.b64encode(der),  # base64 of base64
    lambda der: b"-----BEGIN CMS-----\n" + base64.encodebytes(der) + b"-----END CMS-----\n",
    lambda der: der + b"\n",
], ids=["double-base64", "pem", "trailing-newline"])
def test_a_signature_in_another_encoding_is_refused(signed_call, sign_bytes, legal_key, active_system, delegation,
                                                     encode):
    """Review finding: a captured signature re-encoded must not pass as a new one."""
    der = captured(sign_bytes, legal_key, active_system, delegation)
    assert signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                       signature=der, request_id=REQUEST_ID).status_code == 200
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                           signature=encode(der), request_id=REQUEST_ID)
    assert (response.status_code, error_code(response)) == (401, "signature_unreadable")


def test_a_signature_seen_on_one_path_cannot_drive_another(signed_call, sign_bytes, legal_key, active_system,
                                                             delegation):
    """Review finding: an empty-body GET's signature replayed as a state-changing POST."""
    der = captured(sign_bytes, legal_key, active_system, delegation)
    passport = signed_call("post", "/api/v1/passports/1/validate", legal_key, active_system, delegation.provider_id,
                           signature=der, request_id=str(uuid.uuid4()))
    assert (passport.status_code, error_code(passport)) == (401, "body_changed")


def test_a_signature_made_for_one_organisation_cannot_act_for_another(signed_call, sign_bytes, legal_key,
                                                                        active_system, delegation):
    der = sign_bytes(legal_key, canonical("get", "/api/v1/notices", active_system, delegation.provider_id,
                                          REQUEST_ID, b""))
    other = "00000000-0000-4000-8000-0000000000aa"
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, other, signature=der,
                           request_id=REQUEST_ID)
    assert (response.status_code, error_code(response)) == (401, "body_changed")


def test_an_old_signature_is_refused(signed_call, legal_key, active_system, delegation, settings):
    settings.INTEGRATIONS_CLOCK_WINDOW_SECONDS = -1  # every signing time is then outside the window
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (401, "signing_time_outside_window")


def test_a_revoked_delegation_is_refused(signed_call, legal_key, active_system, delegation, organisation):
    services.delegation_revoke(delegation=delegation, actor=organisation)
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (403, "delegation_revoked")


def test_an_expired_delegation_is_refused(signed_call, legal_key, active_system, organisation):
    today = timezone.localdate()
    expired = factories.delegation(organisation, active_system, starts_on=today - datetime.timedelta(days=30),
                                   ends_on=today - datetime.timedelta(days=1))
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, expired.provider_id)
    assert (response.status_code, error_code(response)) == (403, "delegation_expired")
    assert "истёк" in response.json()["error"]["message"]


def test_a_kind_not_granted_is_refused(signed_call, legal_key, active_system, organisation):
    notices_only = factories.delegation(organisation, active_system, kinds=[InformationKind.NOTICES])
    response = signed_call("get", "/api/v1/passports/1", legal_key, active_system, notices_only.provider_id)
    assert (response.status_code, error_code(response)) == (403, "kind_not_granted")


def test_a_blocked_system_is_refused(signed_call, legal_key, active_system, delegation, reviewer):
    services.system_block(system=active_system, actor=reviewer, reason="Компрометация ключа")
    active_system.refresh_from_db()
    assert active_system.status == SystemStatus.BLOCKED
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (403, "system_inactive")


def test_an_unknown_provider_and_garbage_signatures_are_refused(signed_call, legal_key, active_system, delegation):
    unknown = signed_call("get", "/api/v1/notices", legal_key, active_system, "00000000-0000-0000-0000-000000000000")
    assert error_code(unknown) == "delegation_unknown"
    garbage = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                          signature=b"\x30\x03\x02\x01\x01")
    malformed = signed_call("get", "/api/v1/notices", legal_key, active_system, "not-a-uuid")
    assert (malformed.status_code, error_code(malformed)) == (400, "header_malformed")
    assert (garbage.status_code, error_code(garbage)) == (401, "signature_invalid")


def test_the_rate_limit_answers_429(signed_call, legal_key, active_system, delegation, settings):
    settings.INTEGRATIONS_RATE_LIMIT_PER_MINUTE = 1
    assert signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id).status_code == 200
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (429, "rate_limited")


def test_another_organisations_notice_is_not_found(signed_call, legal_key, active_system, delegation, reviewer):
    from addresses.tests.notice_factories import draft, stranger_organisation

    theirs = draft(stranger_organisation(reviewer))
    response = signed_call("get", f"/api/v1/notices/{theirs.pk}", legal_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (404, "not_found")


def test_the_openapi_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200 and "/api/v1/notices/{pk}/send" in schema.json()["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_a_post_needs_no_csrf_token(active_system, legal_key, delegation, sign_bytes):
    from django.test import Client

    body = notice_body(AddressFactory())
    signature = sign_bytes(legal_key, canonical("post", "/api/v1/notices", active_system, delegation.provider_id,
                                                REQUEST_ID, body))
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/notices", data=body, content_type="application/json", HTTP_X_IS_ID=str(active_system.identifier),
        HTTP_X_PROVIDER_ID=str(delegation.provider_id), HTTP_X_REQUEST_ID=REQUEST_ID,
        HTTP_X_SIGNATURE=base64.b64encode(signature).decode())
    assert response.status_code == 201, response.content


def test_old_api_records_are_purged_and_recent_ones_kept(signed_call, legal_key, active_system, delegation, settings):
    from integrations.models import ApiNonce

    signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id)
    signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                notice_body(AddressFactory()), **{"Idempotency-Key": "k"})
    assert services.api_records_purge() == (0, 0)
    later = timezone.now() + datetime.timedelta(hours=settings.INTEGRATIONS_IDEMPOTENCY_HOURS + 1)
    assert services.api_records_purge(now=later) == (2, 1)
    assert not ApiNonce.objects.exists() and not IdempotentResponse.objects.exists()


def test_a_passport_history_is_served(signed_call, legal_key, active_system, delegation):
    address = serve(delegation.organisation)
    created = signed_call("post", "/api/v1/passports", legal_key, active_system, delegation.provider_id,
                          json.dumps({"address_id": address.pk}).encode())
    history = signed_call("get", f"/api/v1/passports/{created.json()['id']}/history", legal_key, active_system,
                          delegation.provider_id)
    assert history.status_code == 200 and history.json() == {"history": []}


def test_an_idempotency_key_is_kept_per_organisation(signed_call, legal_key, active_system, delegation):
    """Review finding: a commercial system's key used for two organisations must not return the first's notice:
    the key is stored under the provider and the operation."""
    body = notice_body(AddressFactory())
    first = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id, body,
                        **{"Idempotency-Key": "k-1"})
    assert first.status_code == 201
    assert IdempotentResponse.objects.get().key.startswith(f"{delegation.provider_id}|POST /api/v1/notices|")


def test_unsigned_junk_does_not_spend_the_systems_rate_limit(signed_call, client, legal_key, active_system,
                                                             delegation, settings):
    settings.INTEGRATIONS_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        junk = client.get("/api/v1/notices", HTTP_X_IS_ID=str(active_system.identifier),
                          HTTP_X_REQUEST_ID=str(uuid.uuid4()), HTTP_X_SIGNATURE="MAMCAQE=",
                          HTTP_X_PROVIDER_ID=str(delegation.provider_id), REMOTE_ADDR="10.9.9.9")
        assert junk.status_code == 401
    assert signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id).status_code == 200
    refused = client.get("/api/v1/notices", HTTP_X_IS_ID=str(active_system.identifier), REMOTE_ADDR="10.9.9.9")
    assert (refused.status_code, error_code(refused)) == (429, "rate_limited")


def test_rights_end_with_the_organisations_agreement(signed_call, legal_key, active_system, delegation, reviewer):
    from agreements import services as agreements

    agreement = agreements.agreement_in_force_for(delegation.organisation)
    agreements.agreement_terminate(agreement=agreement, actor=reviewer, reason="Расторгнуто")
    response = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) in {(403, "agreement_not_in_force"),
                                                             (403, "operator_agreement_not_in_force")}


@pytest.mark.parametrize("address_id", ["abc", [1], {"id": 1}, True, None])
def test_a_malformed_address_id_is_invalid_not_a_server_error(signed_call, legal_key, active_system, delegation,
                                                               address_id):
    response = signed_call("post", "/api/v1/passports", legal_key, active_system, delegation.provider_id,
                           json.dumps({"address_id": address_id}).encode())
    assert (response.status_code, error_code(response)) == (422, "invalid")


def test_booleans_are_not_register_ids(signed_call, legal_key, active_system, delegation):
    body = json.loads(notice_body(AddressFactory()))
    body["address_ids"] = [True]
    response = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                           json.dumps(body).encode())
    assert (response.status_code, error_code(response)) == (422, "invalid") and not Notice.objects.exists()


def test_a_body_over_the_limit_is_refused_clearly(signed_call, legal_key, active_system, delegation, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id, b"{" * 2000)
    assert response.status_code in (400, 413) and error_code(response) == "body_too_large"


def test_a_second_send_is_refused_not_a_server_error(signed_call, legal_key, active_system, delegation):
    created = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                          notice_body(AddressFactory()))
    pk = created.json()["id"]
    text = signed_call("get", f"/api/v1/notices/{pk}/text", legal_key, active_system, delegation.provider_id).content
    first = signed_call("post", f"/api/v1/notices/{pk}/send", legal_key, active_system, delegation.provider_id, text,
                        document=legal_key)
    again = signed_call("post", f"/api/v1/notices/{pk}/send", legal_key, active_system, delegation.provider_id, text,
                        document=legal_key)
    assert first.status_code == 200 and (again.status_code, error_code(again)) == (409, "refused")


def test_a_send_without_a_document_signature_is_refused(signed_call, legal_key, active_system, delegation):
    created = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                          notice_body(AddressFactory()))
    pk = created.json()["id"]
    text = signed_call("get", f"/api/v1/notices/{pk}/text", legal_key, active_system, delegation.provider_id).content
    response = signed_call("post", f"/api/v1/notices/{pk}/send", legal_key, active_system, delegation.provider_id, text)
    assert (response.status_code, error_code(response)) == (401, "header_missing")
    assert Notice.objects.get(pk=pk).status == "draft"


def test_a_draft_notice_is_changed_through_the_api(signed_call, legal_key, active_system, delegation):
    created = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                          notice_body(AddressFactory()))
    other = AddressFactory()
    changed = signed_call("put", f"/api/v1/notices/{created.json()['id']}", legal_key, active_system,
                          delegation.provider_id, notice_body(other))
    assert changed.status_code == 200 and [a["id"] for a in changed.json()["addresses"]] == [other.pk]


def test_the_schema_documents_the_signed_headers_and_bodies(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/notices"]["post"]
    headers = {parameter["name"] for parameter in operation["parameters"] if parameter["in"] == "header"}
    assert {"X-IS-Id", "X-Provider-Id", "X-Request-Id", "X-Signature", "Idempotency-Key"} <= headers
    assert "address_ids" in operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert "replayed_request" in str(operation["responses"]["409"])
