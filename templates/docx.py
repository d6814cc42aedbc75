"""Summary → DOCX bytes, laid out the way official documents are (GB/T 9704-2012 as applied to 工作总结).

python-docx's `font.name` sets only the Latin slots, so Chinese fonts go into `w:eastAsia` explicitly,
and the theme-font attributes of the default template are removed: Word would otherwise prefer them.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dialogs.answers import clean_text
from templates import pictures
from templates.compose import Summary, settings

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE_PITCH = Pt(28.95)  # 22 lines in the 225 mm type area
INDENT = Pt(32)  # two characters of the body size
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
FIXED_TIME = datetime(2020, 1, 1)
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_SIGNATURE, STYLE_PAGE_NUMBER, STYLE_FIGURE, STYLE_CAPTION = (
    "Summary Title", "Summary Heading 1", "Summary Heading 2", "Summary Signature", "Summary Page Number",
    "Summary Figure", "Summary Caption",
)
CAPTION_SIZE = Pt(14)  # 四号


def set_fonts(rpr_owner: Any, east_asia: str, latin: str) -> None:
    """Point every font slot of a style or run at the given fonts, dropping theme references."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _paragraph_style(document: Any, name: str, font: str, latin: str, size: Pt, *, bold: bool = False) -> Any:
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles["Normal"]
    style.font.size = size
    style.font.bold = bold
    set_fonts(style.element, font, latin)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    return style


def _remove_theme_fonts(document: Any) -> None:
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
    # Mark East Asian text as Chinese, so Word and LibreOffice pick Chinese glyphs and fallbacks.
    for language in document.styles.element.iter(qn("w:lang")):
        language.set(qn("w:eastAsia"), "zh-CN")


def _styles(document: Any, fonts: dict[str, str]) -> None:
    latin = fonts["latin"]
    body = _paragraph_style(document, "Normal", fonts["body"], latin, BODY_SIZE)
    body.paragraph_format.first_line_indent = INDENT
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.widow_control = False
    title = _paragraph_style(document, STYLE_TITLE, fonts["title"], latin, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE_PITCH
    for name, font in ((STYLE_H1, fonts["heading1"]), (STYLE_H2, fonts["heading2"])):
        heading = _paragraph_style(document, name, font, latin, BODY_SIZE)
        heading.paragraph_format.keep_with_next = True
    signature = _paragraph_style(document, STYLE_SIGNATURE, fonts["body"], latin, BODY_SIZE)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = INDENT
    figure = _paragraph_style(document, STYLE_FIGURE, fonts["body"], latin, BODY_SIZE)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact pitch would crop the photo
    figure.paragraph_format.keep_with_next = True
    caption = _paragraph_style(document, STYLE_CAPTION, fonts["heading2"], latin, CAPTION_SIZE)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    number = _paragraph_style(document, STYLE_PAGE_NUMBER, fonts["page_number"], latin, PAGE_NUMBER_SIZE)
    number.paragraph_format.first_line_indent = Pt(0)
    number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _remove_theme_fonts(document)


def _page_field(paragraph: Any) -> None:
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" —")


def _page_numbers(document: Any, section: Any) -> None:
    # Odd pages carry the number on the right, even pages on the left, each one character in.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                          WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[STYLE_PAGE_NUMBER]
        paragraph.alignment = alignment
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
        else:
            paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
        _page_field(paragraph)


def _page(document: Any) -> Any:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    section.footer_distance = Mm(28)
    return section


def _figure(document: Any, data: bytes, caption: str) -> Any:
    image, width = pictures.prepare(data)
    document.add_paragraph(style=STYLE_FIGURE).add_run().add_picture(io.BytesIO(image), width=width)
    return document.add_paragraph(clean_text(caption), style=STYLE_CAPTION)


def render(summary: Summary, font_set: str = "windows", photos: dict[int, bytes] | None = None) -> bytes:
    fonts = settings()["fonts"][font_set]
    document = Document()
    _styles(document, fonts)
    section = _page(document)
    _page_numbers(document, section)
    document.core_properties.title = clean_text(summary.title)
    document.core_properties.author = clean_text(summary.signature)
    document.add_paragraph(clean_text(summary.title), style=STYLE_TITLE)
    paragraph = None
    for block in summary.blocks:
        if block.kind == "figure":
            if block.ref in (photos or {}):
                paragraph = _figure(document, photos[block.ref], block.text)
            continue
        style = {"h1": STYLE_H1, "h2": STYLE_H2}.get(block.kind, "Normal")
        paragraph = document.add_paragraph(clean_text(block.text), style=style)
    # The signature never stands alone on a page: the last paragraph travels with it.
    closing = [paragraph] if paragraph is not None else []
    closing.append(document.add_paragraph("", style="Normal"))
    closing.append(document.add_paragraph(clean_text(summary.signature), style=STYLE_SIGNATURE))
    if summary.date:
        document.add_paragraph(summary.date, style=STYLE_SIGNATURE)
    for kept in closing:
        kept.paragraph_format.keep_with_next = True
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.core_properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same summary gives the same bytes: zip entries lose the wall-clock time python-docx gives them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
