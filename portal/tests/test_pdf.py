import os
import shutil
import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from PIL import Image

from portal.pdf import render_pdf

RECEIPT = {
    "title": "Расписка о приёме заявки № 2026-000123",
    "subtitle": "АО «Городские тепловые сети», Новосибирск",
    "rows": [
        ("Номер заявки", "2026-000123"),
        ("Заявитель", "Щербаков Эдуард Юрьевич"),
        ("Адрес объекта", "г. Новосибирск, ул. Большевистская, д. 101, корп. 2 — " * 4 + "конец адреса"),
        ("Срок ответа", "15 декабря 2026 г."),
    ],
    "paragraphs": ["Приложенные документы:", "Выписка ЕГРН.pdf", "Ситуационный план.jpg"],
    "footer": "Срок исчисляется в рабочих днях.",
}


@pytest.fixture(autouse=True)
def english_messages():
    """The footer's own words are checked by their English ids; the Russian catalogue translates them."""
    with translation.override("en"):
        yield


def poppler(tool):
    """Poppler's command-line tools read the PDF as any viewer would; in CI their absence is a failure."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (Debian: apt-get install poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_text(data):
    result = subprocess.run([poppler("pdftotext"), "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def flat(text):
    return " ".join(text.split())


def test_it_renders_a_pdf_with_embedded_fonts():
    data = render_pdf(**RECEIPT)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/FontFile2") == 2  # regular and bold, subset and embedded


def test_the_russian_text_can_be_extracted():
    text = flat(pdf_text(render_pdf(**RECEIPT)))
    for expected in ("Расписка о приёме заявки № 2026-000123", "АО «Городские тепловые сети», Новосибирск",
                     "Номер заявки 2026-000123", "Щербаков Эдуард Юрьевич", "Срок ответа 15 декабря 2026 г.",
                     "Приложенные документы:", "Выписка ЕГРН.pdf", "Срок исчисляется в рабочих днях."):
        assert expected in text


def test_long_values_wrap_inside_their_column():
    lines = pdf_text(render_pdf(**RECEIPT)).splitlines()
    address_lines = [line for line in lines if "Большевистская" in line or "конец адреса" in line]
    assert len(address_lines) >= 3
    assert all(len(line) < 110 for line in lines)


def test_a_long_word_without_spaces_is_broken_not_cut():
    digest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" * 2
    text = pdf_text(render_pdf(title="Хэш", rows=[("SHA-256", digest)]))
    assert digest in "".join(text.split())


def test_the_footer_has_the_generation_date_and_page_numbers():
    text = flat(pdf_text(render_pdf(title="Документ", rows=[("Поле", "значение")])))
    assert "Generated on" in text and "Page 1 of 1" in text


def test_the_footer_is_in_russian_under_the_russian_locale():
    with translation.override("ru"):
        text = pdf_text(render_pdf(title="Документ", rows=[("Поле", "значение")]))
    months = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря")
    assert any(month in text for month in months)


def test_a_long_document_continues_on_further_pages():
    rows = [(f"Строка {number}", "значение " * 12) for number in range(80)]
    pages = pdf_text(render_pdf(title="Длинный документ", rows=rows)).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 3
    assert f"Page {len(pages)} of {len(pages)}" in flat(pages[-1])
    assert "Строка 79" in pages[-1]


def test_empty_rows_and_missing_values_are_allowed():
    text = flat(pdf_text(render_pdf(title="Только заголовок", rows=[("Пусто", None)])))
    assert "Только заголовок" in text and "Пусто" in text


def test_it_draws_the_cyrillic_glyphs(tmp_path):
    (tmp_path / "receipt.pdf").write_bytes(render_pdf(**RECEIPT))
    subprocess.run([poppler("pdftoppm"), "-r", "50", "-png", "-singlefile", str(tmp_path / "receipt.pdf"),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as page:
        title_band = page.convert("L").crop((0, 0, page.width, page.height // 8))
        dark = sum(title_band.histogram()[:128])
    assert page.size[0] < page.size[1]  # portrait A4
    assert dark > 500  # the title is drawn, not boxes of missing glyphs left blank


def test_a_missing_font_is_a_configuration_error_naming_the_setting(settings):
    settings.PDF_FONT_PATH = "/nowhere/DejaVuSans.ttf"
    with pytest.raises(ImproperlyConfigured, match="PDF_FONT_PATH.*/nowhere/DejaVuSans.ttf"):
        render_pdf(title="x", rows=[])


def test_a_missing_bold_font_names_its_own_setting(settings):
    settings.PDF_BOLD_FONT_PATH = ""
    with pytest.raises(ImproperlyConfigured, match="PDF_BOLD_FONT_PATH"):
        render_pdf(title="x", rows=[])


def test_the_fonts_are_read_once_per_process_not_per_document(monkeypatch):
    from fpdf import fonts

    render_pdf(title="Первый", rows=[("Поле", "значение")])  # the process has its fonts now
    built = []
    original = fonts.TTFFont.__init__

    def counting(self, *args, **kwargs):
        built.append(args[1])
        original(self, *args, **kwargs)

    monkeypatch.setattr(fonts.TTFFont, "__init__", counting)
    for _ in range(3):
        text = flat(pdf_text(render_pdf(**RECEIPT)))
        assert "Щербаков Эдуард Юрьевич" in text and "Номер заявки 2026-000123" in text
    assert built == []


def test_documents_made_one_after_another_embed_only_their_own_characters():
    """Each document gets fresh per-document font state: the second, with other characters, is
    complete, and the first's characters do not leak into the second's font subset."""
    first = render_pdf(title="Ёжик", rows=[("Ф", "Щ")])
    second = render_pdf(title="Zebra", rows=[("Q", "x")])
    assert "Ёжик" in pdf_text(first) and "Щ" in pdf_text(first)
    assert "Zebra" in pdf_text(second) and "Ё" not in pdf_text(second)
    assert len(second) < len(first) + 2000


def test_european_greek_and_typographic_characters_are_kept(caplog):
    text = "".join(pdf_text(render_pdf(title="Ω", rows=[("Ǆ ü é", "— «ёлка» “quoted” ₽ № ± × ≤")])).split())
    for expected in ("Ω", "Ǆüé", "—«ёлка»“quoted”₽№±×≤"):
        assert expected in text
    assert "missing the following glyphs" not in caplog.text


def test_another_font_setting_is_read_on_its_own(settings, tmp_path):
    settings.PDF_FONT_PATH = str(tmp_path / "copy.ttf")
    (tmp_path / "copy.ttf").write_bytes(open("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "rb").read())
    assert "Копия" in pdf_text(render_pdf(title="Копия", rows=[]))
