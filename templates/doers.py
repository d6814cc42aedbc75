"""Who did what a chair's story tells: its time or setting, its doer, the union's credit (settings.yaml
`typography`). A chair types a story as they would say it (春节前走访困难职工…; 根据职代会提案，院方为…); the summary
names the doer they chose for it where the story leaves it out, and never twice."""

from __future__ import annotations

import re
from functools import cache

from templates.typography import words

UNION = "工会"  # the union's own name after the unit's (我校工会), as the bank and the chairs write it


@cache
def _either(key: str) -> str:
    """The words of a settings list as alternatives, the longest first (除夕夜 before 除夕)."""
    return "|".join(map(re.escape, sorted(words()[key], key=len, reverse=True)))


@cache
def _story_time() -> re.Pattern[str]:
    """When a chair's story begins: 1月18日, 3月至11月, 9月16日至18日, 9月起, 七一前夕, 国际护士节前后, 夏收时节
    (settings.yaml)."""
    # A date may name its day (4月23日读书日, 3月12日植树节).
    day = (rf"[0-9]{{1,2}}月(?:[0-9]{{1,2}}日(?:(?!{_either('union_acts')})[^，。；0-9]{{2,4}}?[日节](?:那天|当天)?"
           rf"(?=[^，。；]))?)?")
    dated = "(?:[0-9]{1,2}[·.．][0-9]{1,2})?"  # 5·12护士节
    # A span that names its months inside it (2月流感高峰和5月诺如疫情期间) is one time, not 2月 and the rest.
    spans = rf"[0-9]{{1,2}}月[^，。；]{{2,16}}?(?:{_either('time_ends')})"
    return re.compile(
        rf"^(?:{spans}|(?:[0-9]{{1,2}}[至到—-])?{day}(?:[至到—-](?:{day}|[0-9]{{1,2}}日))?(?:{_either('month_ends')})?"
        rf"|{dated}(?:{_either('seasons')})节?(?:{_either('season_ends')})?"
        rf"|[0-9]{{1,2}}[·.．][0-9]{{1,2}}(?:{_either('season_ends')})"  # 5·12前, 3·15前后
        rf"|[^，。；0-9]{{2,10}}?(?:{_either('time_ends')})|[^，。；]{{2,12}}时(?=，)"
        # Before an event or on a named day, right before what was done (复审前举办…, 世界精神卫生日举办…).
        rf"|(?!在)[^，。；0-9]{{2,8}}?(?:(?<![门楼厂房台窗床车站亭])前|[^，。；0-9]日|[^，。；0-9]节)(?=(?:{_either('union_acts')}|{_either('event_verbs')})))"
        rf"(?=\S)")


@cache
def _recurrence() -> re.Pattern[str]:
    """How often what a story tells recurs, how it was split or that it counts off points, before its verb: 每周四下午,
    分两批, 一是 (settings.yaml `recurrences`, `split_words`, `ordinals`)."""
    split = rf"{_either('split_words')}|分[0-9两二三四五六七八九十]+(?:{_either('split_counters')})"
    first_point = words()["enumeration"].format(ordinal=words()["ordinals"][0], item="")
    clock = r"(?:[0-9]{1,2}点半?)?"  # 每天半夜12点给夜班送…
    return re.compile(rf"^(?:(?:{_either('recurrences')})[一二三四五六日]?(?:{_either('day_parts')})?{clock}|{split}"
                      rf"|{first_point})")


def _all_acts() -> tuple[str, ...]:
    """Every word a story's doer may act with: the union's acts, the unit's acts on something, the unit's verbs."""
    said = words()
    return (*said["union_acts"], *said["unit_acts"], *said["unit_verbs"])


