"""The applicant's list as rendered (issue 18: rows from values(), labels and links made once a page)."""

import pytest
from django.urls import reverse
from django.utils import translation

from applications.models import Status
from applications.tests.factories import ApplicationFactory, submitted

pytestmark = pytest.mark.django_db


def test_each_row_shows_its_labels_files_and_links(client, applicant):
    application = submitted(applicant)
    draft = ApplicationFactory(applicant=applicant)
    client.force_login(applicant)
    html = client.get(reverse("applications:list")).content.decode()
    detail = reverse("applications:detail", args=[application.pk])
    assert f'<a href="{detail}">{application.number}</a>' in html
    assert f'href="{reverse("applications:detail", args=[draft.pk])}">черновик</a>' in html
    with translation.override("ru"):
        for label in (application.get_kind_display(), application.get_supply_type_display(),
                      application.get_status_display()):
            assert f">{label}<" in html
    assert f'status-badge status-{application.status}"' in html
    for document in application.documents.all():
        assert f"<div>{document.original_name}</div>" in html
    assert f'href="{reverse("applications:documents_zip", args=[application.pk])}"' in html
    assert f'data-history-url="{reverse("applications:history", args=[application.pk])}"' in html
    assert f'href="{detail}#history"' in html
    assert application.submitted_at.astimezone().strftime("%d.%m.%Y") in html
    assert reverse("applications:sign", args=[application.pk]) not in html


def test_an_application_awaiting_signature_has_the_sign_button(client, applicant, staff):
    application = submitted(applicant)
    application.take_into_review(actor=staff)
    application.request_signature(actor=staff)
    assert application.status == Status.AWAITING_SIGNATURE
    client.force_login(applicant)
    html = client.get(reverse("applications:list")).content.decode()
    assert f'href="{reverse("applications:sign", args=[application.pk])}">Подписать</a>' in html


def test_the_filter_form_keeps_each_visitors_values(client, applicant):
    client.force_login(applicant)
    first = client.get(reverse("applications:list"), {"status": "submitted"}).content.decode()
    second = client.get(reverse("applications:list"), {"status": "rejected", "date_from": "2026-01-02"})
    second = second.content.decode()
    again = client.get(reverse("applications:list"), {"status": "submitted"}).content.decode()
    assert '<option value="submitted" selected>' in first and '<option value="rejected" selected>' not in first
    assert '<option value="rejected" selected>' in second and 'value="2026-01-02"' in second
    assert '<option value="submitted" selected>' in again and 'value="2026-01-02"' not in again
    long_value = "x" * 200  # not kept in the per-process cache, still shown
    response = client.get(reverse("applications:list"), {"date_from": long_value})
    assert f'value="{long_value}"' in response.content.decode()


def test_the_kept_filter_fields_follow_the_language():
    from applications.forms import FilterForm

    with translation.override("en"):
        english = FilterForm({"kind": "tu"}).rendered_fields()
    with translation.override("ru"):
        russian = FilterForm({"kind": "tu"}).rendered_fields()
    assert [label for _, label, _ in english][:3] == ["From", "To", "Application type"]
    assert "технических условий" in str(russian[2][2]) and "Technical conditions" in str(english[2][2])
    assert '<option value="tu" selected>' in str(russian[2][2])


