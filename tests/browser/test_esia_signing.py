"""A person who logged in through a confirmed Gosuslugi account signs the application with the simple
e-signature confirmed through Gosuslugi: no SMS code; desktop and phone widths (issue 15)."""

import pytest
from playwright.sync_api import expect

from accounts.esia.testing import data
from accounts.esia.testing.fixtures import esia  # noqa: F401  (the stand-in ESIA fixture)
from accounts.models import User
from accounts.tests.factories import StaffFactory
from applications.models import Status
from applications.simple_signing import act_of
from applications.tests.factories import submitted
from notifications.models import Notification
from portal.tests.factories import BranchFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("esia")
@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
def test_an_identified_person_signs_confirmed_through_gosuslugi(page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Войти через Госуслуги").click()
    page.get_by_role("button", name="Предоставить").click()
    expect(page.get_by_role("heading", name="От чьего имени вы действуете?")).to_be_visible()

    person = User.objects.get(username=f"esia-{data.PERSON_OID}")
    staff = StaffFactory(username="staff")
    BranchFactory().staff.add(staff)
    application = submitted(person)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)

    page.goto(f"/applications/{application.pk}/sign/")
    expect(page.locator("#simple-offer")).to_contain_text("Вошли через Госуслуги: код не нужен")
    page.get_by_role("link", name="Подписать простой электронной подписью").click()
    page.locator("#accept-agreement").click()
    expect(page.locator("#esia-sign")).to_contain_text("Простая ЭП, подтверждённая через Госуслуги")
    screenshot(f"esia-sign-{width}")
    page.get_by_role("button", name="Подписать с подтверждением через Госуслуги").click()
    expect(page.locator("body")).to_contain_text("подтверждённой через Госуслуги (акт №")
    screenshot(f"esia-signed-{width}")
    application.refresh_from_db()
    act = act_of(application)
    assert application.status == Status.SIGNED and act.method == "esia" and act.esia_oid == data.PERSON_OID
    assert not Notification.objects.filter(template="simple_signature_code").exists()