def _acts(rest: str, verbs: tuple[str, ...]) -> bool:
    """Whether a story, its time told, opens with one of `verbs`, after how often it recurs, where it was or whom it
    was done with (每周四下午开设…, 在江边举办…, 与区总工会联合举办…: settings.yaml `joint_words`): the doer goes before
    them (9月起，我院每周四下午开设…; 端午节，工会在江边举办…; 工会与区总工会联合举办…)."""
    recurring = _recurrence().match(rest)
    rest = rest[recurring.end() if recurring else 0 :]
    before = "|".join(map(re.escape, verbs))
    # With someone (与区总工会联合…), or with a body and no word for it (和教务处开了…).
    partner = rf"[^，。；]{{1,10}}?(?:{_either('joint_words')})|[^，。；]{{1,8}}?(?:{_either('body_ends')})"
    together = rf"[与同和跟](?:{partner})"
    place = re.match(rf"(?:在[^，。；]{{1,10}}?|{together})(?={before})", rest)
    return rest[place.end() if place else 0 :].startswith(verbs)


@cache
def _story_setting() -> re.Pattern[str]:
    """Where a chair's story stood, before its doer: what it answered (针对…问题，: settings.yaml `story_settings`),
    what someone said (老师们反映…，: `report_words`) or why it was needed (申报期加班多，: `reason_ends`); another's
    support, call or decision, or the union's own plan (在区总工会支持下，; 根据市总工会要求，; 按照上级要求，;
    经院务会研究，; 按照工会年度工作计划，). A credit of the chair's own union is not one: see `partnered`."""
    under = rf"在(?!{_ours()})[^，。；]+下"
    # What someone said (老师们反映…), not the union saying it nor an act on it (收集职工反映的…, 采纳教师提出的…).
    acting = rf"{_ours()}|{_either('union_acts')}|{_either('unit_acts')}"
    said = rf"(?!{acting})[^，。；]{{1,12}}?(?:{_either('report_words')})[^，。；]+"
    called = rf"(?!{_credit()})(?:{_either('plan_heads')})[^，。；]*(?:工会|{_either('setting_ends')})[^，。；]*"
    decided = (rf"(?!{_credit()})(?:{_either('setting_heads')})(?!{_ours()})(?!{_either('not_setting_after')})"
               rf"[^，。；]*(?:{_either('decided_ends')})")
    # Why it was done (申报期加班多，; 外地员工租房难，): a clause ending on how things stood.
    why = rf"(?!{acting})[^，。；]{{2,12}}?(?:{_either('reason_ends')})"
    return re.compile(rf"^(?:(?:{_either('story_settings')})[^，。；]+|{under}|{called}|{decided}|{said}|{why})(?=，)")


@cache
def _purpose() -> re.Pattern[str]:
    """What a story's event was for, before its verb with no pause (纪念“一二·九”|办了…: settings.yaml
    `purpose_words`), 为 or not."""
    return re.compile(rf"^为?(?:{_either('purpose_words')})[^，。；]{{2,12}}?(?=(?:{_either('union_acts')}))")


def _unit_word() -> str:
    """The unit as it names itself before its union (院, 我院, 本企业, 医院: settings.yaml `own_union_prefixes`)."""
    return rf"[我本]?(?:{_either('own_union_prefixes')})"


def _ours() -> str:
    """The chair's own union right after a word (工会, 院工会, 我院工会, 本企业工会, 医院工会, 工会委员会: settings.yaml
    `own_union_prefixes`), not another (区总工会, 上级工会) nor its members (`union_not_itself`)."""
    return rf"(?:{_unit_word()})?{UNION}(?!{_either('union_not_itself')})"


def _credit() -> str:
    """A clause crediting the chair's own union (在工会推动下, 经过院工会协调, 根据工会的建议), without its closing ，:
    settings.yaml `credit_heads`, `credit_words`; 通过工会公众号… is a means, not a credit."""
    return (rf"(?:在{_ours()}[^，。]*下|(?:{_either('credit_heads')}){_ours()}[^，。]*"
            rf"(?:{_either('credit_words')})[^，。]*)")