# The row loop applications/list.html had before the rows were written in Python (issue 18): the
# oracle that rows_html must reproduce byte for byte, labels, links, escaping and time zone included.
TEMPLATE_ROWS = (
    '{% load i18n %}{% translate "Download all files (ZIP)" as zip_title %}{% translate "Sign" as sign_label %}'
    '{% translate "History" as history_label %}{% translate "Open the history" as open_history_label %}'
    '{% for row in rows %}<tr class="card-row has-details application-row">'
    '<td><a href="{{ row.url }}">{% if row.number %}{{ row.number }}{% else %}{% translate "draft" %}{% endif %}'
    '</a></td>'
    '<td data-label="{% translate \'Type\' %}">{{ row.kind_label }}</td>'
    '<td data-label="{% translate \'Supply\' %}">{{ row.supply_label }}</td>'
    '<td class="card-status"><span class="badge status-badge status-{{ row.status }}">{{ row.status_label }}</span>'
    '{% for item in row.deadlines %}<div class="small text-secondary">{{ item.label }}: {% if item.date %}'
    '{{ item.date|date:"d.m.Y" }}{% else %}{{ item.text }}{% endif %}</div>{% endfor %}</td>'
    '<td class="text-nowrap" data-label="{% translate \'Date\' %}">{{ row.date|date:"d.m.Y" }}</td>'
    '<td data-label="{% translate \'Author\' %}">{{ row.applicant_name }}</td>'
    '<td class="small" data-label="{% translate \'Files\' %}">{% for name in row.files %}<div>{{ name }}</div>'
    '{% empty %}—{% endfor %}</td>'
    '<td class="text-nowrap card-actions">{% if row.sign_url %}<a class="btn btn-sm btn-warning" '
    'href="{{ row.sign_url }}">{{ sign_label }}</a> {% endif %}{% if row.files %}<a class="btn btn-sm '
    'btn-outline-secondary" href="{{ row.zip_url }}" title="{{ zip_title }}">ZIP</a>{% endif %}</td></tr>'
    '<tr class="history-row card-details"><td colspan="8" class="pt-0">'
    '<details class="history-details" data-history-url="{{ row.history_url }}"><summary class="small">'
    '{{ history_label }}</summary><div class="history-slot small text-secondary"><a href="{{ row.url }}#history">'
    '{{ open_history_label }}</a></div></details></td></tr>{% endfor %}'
)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_rows_written_in_python_are_the_template_s_rows(applicant, staff, language, settings):
    import datetime

    from django.template import engines
    from django.utils import timezone

    from applications import listing
    from applications.models import Application
    from applications.tests.factories import with_documents

    settings.TIME_ZONE = "Asia/Vladivostok"  # a late submission is already the next day there
    late = submitted(applicant, applicant_name='ООО «Рога & <копыта>»')
    Application.objects.filter(pk=late.pk).update(
        submitted_at=datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC))
    signing = submitted(applicant)
    signing.take_into_review(actor=staff)
    signing.request_signature(actor=staff)
    with_documents(ApplicationFactory(applicant=applicant))  # a draft with files
    stopped = submitted(applicant)
    stopped.take_into_review(actor=staff)
    Application.objects.filter(pk=stopped.pk).update(status=Status.NEEDS_CORRECTION, answer_days_left=7)
    values = Application.objects.for_applicant(applicant).order_by("pk").values(*listing.ROW_COLUMNS)
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        rows = listing.list_rows(values)
        expected = engines["django"].from_string(TEMPLATE_ROWS).render({"rows": rows})
        written = listing.rows_html(rows)
    assert len(rows) == 4 and any(row.deadlines for row in rows) and any(row.sign_url for row in rows)
    assert "&lt;копыта&gt;" in written and "02.03.2026" in written
    assert written == expected


def _former_filter_form():
    """FilterForm as it was before its choices were shared (issue 18): the oracle of its HTML."""
    from django import forms
    from django.utils.translation import gettext_lazy

    from applications.forms import DateInput, FilterForm
    from applications.models import Kind, Status, SupplyType

    class Former(FilterForm):
        date_from = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
        date_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())
        kind = forms.ChoiceField(label=gettext_lazy("Application type"), required=False,
                                 choices=[("", gettext_lazy("Any"))] + Kind.choices)
        status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                                   choices=[("", gettext_lazy("Any"))] + Status.choices)
        supply_type = forms.ChoiceField(label=gettext_lazy("Supply type"), required=False,
                                        choices=[("", gettext_lazy("Any"))] + SupplyType.choices)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                small = isinstance(field, forms.ChoiceField)
                field.widget.attrs["class"] = "form-select form-select-sm" if small else "form-control form-control-sm"

    return Former


@pytest.mark.parametrize("data", [None, {}, {"kind": "tu", "status": "submitted", "supply_type": "heat"},
                                  {"date_from": "2026-01-02", "date_to": "2025-01-01", "kind": "nonsense"},
                                  {"date_from": "<b>", "status": "draft"}])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_filter_form_renders_and_cleans_as_before(data, language):
    from applications.forms import FilterForm

    with translation.override(language):
        form, former = FilterForm(data), _former_filter_form()(data)
        assert form._render_fields() == former._render_fields()
        assert form.filters() == former.filters()
        assert form.errors == former.errors
        assert str(form.non_field_errors()) == str(former.non_field_errors())


# The filter fields' loop of applications/list.html before FilterForm.fields_html (issue 18): the oracle.
FORMER_FIELDS_LOOP = (
    '{% for id, label, widget in filter_form.rendered_fields %}\n'
    '  <div class="col-6 col-md-auto">\n'
    '    <label class="form-label small mb-1" for="{{ id }}">{{ label }}</label>\n'
    '    {{ widget }}\n'
    '  </div>\n'
    '  {% endfor %}'
)


@pytest.mark.parametrize("data", [None, {"kind": "tu", "status": "submitted"}, {"date_from": "<b>&" * 30}])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_filter_fields_html_is_the_former_loops(data, language):
    from django.template import engines

    from applications.forms import FilterForm

    template = engines["django"].from_string(FORMER_FIELDS_LOOP)
    with translation.override(language):
        for _ in range(2):  # made, then kept
            form = FilterForm(data)
            assert str(form.fields_html()) == template.render({"filter_form": form})
