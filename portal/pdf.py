"""Simple A4 documents (receipts, notices) rendered with fpdf2 and a Cyrillic TrueType font.

The layout is fixed on purpose: a title, a subtitle, a two-column table of label and value, paragraphs
and a footer with the generation date and page numbers, so every document the portal issues looks alike.
"""

import copy
import functools
import io
import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace, SubsetMap

FONT = "PortalSans"
TEXT_SIZE = 10
LABEL_COLOR = (90, 90, 90)
RULE_COLOR = (200, 200, 200)

# fontTools reports every font subset at INFO, which the root logger would print for each document.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def render_pdf(*, title, subtitle="", rows, paragraphs=(), footer=""):
    """The PDF bytes of one document; long values wrap, long documents continue on further pages."""
    pdf = _PortalPDF(footer=footer, generated=_generated_text())
    pdf.set_title(title)
    pdf.set_lang("ru")
    pdf.set_creator(_("Utility connection portal"))
    pdf.add_page()
    _write_heading(pdf, title, subtitle)
    if rows:
        _write_rows(pdf, rows)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5.5, str(paragraph), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1.5)
    return bytes(pdf.output())


class _PortalPDF(FPDF):
    def __init__(self, *, footer, generated):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text, self.generated = footer, generated
        _add_fonts(self)
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=26)
        self.set_font(FONT, size=TEXT_SIZE)

    def footer(self):
        self.set_y(-22)
        self.set_draw_color(*RULE_COLOR)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self.set_font(FONT, size=8)
        self.set_text_color(*LABEL_COLOR)
        if self.footer_text:
            self.multi_cell(0, 3.8, str(self.footer_text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        page = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 4, self.generated, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, page, align="R")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=TEXT_SIZE)


def _add_fonts(pdf):
    for setting, style in (("PDF_FONT_PATH", ""), ("PDF_BOLD_FONT_PATH", "B")):
        path = getattr(settings, setting, "")
        if not path or not Path(path).is_file():
            raise ImproperlyConfigured(
                f"{setting} is {path!r}, which is not a font file. Install the DejaVu fonts "
                f"(Debian: apt-get install fonts-dejavu-core) or set {setting} to a TrueType font with Cyrillic."
            )
        font = _font_for_document(pdf, *_parsed_font(path, style))
        pdf.fonts[font.fontkey] = font


# The characters a receipt can hold: Latin with its extensions, combining accents, Greek, Cyrillic
# with its supplement, punctuation (dashes, quotes), currency signs, № and the like, arrows, minus
# and comparison signs. A character outside them prints as a box (fpdf2 logs it); DejaVu Sans has
# no CJK, so that would be the case for those anyway.
PDF_UNICODES = [code for first, last in (
    (0x20, 0x24F), (0x300, 0x3FF), (0x400, 0x52F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x2122),
    (0x2190, 0x2193), (0x2212, 0x2212), (0x2264, 0x2265), (0x25CF, 0x25CF),
) for code in range(first, last + 1)]


@functools.lru_cache(maxsize=8)
def _parsed_font(path, style):
    """(fpdf's font object, the font's bytes), made once per process and font file: reading the whole
    DejaVu font (5,000+ glyphs, cmap, widths) and subsetting it again for each document was ~110 ms of a
    ~150 ms receipt. The font is cut down once to PDF_UNICODES (~700 glyphs, no layout tables, which
    fpdf2 drops anyway), so what each document still re-reads and subsets is small. Keyed by path and
    style, so a changed setting gets its own entry."""
    font = TTFont(path, recalcTimestamp=False)
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, glyph_names=True, name_IDs=["*"],
                             layout_features=[], drop_tables=[*subset.Options._drop_tables_default, "FFTM"])
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=PDF_UNICODES)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    with tempfile.TemporaryDirectory(prefix="portal-pdf-font-") as directory:
        cut = Path(directory) / "font.ttf"  # fpdf2 reads fonts from files only
        cut.write_bytes(data)
        probe = FPDF()
        probe.add_font(FONT, style, cut)
    return probe.fonts[f"{FONT.lower()}{style}"], data


def _font_for_document(pdf, parsed, data):
    """A copy of the parsed font with the per-document state fpdf2 (2.8) keeps on it made new: the
    characters used (subset map), the font tables that output() subsets in place (re-read lazily from
    the bytes, which costs little), its number in this document and the largest size used. The
    metrics (widths, cmap, descriptor) are shared read-only."""
    font = copy.copy(parsed)
    font.i = len(pdf.fonts) + 1
    font.ttfont = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    font._hbfont = None
    font.subset = SubsetMap(font)
    return font


def _generated_text():
    now = timezone.localtime()
    return _("Generated on %(date)s") % {"date": formats.date_format(now, "DATETIME_FORMAT")}


def _write_heading(pdf, title, subtitle):
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 7.5, str(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if subtitle:
        pdf.ln(1)
        pdf.set_font(FONT, size=11)
        pdf.set_text_color(*LABEL_COLOR)
        pdf.multi_cell(0, 6, str(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(5)
    pdf.set_font(FONT, size=TEXT_SIZE)


def _write_rows(pdf, rows):
    pdf.set_draw_color(*RULE_COLOR)
    label_style = FontFace(family=FONT, emphasis="BOLD", color=LABEL_COLOR)
    with pdf.table(col_widths=(38, 62), first_row_as_headings=False, text_align="LEFT", v_align="TOP",
                   borders_layout="HORIZONTAL_LINES", line_height=5.5, padding=(1.8, 2, 1.8, 0)) as table:
        for label, value in rows:
            row = table.row()
            row.cell(str(label), style=label_style)
            row.cell("" if value is None else str(value))
    pdf.ln(6)