def _split_time(story: str) -> tuple[str, str]:
    """A chair's story cut after the time and the setting it opens with, in either order: (1月18日, 举办…),
    (针对…问题, 协调…), (3月，在区总工会支持下, 举办…), or ('', the story)."""
    opening = ""
    rest = story
    for _ in range(2):
        timed = _story_time().match(rest)
        purpose = None if timed else _purpose().match(rest)
        found = timed or _story_setting().match(rest) or purpose
        if not found:
            break
        piece = found.group(0) if not purpose or found.group(0).startswith("为") else "为" + found.group(0)
        # 寒假期间，本校请…, not 寒假，本校请…; but 暑假省赛集训期间 is one time, not 暑假期间，省赛集训期间.
        spans = words()["season_spans"]
        after = rest[found.end():]
        spanned = piece in spans and after[:1] != "，" and not _story_time().match(after)
        piece = piece + spans[piece] if spanned else piece
        # Two times the chair wrote as one (9月开学前, 7月高温期间) stay one: not 9月，开学前.
        joined = timed and opening and story.startswith(opening + found.group(0))
        opening = opening + ("" if joined else "，") + piece if opening else piece
        rest = rest[found.end():].lstrip("，,")
    return opening, rest


def story_time(story: str) -> str:
    """The time a chair's story opens with (1月18日, 春节前, 夏收时节), or ''."""
    time = _story_time().match(story)
    return time.group(0) if time else ""


def after_opening(story: str) -> str:
    """A chair's story after the time and the setting it opens with (职工反映…，|经职代会讨论后…)."""
    return _split_time(story)[1]


def opens_on_what_it_acted_on(story: str) -> bool:
    """Whether a story opens on a clause of what the unit acted on (根据职代会提案，…: settings.yaml `unit_acts`)."""
    rest = _split_time(story)[1]
    return rest.startswith(tuple(words()["unit_acts"])) and "，" in rest


@cache
def _own_doers() -> re.Pattern[str]:
    """A doer a story names itself: one of settings.yaml `own_doers`, the chair's own union, or a body (物业公司为…,
    组织部为…: `body_ends`) that starts with no place or act (在职工食堂为…, 协调物业公司为…: `not_body_starts`)."""
    verbs = _long_acts()
    acts = "|".join(map(re.escape, [*words()["not_body_starts"], *verbs]))
    ends = _either("body_ends")
    body = rf"(?!(?:{acts})(?!{ends}))[^，。；0-9]{{0,8}}?(?:{ends})(?=[为向对给与在把从])"
    return re.compile(rf"(?:{_either('own_doers')}|{_ours()}|{body})")


def _placed(rest: str) -> bool:
    """Whether a story opens on where it was done (在五楼茶水间旁隔出…), not under whom (在…下): it needs a doer
    before it as an act does."""
    return rest.startswith("在") and not re.match(r"在[^，。；]*下(?:，|$)", rest)


def _opens_on_union(rest: str) -> bool:
    """Whether a story opens on the union or on its means (工会…, 通过工会公众号…): the chair's own telling of who
    did it."""
    return re.match(rf"(?:{_either('setting_heads')})?{_ours()}", rest) is not None


def own_doer(story: str) -> tuple[str, str] | None:
    """A story cut before the doer it names itself, after its time or setting (按照上级要求，|院方为…) or after an
    opening clause that is not an act of its doer: what it acted on (根据职代会提案，|院方为…), what happened (一名护士
    罹患重病，|工会发起…; 台风过境后，|工会…) or what for (为解决夜班就餐难，|工会协调…): settings.yaml `own_doers`, the
    chair's own union under any of its names, or a body (物业公司为…: `body_ends`). None when it names none: a doer or a
    credit may go before it."""
    when, rest = _split_time(story)
    if when and _own_doers().match(rest):
        return when, rest
    # The doer may follow several clauses of what happened or was said (老师们反映，班上保育员请假没人顶，|园里…), none
    # of them an act of the union's.
    clauses = rest.split("，")
    for cut in range(1, len(clauses)):
        opening, after = "，".join(clauses[:cut]), "，".join(clauses[cut:])
        # …from a time of its own (代表连着提了两年，|7月厂里加了…).
        if not _own_doers().match(_split_time(after)[1] if _story_time().match(after) else after):
            continue
        # A unit's act on something (采纳…，|院方为…) opens a story of the unit's, not an act of the union's.
        unacted = all(not _acts(clause, tuple(words()["union_acts"])) for clause in clauses[:cut]) or (
            cut == 1 and rest.startswith((*words()["unit_acts"], "为")))
        if not unacted:
            return None
        # The opening as the chair wrote it (11月优质课评比, not 11月，优质课评比).
        told = story[: len(story) - len(after)].rstrip("，")
        return (told if story.endswith(after) else "，".join(piece for piece in (when, opening) if piece)), after
    return None


