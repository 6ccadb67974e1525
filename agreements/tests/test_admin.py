"""The agreement template is kept in the admin; a version already used can no longer be edited."""

import pytest
from django.urls import reverse

from agreements.models import AgreementTemplate
from agreements.tests.factories import submitted

pytestmark = pytest.mark.django_db


def test_a_used_template_version_is_read_only(admin_client):
    agreement = submitted()
    page = admin_client.get(reverse("admin:agreements_agreementtemplate_change", args=[agreement.template.pk]))
    assert page.status_code == 200 and 'name="body"' not in page.content.decode()
    admin_client.post(reverse("admin:agreements_agreementtemplate_change", args=[agreement.template.pk]),
                      {"version": 1, "title": "x", "body": "changed", "is_active": "on", "created_at_0": "01.01.2026",
                       "created_at_1": "00:00:00"})
    assert AgreementTemplate.objects.get(pk=agreement.template.pk).body != "changed"


def test_a_new_version_can_be_added_and_agreements_are_listed(admin_client):
    submitted()
    assert admin_client.get(reverse("admin:agreements_agreementtemplate_add")).status_code == 200
    listing = admin_client.get(reverse("admin:agreements_agreement_changelist"), {"q": "Ромашка"})
    assert listing.status_code == 200 and "ООО «Ромашка»" in listing.content.decode()
    agreement_page = admin_client.get(reverse("admin:agreements_agreement_change", args=[submitted().pk]))
    assert agreement_page.status_code == 200
