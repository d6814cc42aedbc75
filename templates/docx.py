"""Summary → DOCX bytes, laid out the way official documents are (GB/T 9704-2012 as applied to 工作总结).

python-docx's `font.name` sets only the Latin slots, so Chinese fonts go into `w:eastAsia` explicitly,
and the theme-font attributes of the default template are removed: Word would otherwise prefer them.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import cache
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


def _add(document: Any, text: str, style_id: str | None) -> Any:
    """A paragraph with its style set by id: looking a style up by name scans every style of the package."""
    paragraph = document.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _style_id(name: str) -> str:
    return name.replace(" ", "")


def _figure(document: Any, data: bytes, caption: str) -> Any:
    image, width = pictures.prepare(data)
    _add(document, "", _style_id(STYLE_FIGURE)).add_run().add_picture(io.BytesIO(image), width=width)
    return _add(document, clean_text(caption), _style_id(STYLE_CAPTION))


# Styles every DOCX keeps as defaults, besides the ones this renderer defines.
BUILT_IN_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Normal"}


def _slim(document: Any) -> None:
    """Drop what python-docx's stock template carries and a summary never uses: about 150 unused styles,
    the latent-style table, the Word 2010 styles copy and a thumbnail of an unrelated document."""
    keep = BUILT_IN_STYLES | {STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_SIGNATURE, STYLE_PAGE_NUMBER, STYLE_FIGURE,
                              STYLE_CAPTION}
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in keep:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for rels, reltype_end in ((document.part.rels, "/stylesWithEffects"),
                              (document.part.package.rels, "/thumbnail")):
        for r_id, rel in list(rels.items()):
            if rel.reltype.endswith(reltype_end):
                del rels[r_id]


@cache
def _template(font_set: str) -> bytes:
    """Styles, page, footers: the same for every summary, so built once per font set and reopened."""
    document = Document()
    _styles(document, settings()["fonts"][font_set])
    _page_numbers(document, _page(document))
    _slim(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(summary: Summary, font_set: str = "windows", photos: dict[int, bytes] | None = None) -> bytes:
    document = Document(io.BytesIO(_template(font_set)))
    styles = {"h1": _style_id(STYLE_H1), "h2": _style_id(STYLE_H2)}
    signature = _style_id(STYLE_SIGNATURE)
    document.core_properties.title = clean_text(summary.title)
    document.core_properties.author = clean_text(summary.signature)
    _add(document, clean_text(summary.title), _style_id(STYLE_TITLE))
    paragraph = None
    for block in summary.blocks:
        if block.kind == "figure":
            if block.ref in (photos or {}):
                paragraph = _figure(document, photos[block.ref], block.text)
            continue
        paragraph = _add(document, clean_text(block.text), styles.get(block.kind))
    # The signature never stands alone on a page: the last paragraph travels with it.
    closing = [paragraph] if paragraph is not None else []
    closing.append(_add(document, "", None))
    closing.append(_add(document, clean_text(summary.signature), signature))
    if summary.date:
        _add(document, summary.date, signature)
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
    # Level 1: nearly the size of level 6 for this XML, at a fraction of the time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()