def has_own_subject(story: str) -> bool:
    """Whether a story, after its opening, neither acts nor says where it was done nor names the union: its own
    subject does what it tells (老师和孩子一起走T台…), so only a lead (在工会协助下，) can credit anyone."""
    rest = _split_time(story)[1]
    return not (_acts(rest, _all_acts()) or _placed(rest) or _opens_on_union(rest) or names_own_doer(story))


def names_own_doer(story: str) -> bool:
    """Whether a story names its own doer (`own_doer`)."""
    return own_doer(story) is not None


def told_by(story: str, union: str) -> str:
    """A chair's story as a sentence of the summary: the union named as the subject where the chair left it out
    (1月18日举办… → 1月18日，我院工会举办…), the unit where what was done is the unit's to do (采纳提案…, as
    `unit_acts` lists; 我院工会 → 我院); a story with its own subject is left as written."""
    when, rest = _split_time(story)
    unit = union.removesuffix(UNION)
    if names_own_doer(story) or _opens_on_union(rest):
        return "，".join(piece for piece in (when, rest) if piece)
    if unit and rest.startswith(tuple(words()["unit_acts"])):
        return f"{when}，{unit}{rest}" if when else unit + rest
    later = None if _acts(rest, _all_acts()) or _placed(rest) or not union else _later_act(rest)
    if later:
        # How things stood, then what the union did about it (新来了40多个老师，|工会开展了入职营…).
        return "，".join(piece for piece in (when, later[0], told_by(later[1], union)) if piece)
    if not _acts(rest, tuple(words()["union_acts"])) and not _placed(rest):
        if union.endswith(UNION) and _others_together(rest):
            # What the chair says the union organised, told with its own subject (镇机关和村干部一起开展…,
            # “纺织姐妹合唱团”每周四排练…): the union's part leads it.
            return "，".join(piece for piece in (when, words()["organised_lead"].format(union=union), rest) if piece)
        # 春节前院领导… reads as 春节/前院领导: a time ending in 前 or 后 is set off by a comma before a subject.
        return f"{when}，{rest}" if when.endswith(("前", "后")) and not rest.startswith("的") else story
    if union.endswith(UNION):
        # Its own members named without 工会 again (工会与会员代表座谈…); what staff took part in, organised by it.
        rest = next((done + rest[len(act):] for act, done in words()["union_takes_part"].items()
                     if rest.startswith(act)), _owned(rest))
    return f"{when}，{union}{rest}" if when else union + rest


def _others_together(rest: str) -> bool:
    """Whether a story opens on others as its subject: a group or name in quotes (“青禾读书会”…), the staff at large
    (全体职工…, 大家…: settings.yaml `group_subjects`), or several doing it together (…和…一起…)."""
    first = rest.partition("，")[0]
    if any(word in rest for word in words()["own_accord_words"]):
        return False  # what they did of their own accord (同事们自发捐款…) was nobody's to organise
    together = any(word in first for word in words()["together_words"])
    return together or rest.startswith(("“", *words()["group_subjects"]))


def _owned(rest: str) -> str:
    """What the union did, its doer named before it, without 工会 again before its own members or groups in the
    same clause (工会与会员代表座谈…, 工会请小组长…; not 工会与工会会员代表座谈…)."""
    clause, comma, after = rest.partition("，")
    return re.sub(rf"工会(?={_either('union_not_itself')})", "", clause) + comma + after


