"""Summary → DOCX bytes, laid out the way official documents are (GB/T 9704-2012 as applied to 工作总结).

python-docx's `font.name` sets only the Latin slots, so Chinese fonts go into `w:eastAsia` explicitly,
and the theme-font attributes of the default template are removed: Word would otherwise prefer them.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime, time
from functools import cache
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from dialogs.answers import clean_text
from templates import pictures
from templates.compose import settings
from templates.summary import Summary

TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
PAGE = {"page_width": Mm(210), "page_height": Mm(297)}
MARGINS = {"top_margin": Mm(37), "bottom_margin": Mm(35), "left_margin": Mm(28), "right_margin": Mm(26)}
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22

# The type area in twips, as Word stores it (python-docx rounds every length to whole twips).
TYPE_WIDTH = Twips(PAGE["page_width"].twips - MARGINS["left_margin"].twips - MARGINS["right_margin"].twips)
TYPE_HEIGHT = Twips(PAGE["page_height"].twips - MARGINS["top_margin"].twips - MARGINS["bottom_margin"].twips)
# 22 lines in the 225 mm type area: 579 twips (28.95 pt), rounded down so the 22nd line still fits.
LINE_PITCH = Twips(TYPE_HEIGHT.twips // LINES_PER_PAGE)
# 28 characters a line. 156 mm hold only 27.6 characters of 16 pt, so every character is set 0.25 pt closer
# (Word's 紧缩, w:spacing in whole twips, rounded so that the 28th still fits): 28 × 15.75 pt = 441 pt.
# Word's own character grid (w:docGrid linesAndChars, charSpace -842) would do the same in Word, but LibreOffice
# (7.4, measured) gives every character wider than a grid cell two cells, so its lines held 14 characters; the
# spacing is read the same way by Word, WPS and LibreOffice. The grid keeps its 22 lines (w:docGrid "lines").
CHAR_SPACING = Twips(math.floor(TYPE_WIDTH.twips / CHARS_PER_LINE - BODY_SIZE.twips))
CHAR_PITCH = BODY_SIZE.pt + CHAR_SPACING.pt  # 15.75 pt


def chars(count: float) -> Twips:
    """A length of `count` body characters as set, rounded down so it never costs a character."""
    return Twips(math.floor(count * CHAR_PITCH * 20))


INDENT = chars(2)
FIXED_TIME = datetime(2020, 1, 1)
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_H3, STYLE_SIGNATURE, STYLE_DATE, STYLE_PAGE_NUMBER, STYLE_FIGURE, \
    STYLE_CAPTION = ("Summary Title", "Summary Heading 1", "Summary Heading 2", "Summary Heading 3",
                     "Summary Signature", "Summary Date", "Summary Page Number", "Summary Figure", "Summary Caption")
CAPTION_SIZE = Pt(14)  # 四号
TITLE_LINE = Pt(36)
# How many 二号 characters a title line holds, each as much closer as a body character: 20.
TITLE_CHARS = math.floor(TYPE_WIDTH.pt / (TITLE_SIZE.pt + CHAR_SPACING.pt))
SHORT_TITLE = 10  # a title this short stays on one line: 「工会2025年工作总结」
DATE_RIGHT = 4  # GB/T 9704 7.3.5.1: the date stands four characters in from the right
# The page number: GB/T 9704 7.5 puts its 一字线 7 mm below the type area. Word measures the footer distance
# from the page's edge to the bottom of the footer's line; the dash sits about 2.5 mm above that bottom in an
# exact 14 pt line (LibreOffice's PDF: the dash's top 7.1 mm below the type area; it was 4.7 mm).
PAGE_NUMBER_GAP = Mm(7)
PAGE_NUMBER_DASH = Mm(2.5)
PAGE_NUMBER_LINE = Pt(14)
FOOTER_DISTANCE = Mm(35) - PAGE_NUMBER_GAP - PAGE_NUMBER_DASH

# Elements that follow w:overflowPunct in a paragraph's properties (ECMA-376 17.3.1.26).
_AFTER_OVERFLOW_PUNCT = ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                         "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                         "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                         "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_SNAP_TO_GRID = _AFTER_OVERFLOW_PUNCT[_AFTER_OVERFLOW_PUNCT.index("w:snapToGrid") + 1:]
# Elements that follow w:spacing (character spacing) in a run's properties (ECMA-376 17.3.2.28).
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
                  "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                  "w:specVanish", "w:oMath")
# Elements that follow w:w (character scale) in a run's properties (ECMA-376 17.3.2.28).
_AFTER_SCALE = _AFTER_SPACING[1:]


def width(text: str) -> float:
    """Width in characters of the body font: a Latin letter or digit is half a Chinese character."""
    return sum(0.5 if " " <= c <= "~" else 1 for c in text)


_PERIOD = re.compile(r"^(.*?)(\d{4}(?:[—–-]\d{4})?(?:学年|年度|年)\D*)$")


def _name_breaks(name: str) -> list[tuple[int, float]]:
    """Positions where `name` may be broken, each with a bonus: a break before a joiner is the natural one."""
    words = settings()["title_breaks"]
    breaks: dict[int, float] = {}
    for end in words["name_ends"]:
        for match in re.finditer(re.escape(end), name):
            breaks.setdefault(match.end(), 0)
    for joiner in words["joiners"]:
        for match in re.finditer(re.escape(joiner), name):
            breaks[match.start()] = 3
    return sorted((at, bonus) for at, bonus in breaks.items() if 0 < at < len(name))


def _break_name(name: str, per_line: float) -> list[str]:
    """A name too long for a line, in the fewest lines, broken where the lines are most even."""
    if width(name) <= per_line:
        return [name]
    best: tuple[float, list[str]] | None = None
    for at, bonus in _name_breaks(name):
        head = name[:at]
        if width(head) > per_line:
            continue
        lines = [head, *_break_name(name[at:], per_line)]
        score = len(lines) * 100 + max(map(width, lines)) - min(map(width, lines)) - bonus
        if best is None or score < best[0]:
            best = (score, lines)
    if best is None:  # no word boundary known within a line: the name keeps whole and wraps where it must
        return [name]
    return best[1]


def title_lines(title: str, per_line: float = TITLE_CHARS) -> list[str]:
    """The title broken as 公文 titles are: the unit's name, then the period and 工作总结 on a line of their own.

    「滨江市第一人民医院工会2025年工作总结」 → 「滨江市第一人民医院工会」「2025年工作总结」; a name longer than a
    line is broken after a place or an organisation (or before 暨), into lines as even as possible."""
    match = _PERIOD.match(title) or re.match(r"^(.*?)((?:年度)?工作总结)$", title)
    name, rest = (match.group(1), match.group(2)) if match else (title, "")
    if not name or not rest or width(title) <= SHORT_TITLE:
        return _break_name(title, per_line)
    return [*_break_name(name, per_line), rest]


def set_fonts(rpr_owner: Any, east_asia: str, latin: str) -> None:
    """Point every font slot of a style or run at the given fonts, dropping theme references."""
    _set_font_slots(rpr_owner.get_or_add_rPr(), east_asia, latin)


def _set_font_slots(rpr: Any, east_asia: str, latin: str) -> None:
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


def _remove_theme_fonts(document: Any, fonts: dict[str, str]) -> None:
    for element in document.styles.element.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            element.attrib.pop(qn(attribute), None)
    # Text in no style of ours (a reader's own additions) is 仿宋 too, not the theme's font.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_font_slots(default_run, fonts["body"], fonts["latin"])
    # The body size is the document's default too: LibreOffice measures the character grid from it.
    for tag in ("w:sz", "w:szCs"):
        default_run.find(qn(tag)).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    # Mark East Asian text as Chinese, so Word and LibreOffice pick Chinese glyphs and fallbacks.
    for language in document.styles.element.iter(qn("w:lang")):
        language.set(qn("w:eastAsia"), "zh-CN")
    theme_language = document.settings.element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:eastAsia"), "zh-CN")


def _set_on(parent: Any, tag: str, successors: tuple[str, ...], **attributes: str) -> Any:
    """Set an element python-docx has no property for, in its schema position."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert_element_before(element, *successors)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _styles(document: Any, fonts: dict[str, str]) -> None:
    latin = fonts["latin"]
    body = _paragraph_style(document, "Normal", fonts["body"], latin, BODY_SIZE)
    body.paragraph_format.first_line_indent = INDENT
    # Two characters of the grid, in Word's own unit: the twips above are for readers without a grid.
    body.element.pPr.ind.set(qn("w:firstLineChars"), "200")
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.widow_control = False
    # Punctuation at a full line: Word (whose default this is) lets it hang into the margin, as Chinese documents
    # commonly do; LibreOffice gives the line's last character to the next line. With w:val="0", or without the
    # element, LibreOffice instead drops a comma that falls at the end of a full line from the page altogether.
    _set_on(body.element.pPr, "w:overflowPunct", _AFTER_OVERFLOW_PUNCT, val="1")
    _set_on(body.element.rPr, "w:spacing", _AFTER_SPACING, val=str(CHAR_SPACING.twips))
    title = _paragraph_style(document, STYLE_TITLE, fonts["title"], latin, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.element.pPr.ind.set(qn("w:firstLineChars"), "0")
    title.paragraph_format.line_spacing = TITLE_LINE
    # The title's lines keep their own exact pitch: snapped to the 22-line grid, LibreOffice gives each 二号 line two
    # grid lines, leaving a gap of about a body line between the title's lines.
    _set_on(title.element.pPr, "w:snapToGrid", _AFTER_SNAP_TO_GRID, val="0")
    title.paragraph_format.space_after = LINE_PITCH
    title.paragraph_format.keep_with_next = True
    for name, font, bold in ((STYLE_H1, fonts["heading1"], False), (STYLE_H2, fonts["heading2"], False),
                             (STYLE_H3, fonts["body"], True)):
        heading = _paragraph_style(document, name, font, latin, BODY_SIZE, bold=bold)
        heading.paragraph_format.keep_with_next = True
    for name in (STYLE_SIGNATURE, STYLE_DATE):
        closing = _paragraph_style(document, name, fonts["body"], latin, BODY_SIZE)
        closing.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        closing.paragraph_format.first_line_indent = Pt(0)
        closing.element.pPr.ind.set(qn("w:firstLineChars"), "0")
        closing.paragraph_format.right_indent = chars(DATE_RIGHT)
    figure = _paragraph_style(document, STYLE_FIGURE, fonts["body"], latin, BODY_SIZE)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.first_line_indent = Pt(0)
    figure.element.pPr.ind.set(qn("w:firstLineChars"), "0")
    figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact pitch would crop the photo
    figure.paragraph_format.keep_with_next = True
    caption = _paragraph_style(document, STYLE_CAPTION, fonts["heading2"], latin, CAPTION_SIZE)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.element.pPr.ind.set(qn("w:firstLineChars"), "0")
    # 4号 宋体 throughout, the dashes and the Arabic numerals too (GB/T 9704 7.5: 半角宋体阿拉伯数字).
    number = _paragraph_style(document, STYLE_PAGE_NUMBER, fonts["page_number"], fonts["page_number"],
                              PAGE_NUMBER_SIZE)
    number.paragraph_format.first_line_indent = Pt(0)
    number.element.pPr.ind.set(qn("w:firstLineChars"), "0")
    number.paragraph_format.line_spacing = PAGE_NUMBER_LINE
    _remove_theme_fonts(document, fonts)


def _page_field(paragraph: Any) -> None:
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.element.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run.element.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" —")


