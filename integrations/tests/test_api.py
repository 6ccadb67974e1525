"""The integration API with real GOST signatures made by the test PKI: the happy paths of a notice and a
passport sent by a system for the organisation that delegated it, and each refusal with its own code."""

import base64
import datetime
import json

import pytest
from django.utils import timezone

from addresses.notices.models import Notice
from addresses.tests.factories import AddressFactory
from integrations import services
from integrations.choices import InformationKind, SystemStatus
from integrations.models import IdempotentResponse
from integrations.tests import factories
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
                       text.content)
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
    sent = call("post", f"/api/v1/passports/{pk}/send", content.content)
    assert sent.status_code == 200, sent.content
    passport = Passport.objects.get(pk=pk)
    assert passport.status == PassportStatus.SENT and passport.number and bytes(passport.signature)


def test_the_address_register_needs_no_provider_but_a_signature(signed_call, legal_key, active_system, client):
    AddressFactory(full_text="г. Белгород, ул. Щорса, д. 8", search_text="г белгород ул щорса д 8")
    found = signed_call("get", "/api/v1/addresses?q=щорса", legal_key, active_system)
    assert found.status_code == 200 and found.json()["addresses"][0]["text"].endswith("д. 8")
    unsigned = client.get("/api/v1/addresses?q=щорса")
    assert (unsigned.status_code, error_code(unsigned)) == (401, "signature_missing")


# --- Refusals, each with its own code --------------------------------------------------------------------

def test_a_request_signed_with_another_key_is_refused(signed_call, second_key, active_system, delegation):
    response = signed_call("get", "/api/v1/notices", second_key, active_system, delegation.provider_id)
    assert (response.status_code, error_code(response)) == (401, "certificate_mismatch")


def test_a_body_changed_after_signing_is_refused(signed_call, sign_bytes, legal_key, active_system, delegation):
    body = notice_body(AddressFactory())
    signature = sign_bytes(legal_key, body)
    response = signed_call("post", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                           body.replace(b"12/", b"13/"), signature=signature)
    assert (response.status_code, error_code(response)) == (401, "body_changed")
    assert not Notice.objects.exists()


def test_a_replayed_request_is_refused(signed_call, sign_bytes, legal_key, active_system, delegation):
    signature = sign_bytes(legal_key, b"")
    first = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                        signature=signature)
    replay = signed_call("get", "/api/v1/notices", legal_key, active_system, delegation.provider_id,
                         signature=signature)
    assert first.status_code == 200 and (replay.status_code, error_code(replay)) == (409, "replayed_request")


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
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/notices", data=body, content_type="application/json", HTTP_X_IS_ID=str(active_system.identifier),
        HTTP_X_PROVIDER_ID=str(delegation.provider_id),
        HTTP_X_SIGNATURE=base64.b64encode(sign_bytes(legal_key, body)).decode())
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