def _later_act(story: str) -> tuple[str, str] | None:
    """A story that opens on how things stood, with no act in it, then tells what was done with no doer of its own
    (培智部老师天天抱孩子…，好多人腰肌劳损，|3月起请医生…; 新来了40多个老师，|开展了入职营…): cut before what was done,
    or None. After a clause that acts, a later act is the same subject's (局领导带队到田间地头，送去…)."""
    clauses = story.split("，")
    for cut in range(1, len(clauses)):
        if _acts(_split_time(clauses[cut - 1])[1], _all_acts()):
            return None
        after = "，".join(clauses[cut:])
        rest = _split_time(after)[1]
        # Without a time of its own, only after clauses that tell no act at all (not 园长带队到各班看望…，送去…).
        stood = not any(act in clause for clause in clauses[:cut] for act in _acts_inside())
        # …and then only with an act of two characters or more (开展了…), not 去了25个 or 请厂医讲….
        if _acts(rest, _all_acts()) and (_story_time().match(after) or (stood and _acts(rest, _long_acts()))):
            return "，".join(clauses[:cut]), after
    return None


@cache
def _long_acts() -> tuple[str, ...]:
    """The acts of two characters or more: an act whatever stands around them (not 去, 请, 办)."""
    return tuple(act for act in _all_acts() if len(act) > 1)


@cache
def _acts_inside() -> tuple[str, ...]:
    """Words of acting anywhere in a clause: the long acts and settings.yaml `acts_inside`."""
    return (*_long_acts(), *words()["acts_inside"])


def credited(story: str, doer: str) -> str:
    """A chair's story told with the doer they named for it (`_credited`); where its own sentence tells the union's
    suggestion (工会…列了清单报给公司，到年底新建…), what was done after it is the unit's, its doer named
    (…报给公司，公司到年底新建…), not left to read as the union's."""
    told = _credited(story, doer)
    lead, _, subject = doer.rpartition("，")
    if not subject or UNION in subject or not _suggests(lead):
        return told
    suggestion = re.search(rf"(?:^|[，。；]){_ours()}{_telling()}[^，。；]*[，。；]", told)
    if not suggestion:
        return told
    after = told[suggestion.end():]
    clause, separator, rest = (*re.split(r"([，。；])", after, maxsplit=1), "", "")[:3]
    when, act = _split_time(clause)
    if not act or not (act.startswith("把") or _acts(act, _all_acts())) or _own_doers().match(act):
        return told
    done = f"{when}，{subject}{act}" if when else subject + act
    return told[: suggestion.end()] + done + separator + rest


def _suggests(lead: str) -> bool:
    """Whether a credit names the union's suggestion (经工会建议), not its help."""
    return any(word in lead for word in words()["suggestion_words"])


def _telling() -> str:
    """After the union, its suggestion told in its own sentence, in any clause of it (工会把72个首末站跑了一遍，列了清单
    报给公司)."""
    return rf"[^。；]*(?:{_either('suggestion_words')})"


