"""The document's layout read back from the DOCX equals the specification."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from templates.maker import SummaryMaker

ANSWERS = {"unit_name": "滨江市第一人民医院", "unit_type": "hosp", "period": "year", "year": 2025, "staff_total": 86,
           "members": 80, "train_sessions": 6, "train_people": 240, "congress": True, "congress_reps": 45,
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
    assert styles["Summary Title"].font.size == Pt(22) and east_asia(styles["Summary Title"]) == "宋体"
    assert styles["Normal"].font.size == Pt(16) and east_asia(styles["Normal"]) == "仿宋"
    assert styles["Normal"].paragraph_format.first_line_indent == Pt(32)
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
    assert document.paragraphs[-1].style.name == "Summary Signature"


def test_control_characters_never_break_the_document() -> None:
    text = "\n".join(p.text for p in open_document().paragraphs)
    assert "奖项" in text
    assert all(figure in text for figure in ["86人", "240人次"])
