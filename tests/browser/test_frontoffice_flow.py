"""A front-office operator registers a walk-in representative's documents (seed 004 §3): service, suggestions,
GAR address, a polygon on the map with tiles from a local tile server, two described attachments; then the
visit registry; the executor sees the new case."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.tests.factories import LegalApplicantFactory, StaffFactory
from addresses.tests.factories import AddressFactory
from applications.models import Status
from applications.tests.factories import PDF_BYTES
from frontoffice import services
from frontoffice.models import Intake
from frontoffice.testing.tiles import TileServer
from frontoffice.tests.factories import POWER_OF_ATTORNEY, SITE_PLAN, ServiceFactory, front_office_operator
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_application_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tiles(settings):
    server = TileServer().start()
    settings.FRONTOFFICE_TILE_URL = server.url_template
    yield server
    server.stop()


def _earlier_visit(service, organisation, operator, address):
    files = [(SimpleUploadedFile("Заявление.pdf", PDF_BYTES), "Заявление", None)]
    data = {"representative_name": "Кузнецов Олег Игоревич", "representative_passport": "123456",
            "address": address, "address_detail": "", "comment": "",
            "geometry": {"type": "Point", "coordinates": [36.5873, 50.5955]}}
    return services.intake_register(operator=operator, service=service, applicant=organisation, data=data,
                                    files=files)[0]


def test_an_operator_registers_documents_and_the_executor_sees_the_case(page, browser, live_server, tiles,
                                                                        tmp_path, screenshot):
    operator, executor = front_office_operator(), StaffFactory(username="executor")
    service = ServiceFactory(executor=executor, required_fields=["address_detail"])
    organisation = LegalApplicantFactory(username="romashka")
    address = AddressFactory(street="ул. Садовая", house="д. 12", latitude=Decimal("50.601"),
                             longitude=Decimal("36.6"))
    earlier = _earlier_visit(service, organisation, operator, address)

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "operator")
    page.goto("/staff/")
    page.get_by_role("link", name="Услуги", exact=True).click()
    page.get_by_role("link", name=f"Приём документов: {service.name}").click()
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()

    applicant_label = "Организация или гражданин: ИНН, ОГРН, СНИЛС, наименование, ФИО или адрес"
    page.get_by_label(applicant_label).fill(organisation.profile.inn[:4])
    page.locator("#id_applicant_query-list").get_by_text("ООО «Ромашка»").click()
    page.get_by_label("Номер паспорта (6 цифр, без серии)").fill("123")
    page.locator("#id_representative_passport-list").get_by_text("Кузнецов Олег Игоревич — паспорт 123***").click()
    expect(page.get_by_label("ФИО представителя")).to_have_value("Кузнецов Олег Игоревич")
    page.get_by_label("Номер паспорта (6 цифр, без серии)").fill("123456")
    page.get_by_label("Адрес", exact=True).fill("Садовая 12")
    page.locator("#id_address_query-list").get_by_text("ул. Садовая, д. 12").click()
    # The map opens on the chosen address (Leaflet animates the zoom: wait for it to settle).
    page.wait_for_function("Math.abs(window.intakeMap.getCenter().lat - 50.601) < 1e-4 "
                           "&& Math.abs(window.intakeMap.getCenter().lng - 36.6) < 1e-4")
    page.get_by_label("Уточнение адреса или места проведения работ").fill("Участок за домом, у северной проходной")

    page.get_by_role("button", name="Полигон").click()
    for x, y in ((200, 100), (320, 120), (300, 240)):
        page.locator("#map").click(position={"x": x, "y": y})
    expect(page.get_by_label("Координаты")).to_have_value(re.compile('"type": ?"Polygon"'))

    paths = []
    for name in ("Доверенность.pdf", "План участка.pdf", "Лишний.pdf"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(PDF_BYTES + f"\n% {name}\n".encode())  # distinct: a repeated file is refused
    page.locator("#files").set_input_files([str(p) for p in paths])
    page.get_by_role("button", name="Убрать: Лишний.pdf").click()
    page.get_by_label("Описание документа: Доверенность.pdf").fill("Доверенность представителя")
    page.get_by_label("Какой это документ: Доверенность.pdf").select_option(label=POWER_OF_ATTORNEY)
    page.get_by_label("Описание документа: План участка.pdf").fill("Ситуационный план")
    screenshot("form")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("form-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert not errors, errors

    # The plan is not marked as the required «Ситуационный план»: refused, the reason next to it, nothing lost.
    page.get_by_role("button", name="Зарегистрировать").click()
    expect(page.locator("#intake-errors")).to_be_visible()
    expect(page.locator(".missing-document")).to_have_count(1)
    expect(page.locator("#service-documents")).to_contain_text(f"{SITE_PLAN} (обязательный) — не приложен")
    expect(page.get_by_label("Уточнение адреса или места проведения работ")).to_have_value(
        "Участок за домом, у северной проходной")
    expect(page.get_by_label("Описание документа: План участка.pdf")).to_have_value("Ситуационный план")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(1)  # the polygon is drawn again
    assert not Intake.objects.exclude(pk=earlier.pk).exists()
    screenshot("refused")
    page.get_by_label("Какой это документ: План участка.pdf").select_option(label=SITE_PLAN)
    page.get_by_role("button", name="Зарегистрировать").click()

    intake = Intake.objects.exclude(pk=earlier.pk).get()
    expect(page.get_by_text(f"№ {intake.application.number}").first).to_be_visible()
    assert intake.geometry["type"] == "Polygon" and len(intake.geometry["coordinates"][0]) == 4
    assert sorted(a.description for a in intake.attachments.all()) == ["Доверенность представителя",
                                                                       "Ситуационный план"]
    assert intake.application.status == Status.SUBMITTED and intake.applicant == organisation
    assert tiles.requests  # the map's tiles came from the local tile server
    rows = page.locator("#visits tbody tr")
    expect(rows).to_have_count(2)
    screenshot("registered")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out on a phone
    screenshot("registered-phone")
    page.locator("#visits-list li").nth(1).get_by_role("link", name="Просмотреть").click()
    expect(page.get_by_text(f"№ {earlier.application.number}").first).to_be_visible()

    page.get_by_role("link", name="Приём документов").first.click()
    expect(page.get_by_role("heading", name="Приём документов")).to_be_visible()

    executor_page = browser.new_page(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    log_in(executor_page, "executor")
    executor_page.goto("/staff/")
    executor_page.locator("#assigned-intakes").get_by_role("link", name=intake.application.number).click()
    expect(executor_page.get_by_text("паспорт 123456")).to_be_visible()
    # the power of attorney (the representative's passport data) is kept with the intake, for them only
    power = executor_page.get_by_role("link", name="Доверенность.pdf")
    expect(power).to_be_visible()
    with executor_page.expect_download() as download:
        power.click()
    assert download.value.suggested_filename == "Доверенность.pdf"
    executor_page.screenshot(path=str(SCREENSHOTS / "frontoffice-executor.png"), full_page=True)
    executor_page.goto("/admin/applications/application/")
    executor_page.get_by_role("link", name=intake.application.number).click()
    executor_page.get_by_role("link", name="Документы представителя (фронт-офис)").click()
    expect(executor_page.get_by_text("паспорт 123456")).to_be_visible()
    executor_page.close()


def test_the_security_officer_sees_the_operators_lookups_and_views(page, screenshot):
    """Issue 15 «Privacy»: every suggestion lookup and every opening of an intake is on the audit page."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    from tests.browser.mfa import log_in as sign_in

    importlib.import_module("audit.migrations.0002_security_officers").grant(apps, None)
    operator = front_office_operator()
    service = ServiceFactory()
    intake = _earlier_visit(service, LegalApplicantFactory(username="romashka"), operator, AddressFactory())
    officer = StaffFactory(username="officer", full_name="Безопасникова Ольга Игоревна")
    officer.groups.add(Group.objects.get(name="Security officers"))

    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "operator")
    page.goto(f"/frontoffice/services/{service.pk}/intake/")
    page.get_by_label("Номер паспорта (6 цифр, без серии)").fill("123")
    expect(page.locator("#id_representative_passport-list")).to_contain_text("123***")
    page.goto(f"/frontoffice/intakes/{intake.pk}/")
    page.context.clear_cookies()
    sign_in(page, "officer")
    page.goto("/audit/?kind=access&actor=operator")
    rows = page.locator(".audit-table tbody tr")
    expect(rows.filter(has_text="подсказки представителей по номеру паспорта")).to_contain_text(
        "введено «123», ответов: 1")
    expect(rows.filter(has_text="документы, принятые фронт-офисом")).to_have_count(1)
    screenshot("audit")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator(".audit-cards li").filter(has_text="введено «123»")).to_be_visible()
    screenshot("audit-phone")