def _credited(story: str, doer: str) -> str:
    """A chair's story told with the doer they named for it, before its verb (暑期组织… → 暑期，工会协助园方
    组织…). A doer with ， is a lead and then the doer (经工会建议，园方):
    - a story that names its own doer after its opening keeps it, the lead before that doer (根据职代会提案，在工会
      推动下，院方为…); one whose own doer is the union takes no lead (台风过境后，工会连夜…);
    - a story that opens with the unit acting on something has the lead after that clause (医院根据职代会提案，
      在工会推动下，7月起…, not 在工会推动下，医院根据职代会提案，…);
    - after a setting the lead follows the doer (在区总工会支持下，园方在工会推动下举办…);
    - a story that opens with the union, or lists it among its doers before its verb, is told as the chair wrote
      it."""
    when, rest = _split_time(story)
    lead, _, subject = doer.rpartition("，")
    # A story whose doers include the union, listed before its verb (院领导和工会干部分5组走访…; 由工会牵头…), is the
    # chair's own telling of who did it: a lead before it would have the union help itself. One where the union
    # follows a verb (采纳工会…建议, 组织工会小组长…) takes its doer as any other.
    acts = _all_acts()
    joins = re.escape("".join(words()["list_joins"]) + words()["list_separator"])
    # Someone before the join (not 与工会会员代表座谈…), or 由工会….
    listed = re.match(rf"[^，。]+?[{joins}]工会|(?:{_either('union_doer_marks')})工会", rest)
    # A suggestion is told by the union proposing it (工会跟所长提的); its help by any act of its own.
    suggested = _suggests(lead)
    later_union = rf"(?:^|[，。；])(?:{_either('union_told_before')})?{_ours()}{_telling() if suggested else ''}"
    # …or names the union's suggestion as what the unit took up (局里采纳工会建议，…).
    named = suggested and re.search(rf"{_ours()}的?(?:{_either('suggestion_words')})", rest)
    if re.search(_credit(), rest) or re.search(later_union, rest) or named:
        # The story credits the union itself (医院在工会协助下为…) or tells its part in a clause or a sentence of its
        # own (…，这个是工会跟所长提的，所里同意了; …，工会提了建议，公司开了…; …。工会…列了清单报给公司): a lead would
        # credit it twice.
        lead = ""
    own = own_doer(story)
    as_written = "，".join(piece for piece in (when, rest) if piece)
    if own and lead and suggested and re.match(_ours(), own[1]):
        # The union found it out, the unit put it right (工会一查…，|公司全部退给她了): the suggestion before the
        # unit's act.
        clauses = rest.split("，")
        acting = next((i for i, piece in enumerate(clauses) if i and _own_doers().match(piece)
                       and not re.match(_ours(), piece)), None)
        if acting:
            return "，".join(piece for piece in (when, *clauses[:acting], lead, *clauses[acting:]) if piece)
    # The doer after a time of its own (中秋节工会和校长跑了…) may be the union: then the story tells its part.
    doer_said = own and (_split_time(own[1])[1] if _story_time().match(own[1]) else own[1])
    if own and lead and not re.match(_ours(), doer_said):
        # 根据职代会提案，在工会推动下，院方为…: the credit before the unit's own doer, not 医院…，院方为….
        return "，".join((own[0], lead, own[1]))
    if _opens_on_union(rest) or own or (listed and not _acts(rest, acts)):
        return as_written
    if lead and rest.startswith(tuple(words()["unit_acts"])) and "，" in rest:
        acted_on, _, rest = rest.partition("，")
        return "，".join(piece for piece in (when, subject + acted_on, lead, rest) if piece)
    heads = "|".join(map(re.escape, ["在", *words()["plan_heads"], *words()["setting_heads"]]))
    if lead and any(re.match(rf"(?:{heads}){_ours()}", piece) for piece in when.split("，")):
        # Under the union's own plan or decision (按照工会部署，…) a credit would name the union twice: the doer alone.
        lead = ""
    later = None if _acts(rest, acts) or _placed(rest) or not lead else _later_act(story)
    if later:
        # What happened first (老师们天天抱孩子…，好多人腰肌劳损，), then the credit before what was done about it.
        return "，".join((later[0], credited(later[1], doer)))
    if _acts(rest, acts) or _placed(rest):
        if lead and when and not _story_time().match(story):
            # After a setting, the credit follows the doer (在区总工会支持下，园方在工会推动下举办…), not a second
            # setting-like clause (在区总工会支持下，在工会推动下，…).
            return "，".join((when, subject + lead + rest))
        rest = subject + (_owned(rest) if UNION in subject else rest)
    elif not lead:
        return told_by(story, "")
    else:
        clauses = rest.split("，")
        timed = next((i for i, piece in enumerate(clauses) if i and _story_time().match(piece)), None)
        if timed:
            # What was said goes on (…课时算得少，|跟文化课不一样，) until what was done from a time of its own: the
            # credit goes before that (经工会建议，4月教代会上通过了…).
            return "，".join(piece for piece in (when, *clauses[:timed], lead, *clauses[timed:]) if piece)
    return "，".join(piece for piece in (when, lead, rest) if piece)


