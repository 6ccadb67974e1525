"""Benchmark of the PDF receipt (not a test).

Run from the repository root:  .venv/bin/python bench/receipt.py [--documents N]

Renders a submission receipt of the usual size (portal/pdf.py, the fonts of PDF_FONT_PATH and
PDF_BOLD_FONT_PATH) N times in one process and prints the time of the first (which reads and cuts
down the fonts) and the median and 95th percentile of the others, wall clock and CPU time of this
process, and, as the reference of the same run, the CPU time of receipts whose fonts are read from
the files for each document (what fpdf2 does by default). Target: <= 40 ms a receipt after the
first. Exit status 2 if the median misses it.
"""

import argparse
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[0] = str(ROOT)  # not bench/: the portal's packages
TARGET_MS = 40

RECEIPT = {
    "title": "Расписка о приёме заявки № 2026-000123",
    "subtitle": "Филиал «Белгород»",
    "rows": [
        ("Номер заявки", "2026-000123"), ("Подана", "30 ноября 2026 г. 10:15"),
        ("Заявитель", "Щербаков Эдуард Юрьевич"), ("Город", "Белгород"),
        ("Вид заявки", "Технические условия"), ("Вид ресурса", "Теплоснабжение"),
        ("Адрес объекта", "г. Белгород, ул. Садовая, д. 101, корп. 2"),
        ("Кадастровый номер земельного участка", "31:16:0101001:123"),
        ("Максимальная нагрузка", "0,250 Гкал/ч"), ("Срок ответа по закону", "15 декабря 2026 г."),
    ],
    "paragraphs": ["Приложенные документы:", "Правоустанавливающие документы: выписка ЕГРН.pdf",
                   "Ситуационный план: план.pdf"],
    "footer": "Срок исчисляется в рабочих днях производственного календаря со дня подачи заявки.",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.utils import translation

    from portal.pdf import render_pdf

    translation.activate("ru")
    wall, cpu = timed(render_pdf, max(args.documents, 2))
    with fonts_read_per_document():
        _, per_document_cpu = timed(render_pdf, max(args.documents // 3, 3))
    rest_wall, rest_cpu = wall[1:], cpu[1:]
    median = statistics.median(rest_wall)
    print(f"PDF receipt, {len(wall)} in one process")
    print(f"first receipt:        {wall[0]:7.1f} ms wall, {cpu[0]:7.1f} ms CPU (reads and cuts down the fonts)")
    print(f"after the first:      {median:7.1f} ms wall median, {statistics.median(rest_cpu):7.1f} ms CPU median, "
          f"p95 {statistics.quantiles(rest_wall, n=20)[-1]:.1f} ms wall")
    print(f"fonts read from the files for every document (as before issue 18): "
          f"{statistics.median(per_document_cpu):7.1f} ms CPU median; ratio now/before "
          f"{statistics.median(rest_cpu) / statistics.median(per_document_cpu):.2f} (CPU, same run)")
    print(f"target: <= {TARGET_MS} ms after the first: {'PASS' if median <= TARGET_MS else 'FAIL'} "
          f"(ratio to the target {median / TARGET_MS:.2f})")
    return 0 if median <= TARGET_MS else 2


def timed(render, count):
    """Wall and CPU milliseconds of `count` receipts in a row."""
    wall, cpu = [], []
    for _ in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        render(**RECEIPT)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


@contextlib.contextmanager
def fonts_read_per_document():
    """The reference: fpdf2 reading the whole font files for each document, as portal/pdf.py did."""
    from django.conf import settings

    from portal import pdf

    def add_fonts(document):
        for setting, style in (("PDF_FONT_PATH", ""), ("PDF_BOLD_FONT_PATH", "B")):
            document.add_font(pdf.FONT, style, getattr(settings, setting))

    original, pdf._add_fonts = pdf._add_fonts, add_fonts
    try:
        yield
    finally:
        pdf._add_fonts = original


if __name__ == "__main__":
    sys.exit(main())