def _page_numbers(document: Any, section: Any) -> None:
    # Odd pages carry the number on the right, even pages on the left, each one character in (GB/T 9704 7.5).
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
    for name, value in (PAGE | MARGINS).items():
        setattr(section, name, value)
    section.footer_distance = FOOTER_DISTANCE
    # The line grid python-docx has no property for: 22 lines a page (the 28 characters are CHAR_SPACING's).
    grid = _set_on(document.element.body.sectPr, "w:docGrid", ("w:printerSettings", "w:sectPrChange"),
                   type="lines", linePitch=str(LINE_PITCH.twips))
    grid.attrib.pop(qn("w:charSpace"), None)
    return section


def _figure(document: Any, data: bytes, caption: str) -> Any:
    image, image_width = pictures.prepare(data)
    figure = document.add_paragraph("", document.styles[STYLE_FIGURE])
    figure.add_run().add_picture(io.BytesIO(image), width=image_width)
    return document.add_paragraph(clean_text(caption), document.styles[STYLE_CAPTION])


# Styles every DOCX keeps as defaults, besides the ones this renderer defines.
BUILT_IN_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Normal"}


def _slim(document: Any) -> None:
    """Drop what python-docx's stock template carries and a summary never uses: about 150 unused styles,
    the latent-style table, the Word 2010 styles copy and a thumbnail of an unrelated document."""
    keep = BUILT_IN_STYLES | {STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_H3, STYLE_SIGNATURE, STYLE_DATE,
                              STYLE_PAGE_NUMBER, STYLE_FIGURE, STYLE_CAPTION}
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