def partnered(story: str, unit: str) -> str | None:
    """A story that gives the union its part itself, told with no credit put before it, or None for any other story:
    - the union helping the unit (配合学校发放…, 协助园方…: settings.yaml `helper_acts`), the union its doer:
      工会配合学校发放…;
    - the union as the unit's partner (协助工会为…, 和工会一起…: settings.yaml `partner_acts`; 带领…和工会干部…:
      `partner_leads`), the unit its doer: 春节前，园方协助工会为…;
    - the unit acting on the union's word (采纳工会…的建议，…: `unit_acts`), the unit its doer: 公司采纳工会…;
    - the union's credit opening a clause (在工会推动下，…; 经院工会协调，…; 根据职代会提案，经工会协调，…), the unit
      its doer after the credit when what follows opens on an act (经工会协调，我院为…), as written when it names
      its own doer or another body (经工会协调，物业公司为…)."""
    when, rest = _split_time(story)
    said = words()
    ours = _ours()
    credit = re.search(rf"(?:^|(?<=，)){_credit()}，", rest)
    adopts = re.match(rf"(?:{_either('unit_acts')}){ours}", rest) and not (credit and credit.start() == 0)
    partner = re.match(rf"(?:{_either('partner_acts')}){ours}", rest) or (
        rest.startswith(tuple(said["partner_leads"])) and re.search(ours, rest.partition("，")[0]))
    unit_named = rf"(?:{_either('own_doers')}|{_unit_word()})(?!{UNION})"
    if re.match(rf"(?:{_either('helper_acts')}){unit_named}", rest):
        # 配合学校发放…: the union's own telling of its part (我校工会配合学校…).
        told = unit + UNION + rest
    elif credit and not adopts:
        after = _split_time(rest[credit.end():])[1]
        doer = unit if _acts(after, _all_acts()) else ""
        told = rest[: credit.end()] + doer + rest[credit.end():]
    elif adopts or partner:
        told = unit + rest
    else:
        return None
    return "，".join(piece for piece in (when, told) if piece)


def done_by(text: str, union: str) -> str:
    """What the union did, told by the chair, with the union as its doer whatever the verb
    (搬迁期间开通班车 → 搬迁期间，我厂工会开通班车); text that names its doer (the union, the unit, the whole staff:
    全体教师…, 全中心…) or has a subject of its own (老师跟留守娃结对…) is left as written, and so is text
    whose first clause has another subject and a later one names the union (老师们周末加班布置环境，工会买了…)."""
    when, rest = _split_time(text)
    if rest.startswith((union, union.removesuffix(UNION), UNION, *words()["whole_doers"])):
        return text
    if has_own_subject(text):
        return text
    if UNION in rest.partition("，")[2] and not _acts(rest, _all_acts()):
        return "，".join(piece for piece in (when, rest) if piece)
    return f"{when}，{union}{rest}" if when else union + rest


def held(story: str) -> str:
    """A story that opens on an event it names with no verb (11月青年老师教学比武，28个老师都上了课) with 举办 before
    the event, so that its doer holds it (11月，学校举办青年老师教学比武…), not a doer before a bare noun."""
    when, rest = _split_time(story)
    first = re.split("[，。；]", rest, maxsplit=1)[0]
    said = words()
    if (not first.endswith(tuple(said["held_events"])) or len(first) > said["bare_event_chars"]
            or _acts(rest, _all_acts()) or _placed(rest) or _opens_on_union(rest) or names_own_doer(story)
            or any(act in first for act in _acts_inside())):
        return story
    return "，".join(piece for piece in (when, said["held_verb"] + rest) if piece)


def led(text: str, lead: str) -> str:
    """A chair's story after its connector (此外，); a story that opens with its date needs none."""
    return f"{lead}，{text}" if lead and not _story_time().match(text) else text


def month_of(story: str) -> int | None:
    """The month a chair's story opens with (12月举办…, 1月18日…), or None."""
    found = re.match(r"(1[0-2]|[1-9])月", story)
    return int(found.group(1)) if found else None


FILTERS = {"led": led, "told_by": told_by, "done_by": done_by, "story_time": story_time, "month_of": month_of}
