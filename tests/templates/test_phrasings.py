"""The phrasings bank (templates/phrasings.yaml): enough variants, only known placeholders, real variety."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from templates.compose import phrasings, vocabulary_table

BANK = Path(__file__).resolve().parents[2] / "templates" / "phrasings.yaml"
CJK = re.compile(r"[\u3400-\u9fff]")
# Keys whose sentence every document has: the opening, the closing and the part headings.
EVERY_DOCUMENT = {
    "opening_lead", "opening_leadership", "opening_guidance", "opening_centre", "opening_role", "opening_frame",
    "training_head_aim", "rights_head", "rights_head_aim", "welfare_head_aim", "culture_head", "culture_head_aim",
    "welfare_culture_head",
    "shortcomings_head", "plans_head", "outlook_head", "closing_deeds_union", "closing_resolve",
}
SHARED_RUN = 10  # two variants of one key may not share this many Chinese characters in a row


def documented_fields() -> dict[str, set[str]]:
    """key → the fields named after `fields:` in the comment block right above the key."""
    fields: dict[str, set[str]] = {}
    comment: list[str] = []
    for line in BANK.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comment.append(line)
            continue
        match = re.match(r"([a-z_]+):\s*$", line)
        if match:
            block = " ".join(comment)
            named = block.split("fields:", 1)[1] if "fields:" in block else ""
            fields[match.group(1)] = set(re.findall(r"\{([a-z_]+)\}", named))
        if not line.startswith(" "):
            comment = []
    return fields


def placeholders(variant: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(variant) if name}


def cjk_runs(text: str) -> list[str]:
    """Stretches of Chinese text; a placeholder or any other non-Chinese character ends one."""
    return re.findall(r"[\u3400-\u9fff]+", re.sub(r"[，、：；。“”（）]", "", text))


BANK_DATA = phrasings()
KEYS = sorted(BANK_DATA)


def test_every_key_is_documented_and_has_enough_variants() -> None:
    documented = documented_fields()
    assert set(documented) == set(BANK_DATA)
    for key, variants in BANK_DATA.items():
        assert isinstance(variants, list) and all(isinstance(v, str) and v for v in variants), key
        least = 6 if key in EVERY_DOCUMENT else 4
        assert len(variants) >= least, f"{key}: {len(variants)} variants, wants {least}"
        assert len(set(variants)) == len(variants), f"{key}: a variant appears twice"


@pytest.mark.parametrize("key", KEYS)
def test_placeholders_are_unit_words_or_documented_fields(key: str) -> None:
    fields = documented_fields()[key]
    for unit_type, words in vocabulary_table().items():
        values = {**words, **{name: f"<{name}>" for name in fields}}
        for variant in BANK_DATA[key]:
            text = variant.format_map(values)  # KeyError: an undocumented placeholder
            assert "{" not in text and "}" not in text, (key, unit_type, variant)


@pytest.mark.parametrize("key", KEYS)
def test_every_documented_field_is_used(key: str) -> None:
    used = set().union(*(placeholders(v) for v in BANK_DATA[key]))
    assert documented_fields()[key] <= used, f"{key}: documents a field no variant uses"


@pytest.mark.parametrize("key", KEYS)
def test_variants_of_a_key_are_written_differently(key: str) -> None:
    variants = BANK_DATA[key]
    # Their own text only: what a placeholder brings (a unit word, a fact) is the same in every variant.
    texts = [re.sub(r"\{[a-z_]+\}", "·", v) for v in variants]
    grams = [{r[i:i + SHARED_RUN] for r in cjk_runs(t) for i in range(len(r) - SHARED_RUN + 1)} for t in texts]
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            shared = grams[i] & grams[j]
            assert not shared, f"{key}: {variants[i]!r} and {variants[j]!r} share {sorted(shared)[0]}"


def test_register() -> None:
    """Plain 公文: none of the banned stock phrases, no end punctuation, 先后 only for several, 等 never."""
    banned = ("新的阶段", "继续发挥桥梁纽带作用", "全年无事故", "满意率", "显著提高", "把组织的关怀送到了")
    for key, variants in BANK_DATA.items():
        for variant in variants:
            assert not any(b in variant for b in banned), (key, variant)
            assert not variant.endswith(("。", "；", "，")), (key, variant)
            assert "等" not in variant, (key, variant)
            if "先后" in variant:
                assert "honours" in documented_fields()[key], (key, variant)  # only where there are several
        text = "".join(variants)
        for word in ("积极", "进一步", "切实"):
            assert text.count(word) <= 1, (key, word)


@pytest.mark.parametrize("part, actions", [
    ("training", ("training_head", "training_head_contests")), ("rights", ("rights_head",)),
    ("welfare", ("welfare_head", "welfare_head_aid")), ("culture", ("culture_head",))])
def test_a_heading_names_the_staff_at_most_once_whatever_action_and_aim_meet(part: str, actions: tuple) -> None:
    for words in vocabulary_table().values():
        for key in actions:
            for action in BANK_DATA[key]:
                for aim in BANK_DATA[f"{part}_head_aim"]:
                    heading = f"{action}，{aim}".format_map(words)
                    assert heading.count(words["staff"]) <= 1, heading
                    assert len(heading) <= 20, heading  # one line with its numeral
