"""The document's layout read back from the DOCX equals the specification."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from templates import docx as layout
from templates.maker import SummaryMaker
from tests.support.samples import names, parsed, typed

ANSWERS = {"unit_name": "滨江市第一人民医院", "unit_type": "hosp", "period": "year", "year": 2025, "staff_total": 86,
           "members": 80, "train_done": ["courses", "contest"], "train_sessions": 6, "train_people": 240,
           "rights_done": ["congress"], "congress_reps": 45,
           "activity_types": ["walk"], "sign_date": "2026-01-10", "train_awards": "奖\x00项\ud800"}


def open_document(font_set: str = "windows"):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(SummaryMaker(font_set=font_set).document(ANSWERS)))


def east_asia(style) -> str:  # type: ignore[no-untyped-def]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    return fonts.get(qn("w:eastAsia"))


def test_page_and_margins() -> None:
    section = open_document().sections[0]
    # Word stores lengths in twentieths of a point, so compare to a tenth of a millimetre.
    def mm(length) -> float:  # type: ignore[no-untyped-def]
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_styles_sizes_and_chinese_fonts() -> None:
    styles = open_document().styles
    assert styles["Summary Title"].font.size == Pt(22) and east_asia(styles["Summary Title"]) == "华文中宋"
    assert styles["Normal"].font.size == Pt(16) and east_asia(styles["Normal"]) == "仿宋"
    assert round(styles["Normal"].paragraph_format.first_line_indent.pt / layout.CHAR_PITCH, 1) == 2
    assert Pt(28) <= styles["Normal"].paragraph_format.line_spacing <= Pt(29)
    assert east_asia(styles["Summary Heading 1"]) == "黑体"
    assert east_asia(styles["Summary Heading 2"]) == "楷体"
    strict = open_document("strict").styles
    assert east_asia(strict["Summary Title"]) == "方正小标宋简体"
    assert east_asia(strict["Normal"]) == "仿宋_GB2312"


def test_footer_page_number_and_signature() -> None:
    document = open_document()
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml
    assert document.sections[0].even_page_footer.paragraphs[0].text.startswith("— ")
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[-2:] == ["滨江市第一人民医院工会委员会", "2026年1月10日"]
    assert [p.style.name for p in document.paragraphs[-2:]] == ["Summary Signature", "Summary Date"]


def test_control_characters_never_break_the_document() -> None:
    text = "\n".join(p.text for p in open_document().paragraphs)
    assert "奖项" in text
    assert all(figure in text for figure in ["86人", "240人次"])


def fixture_document(name: str, font_set: str = "windows"):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(SummaryMaker(font_set=font_set).document(parsed(typed(name)))))


def test_lines_hold_28_characters_and_pages_22_lines() -> None:
    document = open_document()
    section = document.sections[0]
    type_width = Emu(section.page_width - section.left_margin - section.right_margin)
    type_height = Emu(section.page_height - section.top_margin - section.bottom_margin)
    grid = section._sectPr.find(qn("w:docGrid"))
    line_pitch = int(grid.get(qn("w:linePitch")))
    assert grid.get(qn("w:type")) == "lines" and type_height.twips // line_pitch == 22
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing.twips == line_pitch  # exact 28.95 pt, on the grid
    # Each 16 pt character is set closer by the style's spacing, so that 28 and not 29 fit a line.
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")))
    pitch = normal.font.size.twips + spacing
    assert 28 * pitch <= type_width.twips < 29 * pitch
    # The first line of a paragraph holds 26 after its two-character indent.
    indent = normal.paragraph_format.first_line_indent.twips
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert 26 * pitch <= type_width.twips - indent < 27 * pitch


def test_punctuation_at_a_full_line_is_kept() -> None:
    punct = open_document().styles["Normal"].element.pPr.find(qn("w:overflowPunct"))
    assert punct is not None and punct.get(qn("w:val")) == "1"


RENDERERS = shutil.which("soffice") and shutil.which("pdftotext")


@pytest.mark.skipif(not os.environ.get("REQUIRE_RENDER") and not RENDERERS,
                    reason="LibreOffice and poppler-utils are not installed (CI installs them and sets REQUIRE_RENDER)")
def test_every_punctuation_mark_reaches_the_rendered_page(tmp_path: Path) -> None:
    """LibreOffice once dropped a comma that fell at the end of a full line (着力点，团结 → 着力点团结)."""
    marks = "，。；：、"
    path = tmp_path / "kindergarten.docx"
    document = fixture_document("kindergarten")
    document.save(str(path))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    rendered = subprocess.run(["pdftotext", str(path.with_suffix(".pdf")), "-"], check=True, capture_output=True,
                              text=True).stdout
    written = "".join(p.text for p in document.paragraphs)
    assert [rendered.count(m) for m in marks] == [written.count(m) for m in marks]


@pytest.mark.parametrize("font_set", ["windows", "strict"])
def test_every_paragraph_has_a_chinese_font_and_no_theme_font(font_set: str) -> None:
    document = fixture_document("everything", font_set)
    styles_xml = document.styles.element
    for attribute in layout.THEME_ATTRIBUTES:
        assert not styles_xml.xpath(f"//w:rFonts[@{attribute}]"), attribute
    default = styles_xml.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert default.get(qn("w:eastAsia"))
    footer = document.sections[0].footer.paragraphs + document.sections[0].even_page_footer.paragraphs
    for paragraph in [*document.paragraphs, *footer]:
        style, font = paragraph.style, None
        while font is None and style is not None:
            fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
            font = fonts.get(qn("w:eastAsia")) if fonts is not None else None
            style = style.base_style
        assert font, paragraph.text
        for run in paragraph.runs:  # no run overrides the style with a font of its own
            assert run._r.rPr is None or run._r.rPr.find(qn("w:rFonts")) is None


def test_title_breaks_between_unit_and_period_never_inside_a_word() -> None:
    for name in names():
        document = fixture_document(name)
        title = document.paragraphs[0]
        lines = title.text.split("\n")
        assert title.style.name == "Summary Title" and len(title._p.xpath(".//w:br")) == len(lines) - 1
        assert lines[-1].endswith("工作总结") and lines[-1][:4].isdigit(), lines
        assert "工会" in lines[-2] and lines[-2].endswith("工会"), lines
        assert all(layout.width(line) <= layout.TITLE_CHARS for line in lines), lines


def test_a_long_unit_name_breaks_after_a_place_or_organisation() -> None:
    lines = layout.title_lines("滨江市人民医院医疗集团总院东院区暨滨江市急救医学中心工会2025年工作总结")
    assert lines == ["滨江市人民医院医疗集团总院东院区", "暨滨江市急救医学中心工会", "2025年工作总结"]
    school = layout.title_lines("滨江市实验小学工会2024—2025学年工作总结")
    assert school == ["滨江市实验小学工会", "2024—2025学年工作总结"]
    assert layout.title_lines("滨江市农业科学研究院工会2025年上半年工作总结")[-1] == "2025年上半年工作总结"
    assert layout.title_lines("滨江市第三自来水厂工会工作总结") == ["滨江市第三自来水厂工会", "工作总结"]
    assert layout.title_lines("工会2025年工作总结") == ["工会2025年工作总结"]


def closing(document):  # type: ignore[no-untyped-def]
    *_, signature, date = document.paragraphs
    return signature, date


def signature_lines(document):  # type: ignore[no-untyped-def]
    return [p for p in document.paragraphs if p.style.name == "Summary Signature"]


def right_chars(paragraph) -> float:  # type: ignore[no-untyped-def]
    return paragraph.paragraph_format.right_indent.pt / layout.CHAR_PITCH


def test_date_four_characters_in_and_signature_centred_over_it() -> None:
    signature, date = closing(open_document())
    assert date.text == "2026年1月10日" and date.style.name == "Summary Date"
    assert round(right_chars(date)) == 4
    centre = right_chars(signature) + layout.width(signature.text) / 2
    assert abs(centre - (right_chars(date) + layout.width(date.text) / 2)) < 0.1


def test_a_signature_longer_than_a_line_breaks_between_its_names_each_line_centred_over_the_date() -> None:
    document = fixture_document("everything")
    lines = signature_lines(document)
    _, date = closing(document)
    assert [p.text for p in lines] == ["滨江港务集团有限公司集装箱码头分公司", "暨滨江国际物流园区工会委员会"]
    date_centre = right_chars(date) + layout.width(date.text) / 2
    for line in lines:
        assert line.runs[0]._r.rPr is None or line.runs[0]._r.rPr.find(qn("w:w")) is None  # not drawn narrower
        centre = right_chars(line) + layout.width(line.text) / 2
        assert right_chars(line) == 0 or abs(centre - date_centre) < 0.1
        assert line.paragraph_format.keep_with_next


def test_a_signature_with_no_place_to_break_is_drawn_narrower_rather_than_broken_inside_a_word() -> None:
    lines, _, scale = layout.signature_layout("甲" * 34, "2026年1月10日")
    assert lines == [("甲" * 34, 0.0)] and 34 * scale / 100 <= 28


def test_page_number_seven_millimetres_below_the_text_in_songti() -> None:
    document = open_document()
    section = document.sections[0]
    # Word's footer distance reaches the bottom of the number's line; its dash stands 2.5 mm above that.
    gap = Emu(section.bottom_margin - section.footer_distance - layout.PAGE_NUMBER_DASH)
    assert abs(gap.mm - 7) < 0.1
    number = document.styles["Summary Page Number"]
    fonts = number.element.rPr.find(qn("w:rFonts"))
    assert number.font.size == Pt(14) and {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "eastAsia")} == {"宋体"}
    assert section.footer.paragraphs[0].alignment == 2 and section.even_page_footer.paragraphs[0].alignment == 0
    assert document.settings.odd_and_even_pages_header_footer
    assert Mm(5) < section.footer_distance < section.bottom_margin


def test_the_file_properties_name_the_union_and_the_signing_date_and_nothing_else() -> None:
    properties = fixture_document("school").core_properties
    assert properties.author == properties.last_modified_by == "滨江市实验小学工会委员会"
    assert properties.created.date().isoformat() == properties.modified.date().isoformat() == "2025-07-10"
    assert not properties.comments and "python-docx" not in (properties.keywords + properties.subject)