def signature_layout(signature: str, date: str) -> tuple[list[tuple[str, float]], float, int]:
    """The signature's lines with their right indents in characters, the date's right indent, and the
    signature's width scale in percent.

    GB/T 9704 7.3.5.1: the date stands four characters in from the right and the signature is centred over it.
    A line too wide for that moves right as far as the margin. A signature longer than a line is broken where
    its name breaks (after a place or an organisation, before 暨), each line centred over the date; only one
    with no such place is drawn narrower (Word's character scale) rather than broken inside a word."""
    centre = DATE_RIGHT + width(date or "2026年1月10日") / 2
    lines = _break_name(signature, CHARS_PER_LINE)
    if any(width(line) > CHARS_PER_LINE for line in lines):
        return [(signature, 0.0)], DATE_RIGHT, math.floor(100 * CHARS_PER_LINE / width(signature))
    return [(line, max(0.0, min(centre - width(line) / 2, CHARS_PER_LINE - width(line)))) for line in lines], \
        DATE_RIGHT, 100


def _closing_line(document: Any, text: str, style: str, right: float, scale: int = 100) -> Any:
    paragraph = document.add_paragraph(text, document.styles[style])
    paragraph.paragraph_format.right_indent = chars(right)
    if scale != 100:
        for run in paragraph.runs:
            _set_on(run.element.get_or_add_rPr(), "w:w", _AFTER_SCALE, val=str(scale))
    return paragraph


