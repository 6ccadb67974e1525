"""docs/integration_client.py against a running portal (live server): it signs with openssl's GOST engine
and sends a passport for the organisation that delegated the right to the system."""

import importlib
import importlib.util
import json
from pathlib import Path

import pytest
from django.apps import apps

from integrations.tests import factories
from passports.choices import SYSTEM_ORDER
from passports.models import Passport
from passports.tests.factories import COMPLETE, SYSTEM
from passports.tests.factories import served as serve

pytestmark = pytest.mark.django_db(transaction=True)
CLIENT = Path(__file__).resolve().parents[2] / "docs" / "integration_client.py"


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    for module, function in [("accounts.migrations.0002_staff_groups_and_consent", "create"),
                             ("agreements.migrations.0002_reviewers_and_template", "load")]:
        getattr(importlib.import_module(module), function)(apps, None)


def load_client():
    spec = importlib.util.spec_from_file_location("integration_client", CLIENT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_client_sends_a_passport(live_server, active_system, organisation, legal_key, tmp_path):
    delegation = factories.delegation(organisation, active_system)
    address = serve(organisation)
    data = {"general": {name: str(value) for name, value in COMPLETE.items()},
            "systems": {kind: {name: (v.isoformat() if hasattr(v, "isoformat") else v) for name, v in SYSTEM.items()}
                        for kind in SYSTEM_ORDER}}
    (tmp_path / "passport.json").write_text(json.dumps(data), encoding="utf-8")
    module = load_client()
    code = module.main(["--url", live_server.url, "--system", str(active_system.identifier),
                        "--provider", str(delegation.provider_id), "--cert", str(legal_key.cert),
                        "--key", str(legal_key.key), "send-passport", "--address-id", str(address.pk),
                        "--data", str(tmp_path / "passport.json")])
    assert code == 0
    passport = Passport.objects.get(address=address)
    assert passport.status == "sent" and passport.signature_report["indication"] == "TOTAL_PASSED"


def test_the_reference_client_reports_a_refusal(live_server, active_system, organisation, second_key, capsys):
    delegation = factories.delegation(organisation, active_system)
    client = load_client().Client(live_server.url, str(active_system.identifier), str(delegation.provider_id),
                                  str(second_key.cert), str(second_key.key))
    with pytest.raises(Exception) as error:
        client.call("GET", "/api/v1/served-addresses")
    assert error.value.code == "certificate_mismatch" and error.value.status == 401