def render(summary: Summary, font_set: str = "windows", photos: dict[str, bytes] | None = None) -> bytes:
    document = Document(io.BytesIO(_template(font_set)))
    styles = {"h1": document.styles[STYLE_H1], "h2": document.styles[STYLE_H2], "h3": document.styles[STYLE_H3]}
    title = clean_text(summary.title)
    document.core_properties.title = title
    # The properties a reader sees in Word: the union as author, the signing date, and nothing left over from
    # the blank template (its comment and dates would say the file came from a program in another year).
    properties = document.core_properties
    properties.author = properties.last_modified_by = clean_text(summary.signature)
    properties.comments = ""
    # One paragraph, its lines broken by hand: Word would otherwise break inside 「工作总结」 or the unit's name.
    document.add_paragraph("\n".join(title_lines(title)), document.styles[STYLE_TITLE])
    paragraph = None
    for block in summary.blocks:
        if block.kind == "figure":
            if block.ref in (photos or {}):
                paragraph = _figure(document, photos[block.ref], block.text)
            continue
        paragraph = document.add_paragraph(clean_text(block.text), styles.get(block.kind))
    # The signature never stands alone on a page: the last paragraph travels with it.
    closing = [paragraph] if paragraph is not None else []
    closing.append(document.add_paragraph(""))
    signature, date = clean_text(summary.signature), clean_text(summary.date)
    signature_lines, date_right, scale = signature_layout(signature, date)
    for line, right in signature_lines:
        closing.append(_closing_line(document, line, STYLE_SIGNATURE, right, scale))
    if date:
        _closing_line(document, date, STYLE_DATE, date_right)
    for kept in closing:
        kept.paragraph_format.keep_with_next = True
    # Dates from the answers, not the clock, so the same summary gives the same bytes.
    properties.created = properties.modified = (datetime.combine(summary.signed_on, time()) if summary.signed_on
                                                else FIXED_TIME)
    properties.revision = 1
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
