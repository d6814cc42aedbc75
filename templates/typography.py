"""The typographic rules of a 工作总结 as Jinja2 filters: lists, enumerations, quotations, clauses.

Chinese words these rules need (等, 一是…, the numerals) come from templates/settings.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
LIST_LIMIT = 5
# A chair's own numbering at the start of an item: 1. 1、 (1) （一） ① 一是 第一，
_OWN_NUMBERING = re.compile(
    r"^\s*(?:[（(]?[0-9一二三四五六七八九十]+[)）.、．]"  # 1. 1、 (1) （一）
    r"|[①-⑩]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、])\s*")  # ① 一是 第一，


@cache
def settings() -> dict[str, Any]:
    """templates/settings.yaml, read once for the templates, the typography and the page."""
    with (HERE / "settings.yaml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@cache
def words() -> dict[str, Any]:
    return settings()["typography"]


@cache
def alternatives(kind: str) -> str:
    """The words of a kind (settings.yaml `typography`) as regex alternatives, in the order listed: built once."""
    return "|".join(map(re.escape, words()[kind]))


@cache
def written_pairs() -> list[tuple[str, str]]:
    """settings.yaml `written_words`, the longest spoken phrase first (挨个跑了一遍 before 挨个)."""
    return sorted(words()["written_words"].items(), key=lambda pair: -len(pair[0]))


def earner_verbs() -> list[str]:
    """The verbs that join an honour or a prize to whoever won it (settings.yaml `earner_verbs`)."""
    return settings()["earner_verbs"]


def spaced_earner(item: str) -> str:
    """An honour typed after its earner with a space between them (邓春梅 县优秀乡村教师, stored 邓春梅、县…): the
    earner, a person's name or a team (石门教学点), and the honour joined by 获评; any other item as typed (市文明单位、
    省卫生先进单位 are two honours)."""
    earner, separator, honour = item.partition("、")
    if not separator or "、" in honour or any(verb in item for verb in earner_verbs()):
        return item
    said = words()
    person = re.fullmatch(r"[\u4e00-\u9fff]{2,3}", earner) and not any(w in earner for w in said["honour_words"])
    team = earner.endswith(tuple(said["earner_team_ends"]))
    return f"{earner}{said['earned_verb']}{honour}" if person or team else item


def honoured(item: str) -> str:
    """An honour with the verb of one who was chosen (陈晓峰评了“最美医生” → 陈晓峰获评…, 陶建平评为… → 陶建平被评为…):
    a bare 评 reads as if the earner did the choosing (settings.yaml `honour_verbs`)."""
    for said, meant in settings()["honour_verbs"].items():
        item = re.sub(rf"(?<![被获荣]){re.escape(said)}", meant, item)
    return item


def unit_named(text: str, self_word: str, management: str) -> str:
    """The chair's spoken name for the unit (局里, 所里, 厂里) as the summary names it: the unit (我局) where it opens
    a clause, its management (企业, 园方) after one it deals with (跟厂里谈 → 跟企业谈); elsewhere as typed (医院里)."""
    if not self_word.startswith("我") or len(self_word) < 2:
        return text
    spoken = re.escape(self_word[1:] + words()["spoken_unit_suffix"])
    partners = "".join(words()["unit_partners"])
    text = re.sub(rf"(?<=[{partners}]){spoken}", management, text)
    return re.sub(rf"(?:(?<=^)|(?<=[，。；：]))(?:{spoken})", self_word, text)


def clause(text: str) -> str:
    """Free text placed mid-sentence: no trailing full stop doubling the template's own."""
    return text.strip().rstrip("。.；;，,！!")


# A number the chair typed to count off a point (1. 2、 3）), at the start or after a pause or a separator.
# After a word too when a word follows (集训期间1.给老师…), not in 1.5倍 or 3、4月.
# Circled numbers (①②) and spoken ordinals before a pause (第一，第二，) count off points wherever they stand.
_HAND_NUMBER = re.compile(r"(?:^|(?<=[\s，,、；;：:])|(?<=[\u4e00-\u9fff])(?=[1-9][.．、)）][\u4e00-\u9fff]))"
                          r"([1-9])[.．、)）]\s*|([①-⑨])\s*|第([一二三四五六七八九])[，,、：:]\s*")


def _point(mark: re.Match[str]) -> int:
    """The number of a point the chair counted off: 2. or ② or 第二，."""
    digit, circled, spoken = mark.groups()
    if circled:
        return ord(circled) - ord("①") + 1
    return int(digit) if digit else words()["ordinals"].index(spoken) + 1


def renumbered(text: str) -> str:
    """A chair's points numbered by hand (1.… 2.…、3.…), only where 1, 2… follow in order (a lone 1. may be a
    decimal): counted off as a report does (一是…；二是…) where the text is a list of them, goes on a list with them
    (…团队；1.…) or announces them (提了两条，1.…: settings.yaml `point_counts`); in the middle of a story they
    are its clauses (比赛分两轮，35岁以下的都参加，前两名推荐去市里), where 一是 would turn what happened into
    points."""
    marks, expected = [], 1
    for mark in _HAND_NUMBER.finditer(text):
        if _point(mark) == expected:
            marks.append(mark)
            expected += 1
    if len(marks) < 2:
        return text
    opening = text[:marks[0].start()].rstrip()
    lead = opening.rstrip("，,：: ")
    # A list's items (…创新团队；1.黄志斌…), or points announced.
    counted = not lead or opening.endswith(("；", ";")) or lead.endswith(tuple(words()["point_counts"]))
    ordinals, out, last = words()["ordinals"], "", 0
    for count, mark in enumerate(marks):
        before = text[last:mark.start()]
        if count:  # the pause or separator the chair typed before a point
            before = before.rstrip().rstrip("，,、；;") + ("；" if counted else "，")
        elif not counted and before.rstrip() and not before.rstrip().endswith("："):
            before = before.rstrip().rstrip("，,、") + "，"
        out += before + (words()["enumeration"].format(ordinal=ordinals[count], item="") if counted else "")
        last = mark.end()
    return out + text[last:]


def _people_counted(text: str) -> str:
    """A count of people (41个年轻人, 72个人) with 名 and 人, not 个; not before what they make up (12个司机之家)."""
    measure, people, groups = words()["people_measure"], alternatives("counted_people"), alternatives("people_groups")
    text = re.sub(r"(?<=[0-9])个人(?![员事才])", words()["person_word"], text)
    text = re.sub(rf"(?<=[0-9])个(?=(?:{people})(?!{groups}))", measure, text)
    # …after their noun, at a clause's end (安全监督员一共38个，…).
    text = re.sub(rf"((?:{people}|员|师)(?:一共|共|有)?[0-9]+)个(?=[，。；、]|$)", rf"\1{measure}", text)
    # …and by the title they were chosen for (10个“服务之星”, 师德标兵6个).
    titles = alternatives("people_titles")
    text = re.sub(rf"(?<=[0-9])个(?=“[^”]{{1,12}}(?:{titles})”)", measure, text)
    return re.sub(rf"((?:{titles})”?[0-9]+)个", rf"\1{measure}", text)


def written(text: str) -> str:
    """A chair's free text in the written register of the summary: 6月份 → 6月, 1月10号 → 1月10日, 搞了 → 开展了
    (settings.yaml `written_words`) but 举办了 before an event (`held_events`), 我们 before what was done left out
    for the story's doer to take its place (`we_words`), points numbered by hand counted off (`renumbered`)."""
    text = renumbered(text)
    for spoken, kept in words()["after_a_number"].items():
        text = re.sub(rf"(?<=[0-9]){re.escape(spoken)}", kept, text)
    before = alternatives("spoken_yuan_before")
    allowances = alternatives("spoken_yuan_allowances")
    for spoken, kept in words()["spoken_yuan"].items():
        ahead = rf"(?:{before})|[^，。；0-9]{{1,4}}(?:{allowances})|$"
        text = re.sub(rf"(?<=[0-9]){re.escape(spoken)}(?={ahead})", kept, text)
    for spoken, kept in words()["after_a_date"].items():
        text = re.sub(rf"((?:[0-9]{{1,2}}|每)月[0-9]{{1,2}}){re.escape(spoken)}", rf"\1{kept}", text)
    # A span of days in one month (9月16号到18号): 9月16日至18日.
    spans, until = alternatives("days_span"), words()["days_span_written"]
    text = re.sub(rf"([0-9]{{1,2}}月[0-9]{{1,2}}日)(?:{spans})([0-9]{{1,2}})[日号]", rf"\1{until}\2日", text)
    events = alternatives("held_events")
    text = re.sub(rf"搞(了?)(个|一次|一场)?(?=[^，。；、]{{0,12}}?(?:{events}))",
                  lambda m: "举办" + m[1] + ("一次" if m[2] == "个" else m[2] or ""), text)
    # 搞了 before what is provided (搞了加班餐和夜间打车报销): 安排了, not 开展了.
    things = alternatives("arranged_things")
    text = re.sub(rf"搞(了)?(?=[^，。；、]{{0,8}}?(?:{things}))", lambda m: words()["arranged"] + (m[1] or ""), text)
    # 搞个/弄个 before a place is built (搞个休息板房 → 建一个…); before anything else it is held (written_words).
    places = alternatives("made_places")
    text = re.sub(rf"[搞弄](了)?一?个(?=[^，。；、]{{0,10}}?(?:{places}))",
                  lambda m: words()["made_place"].format(done=m[1] or ""), text)
    for spoken, kept in written_pairs():
        text = text.replace(spoken, kept)
    said = words()
    text = re.sub(rf"(?:^|(?<=我[{said['spoken_filler_after']}])){said['spoken_filler']}", "", text)
    for spoken, kept in said["spoken_none_found"].items():
        text = re.sub(rf"{spoken}(?=[，。；]|$)", kept, text)
    spans = alternatives("spoken_span")
    text = re.sub(rf"(?<=[\u4e00-\u9fff])(?:{spans})", said["spoken_span_written"], text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])那([一两二三四五六七八九十半]个?(?:月|天|周|年))",
                  lambda m: said["spoken_counted_span"].format(span=m[1]), text)
    kin = "".join(said["kin_words"])
    text = re.sub(rf"我[{kin}][（(]([^）)]{{1,8}})[）)]", r"\1", text)
    for spoken, kept in said["spoken_put_forward"].items():
        text = re.sub(rf"{spoken}(?=[0-9一两二三四五六七八九十])", kept, text)
    done = alternatives("spoken_done_ends")
    text = re.sub(rf"((?:{done})[^，。；了]{{1,12}})了(?=[，。；]|$)", r"\1", text)
    # 民工 is the spoken word for 务工人员, but not inside 农民工, a word of record.
    text = re.sub(r"(?<!农)民工", said["migrant_workers"], text)
    # A work said done with a bare 完 (8月改造完, 隐患整改完): 完成.
    works = alternatives("finished_works")
    text = re.sub(rf"({works})完(?![成毕善整全美好])", rf"\1{said['finished_written']}", text)
    verbs = alternatives("spoken_done_verbs")
    text = re.sub(rf"({verbs})了(?=[，。；]|$)", r"\1", text)
    text = _people_counted(text)
    # A place in a contest said without 名 (篮球赛第三): 第三名.
    text = re.sub(r"((?:赛|比武|比赛)第[一二三四五六七八九十])(?![名届次轮场期天批])", r"\1名", text)
    for spoken, kept in said["about_a_number"].items():
        # Not before 余, which says it already (大概80多万 → 80余万).
        text = re.sub(rf"{re.escape(spoken)}(?=[0-9.]+余)", "", text)
        text = re.sub(rf"{re.escape(spoken)}(?=[0-9])", kept, text)
    posts = alternatives("we_before_posts")
    for we in said["we_words"]:
        text = re.sub(rf"{re.escape(we)}(?={posts})", "", text)
    not_before = alternatives("spoken_hold_not_before")
    for spoken, kept in words()["spoken_chosen"].items():
        text = re.sub(rf"(?<![{words()['spoken_chosen_not_after']}]){re.escape(spoken)}", kept, text)
    for spoken, kept in words()["spoken_hold"].items():
        text = re.sub(rf"{re.escape(spoken)}(?!{not_before})(?=[\u4e00-\u9fff“])", kept, text)
    acts = "|".join(map(re.escape, sorted([*words()["union_acts"], *words()["we_acts"]], key=len, reverse=True)))
    together = alternatives("we_with")
    # Whom the union gave to, said first (加班的老师工会给送了…): the union first, then whom for (工会为…送了…).
    gives = alternatives("give_verbs")
    text = re.sub(rf"(^|[，；])([^，。；]{{2,12}}?)工会给(?={gives})", r"\1工会为\2", text)
    whole = alternatives("whole_doers")
    for we in words()["we_words"]:
        text = re.sub(rf"{re.escape(we)}(?=工会|{whole})", "", text)  # 我们工会 is the union, 咱们全体老师 all of them
        text = re.sub(rf"{re.escape(we)}(?=(?:{together}))", "工会", text)
        text = re.sub(rf"{re.escape(we)}(?=(?:{acts}))", "", text)
    return text.replace(words()["spoken_we"], "")


def items(text: str | None) -> list[str]:
    """A chair's list typed as one line (；/;/、 or numbered) split into its items, their own numbering gone."""
    if not text:
        return []
    parts = re.split(r"[；;\n]+|(?:^|\s)(?=\d+[.、．])|(?=[①-⑩])|[，,]?(?=第[一二三四五六七八九十][，,、：:])"
                     r"|(?<=[。])", text)
    parts = [clause(p) for p in parts if clause(p)]
    # What the chair said before counting the items off (明年想做这么几件事，第一，…) announces them: it is not one.
    # A numbered item is one, whatever it ends on (一是…覆盖到每个作业点).
    counts = tuple(words()["point_counts"])
    if len(parts) > 2 and parts[0].endswith(counts) and not _OWN_NUMBERING.match(parts[0]):
        parts = parts[1:]
    # …nor is it where the chair's numbering was counted off after it (…几件事，一是把…；二是…).
    first_point = words()["enumeration"].format(ordinal=words()["ordinals"][0], item="")
    announced = re.match(rf"(.+?)[，：:]{first_point}(.+)", parts[0]) if len(parts) > 1 else None
    if announced and announced.group(1).endswith(counts):
        parts[0] = announced.group(2)
    return [c for c in (clause(_OWN_NUMBERING.sub("", p)) for p in parts) if c]


def listed_items(text: str) -> list[str]:
    """What a chair typed where a list is asked, its 、-separated items each; but kinds sharing the last one's head
    (采煤机司机、液压支架工、电钳工比武: settings.yaml `list_heads`) are one item, since the first ones alone are
    no item (a 采煤机司机 is not a contest)."""
    between = words()["list_separator"]
    parts = [p for p in clause(text).split(between) if p]
    heads = tuple(words()["list_heads"])
    if len(parts) > 1 and parts[-1].endswith(heads) and not any(p.endswith(heads) for p in parts[:-1]):
        return [and_list(parts)]
    return parts


def honours(text: str | None) -> list[str]:
    """A chair's honours typed in one line (、，；), each as a clause: 全国模范职工之家、省先进单位 → two."""
    return [h for h in (clause(part).strip() for part in re.split(r"[、，,；;]+", text or "")) if h]


def first_free(variants: Sequence[str], start: int, avoid: Iterable[str]) -> str:
    """The variant at `start` (the one drawn), or else the next one after it, round the list, that says none of the
    words of `avoid`: a document moves no more than it must, and only where its wording says an avoided word."""
    following = [*variants[start:], *variants[:start]]
    return next((v for v in following if not any(word in v for word in avoid)), following[0])


def titled(names: list[str]) -> str:
    """Honours as the object of 荣获: 称号 after titles (荣获省模范职工之家称号), not after a prize or a place
    (荣获技能大赛一等奖): settings.yaml `not_titles`."""
    listed = and_list(names)
    return listed if any(name.endswith(tuple(words()["not_titles"])) for name in names) else listed + "称号"


def cn_list(values: list[str], limit: int = LIST_LIMIT) -> str:
    """、-joined, the last item after 和 (职业健康检查和安全隐患整改; 岗位练兵和业务技能竞赛) unless one of the two it
    would join has its own 和, 与 or 及 (settings.yaml `list_joins`), which would blur where an item ends. A list longer
    than `limit` is cut and says so with 等 and the count of all items; a list that was not cut never has 等."""
    between = words()["list_separator"]
    # An item that is a list itself (采煤机司机、液压支架工和电钳工比武) goes last, after 以及: among the others its
    # 、 would read as the list's own, splitting it into items that were never chosen.
    nested = [v for v in values if v and between in v and any(joined in v for joined in words()["list_joins"])]
    plain = [v for v in values if v and v not in nested]
    if plain and nested and len(plain) + len(nested) <= limit:
        return cn_list(plain, limit) + words()["list_last_nested"] + "，".join(nested)
    values = plain + nested
    if len(values) > limit:
        return between.join(values[:limit]) + words()["cut"].format(n=len(values))
    if len(values) >= 2 and not any(joined in v for v in values[-2:] for joined in words()["list_joins"]):
        return between.join(values[:-1]) + words()["list_last"] + values[-1]
    return between.join(values)


def and_list(values: list[str]) -> str:
    """All the items, never cut: the names of festivals, parts of the year, activities (cn_list's rules)."""
    return cn_list(values, limit=len(values))


def is_cut(values: list[str], limit: int = LIST_LIMIT) -> bool:
    return len([v for v in values if v]) > limit


def enumerated(values: list[str]) -> str:
    """一是…；二是…。 for two or more items (the items' own numbering removed); a single item as it is."""
    values = [clause(_OWN_NUMBERING.sub("", v)) for v in values if v and clause(v)]
    if len(values) < 2:
        return values[0] if values else ""
    ordinals = words()["ordinals"]
    return "；".join(words()["enumeration"].format(ordinal=ordinals[i], item=v) for i, v in enumerate(values))


def quoted(name: str) -> str:
    """An event name in “”; quotation marks inside it become ‘’ as Chinese nesting requires."""
    inner = clause(name)
    if inner.startswith("“") and inner.endswith("”") and inner.count("“") == 1:
        inner = inner[1:-1]
    return "“" + inner.replace("“", "‘").replace("”", "’") + "”"


def sentence(text: str) -> str:
    """Free text that stands as a sentence of its own: ends with exactly one 。 (or the chair's ！？)."""
    text = text.strip().rstrip("，,；;、")
    return text if text.endswith(("。", "！", "？", "”")) else text.rstrip(".") + "。"


def term_once(text: str, term: str, said: bool = False) -> str:
    """The period (本年度, 本学年) once a part, as a writer would: a later mention (every one, when `said`)
    goes where the sentence reads as well without it, and stays where a word leans on it (本年度的…, 回顾本年度) or
    another year in its sentence sets it apart (2023年获评…，本年度通过复核)."""
    if not term:
        return text
    kept_after, kept_before = tuple(words()["term_kept_after"]), tuple(words()["term_kept_before"])
    pieces: list[str] = []
    done = 0
    for found in re.finditer(rf"(在)?{re.escape(term)}(，)?", text):
        before, after = text[:found.start()], text[found.end():]
        leaning = before.endswith(kept_after) or (not found.group(2) and after.startswith(kept_before))
        # Set against another year in its sentence (2023年获评…，本年度通过复核), it tells when.
        leaning = leaning or re.search(r"(?:19|20)[0-9]{2}年", re.split("[。！？]", before)[-1]) is not None
        if not said or leaning or not after:
            said = True
            continue
        pieces.append(text[done:found.start()])
        done = found.end()
    return "".join(pieces) + text[done:]


# A place in a contest: 第五名, 第1名.
_RANKED = re.compile(r"第[0-9一二三四五六七八九十]+名$")
# A prize counted by the people who won it: 二等奖2人, 三等奖1名.
# The unit may name itself before the count (个人前十名我局3人).
_COUNTED_PRIZE = re.compile(r"^(?P<prize>.+?)(?:我[厂司局校园院所行委站处队])?(?P<n>[0-9]+)\s*[人名]次?"
                            r"(?:[（(](?P<who>[^）)]+)[）)])?$")
# Prizes counted as prizes (一等奖1个, 二等奖2项), who won them in brackets after or not at all.
_PRIZES_COUNTED = re.compile(r"^(?P<prize>.+?[奖名])(?P<n>[0-9]+)\s*[个项](?P<who>[（(][^）)]+[）)])?$")


# One person's name in brackets after a prize (（李想）).
_ONE_NAME = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)]")
# Between two prizes: not inside the brackets that name who won one (一等奖1人（张磊、王涛）), nor inside a contest's
# quoted name (“岗位大练兵、业务大比武”团体第二名).
_PRIZE_BREAK = re.compile(r"([，,、；;]+)(?![^（(]*[）)])(?![^“]*”)")


def _who_closes(text: str) -> str:
    """Who won, in brackets, ends a prize even where the chair typed the next at once (…1个（张磊、王涛）二等奖2个);
    a winner said after the prize (三等奖1个，李想拿的) is put in brackets too."""
    text = re.sub(rf"[，,、；;]([\u4e00-\u9fff]{{2,4}}?)(?:{alternatives('won_it')})(?=[，,、；;]|$)", r"（\1）", text)
    return re.sub(r"([）)])(?=[^，,、；;）)])", r"\1；", text)


def prizes(text: str | None) -> dict[str, list[Any]]:
    """A chair's list of prizes won outside, sorted by who won them, so the sentence can credit each:
    `counted` [(prize, n)] for 二等奖2人 (and 1 for a 个人 prize), `team` [(prize, the team)] for 团体第三名 and
    篮球赛第四名 (篮球队), `ranked` for a place that names no team or count (…项目第五名: the unit's 选手, one or
    several), `plain` for the rest (as the chair wrote them); `told` for a sentence that names who won it."""
    found: dict[str, list[Any]] = {"counted": [], "team": [], "ranked": [], "plain": [], "told": []}
    typography = words()
    grades = "|".join(map(re.escape, typography["prize_grades"]))
    event, last = "", ""
    for item in _PRIZE_BREAK.split(_who_closes(clause(text or "")))[::2]:
        item = clause(item)
        by_count = _PRIZES_COUNTED.match(item)
        one = by_count and by_count["n"] == "1" and re.fullmatch(_ONE_NAME, by_count["who"] or "")
        if one:
            # One prize one person won (三等奖1个，李想拿的): that person's, not the unit's.
            found["counted"].append((by_count["prize"], "1", by_count["who"][1:-1]))
            continue
        if by_count:
            item = f"{by_count['prize']}{by_count['n']}{typography['prizes_measure']}{by_count['who'] or ''}"
        remark = not any(word in item for word in typography["prize_words"])
        if any(verb in item[2:] for verb in earner_verbs()) or remark:
            # …or a remark of the chair's that names no prize (指导老师都是我们的): nobody "won" it.
            # The chair's own sentence of who won what (赵敏代表学校参加省赛获三等奖): told as typed, not as the unit's.
            found["told"].append(item)
            continue
        named = None if re.match(grades, item) else re.match(rf"(.+?)(?={grades})", item)
        group = _prize_group(item)
        if named:
            event = named.group(1)
        elif event and group != last and re.match(grades, item):
            # 竞赛团体第二名、个人三等奖1人: the individual prize is the same contest's, told apart from the team's.
            item = event + item
        last = group
        if group == "counted":
            counted = _COUNTED_PRIZE.match(item)
            found["counted"].append((counted["prize"], counted["n"], counted["who"]) if counted else (item, "1", None))
        elif group == "team":
            squad = next((name for word, name in typography["squads"].items() if word in item), typography["squad"])
            found["team"].append((item, squad))
        elif item:
            found[group].append(item)
    return found


# A prize's grade, with the 团体/个人 before it: 团体二等奖, 一等奖, 第三名.
_GRADE = re.compile(r"(?:团体|个人)?(?:[特一二三]等奖|优秀奖|[金银铜]奖|第[0-9一二三四五六七八九十]+名)")


def telling_prize(item: str, story: str | list[str] | None) -> bool:
    """Whether a chair's story tells the prize an honour or award names, so one of the two can go: the same grade
    (团体二等奖), the same earner (赵敏), the place the prize was won at (安庆市…竞赛 beside 参加安庆市比赛，获团体
    二等奖) and two of the contest's own words (护理技能). A prize more than one person won (二等奖2人) is told by
    no story of one of them. Of several stories, any one may tell it."""
    if isinstance(story, list):
        return any(telling_prize(item, one) for one in story)
    grade = _GRADE.search(item)
    counted = _COUNTED_PRIZE.match(item)
    if not story or not grade or grade[0] not in story or (counted and int(counted["n"]) > 1):
        return False
    verb = next((verb for verb in earner_verbs() if verb in item[1:grade.start()]), None)
    earner, prize = item[:grade.start()].split(verb, 1) if verb else ("", item[:grade.start()])
    if earner and earner[-2:] not in story:
        return False
    place = re.match(rf"^.{{0,6}}?(?:{alternatives('prize_places')})", prize)
    if place and place[0] not in story:
        return False
    # The contest's own words too, not only 比赛 (去嘉兴市比赛获得个人二等奖 does not name 口腔护理技能竞赛).
    contest = prize[len(place[0]):] if place else prize
    pairs = {contest[i:i + 2] for i in range(len(contest) - 1)} - set(words()["contest_words"])
    return sum(pair in story for pair in pairs) >= 2


def untold_prizes(text: str, story: str | None) -> str:
    """A chair's list of prizes without those their story of the part tells (the highlight's 获团体二等奖 of the
    安庆市 contest beside 安庆市护理技能竞赛团体二等奖). A prize that goes gives its contest to the next one when that
    names only a grade (…比赛一等奖1人、二等奖2人 → …比赛二等奖2人)."""
    items = _PRIZE_BREAK.split(_who_closes(clause(text)))
    kept: list[str] = []
    dropped = ""
    for at in range(0, len(items), 2):
        item, after = items[at], items[at + 1] if at + 1 < len(items) else ""
        if re.match(_GRADE, item):
            item = dropped + item
        grade = _GRADE.search(item)
        if telling_prize(item, story):
            dropped = item[:grade.start()] if grade else ""
        else:
            kept += [item, after]
            dropped = ""
    return clause("".join(kept).strip("，,、；; "))


def _prize_group(item: str) -> str:
    """Who won a prize, as `prizes` sorts them."""
    typography = words()
    if _COUNTED_PRIZE.match(item) or any(word in item for word in typography["one_person_prize"]):
        return "counted"
    if any(word in item for word in typography["team_prize"]):
        return "team"
    return "ranked" if _RANKED.search(item) else "plain"


def shares_word(one: str, other: str) -> bool:
    """Whether two phrases share a two-character word (渠道 in 用好民主渠道 and 畅通诉求渠道), or a character that
    carries the meaning of both (帮困解难办实事 and 解决实际困难 say one thing twice: settings.yaml `echoes`)."""
    pairs = {one[i : i + 2] for i in range(len(one) - 1)}
    return (any(other[i : i + 2] in pairs for i in range(len(other) - 1))
            or any(char in one and char in other for char in words()["echoes"]))


def fresh_lead(phrase: str, after: str) -> str:
    """`phrase` (the bank's or a template's own, never a chair's) with its leading event verb (settings.yaml
    `event_verbs`) swapped for one `after` does not use, so a sentence and the story that follows it do not say
    举办 twice in a row; as it is when it opens on no such verb, or every verb is taken."""
    verbs = words()["event_verbs"]
    lead = next((verb for verb in verbs if phrase.startswith(verb)), None)
    fresh = next((verb for verb in verbs if verb not in after), None)
    if lead is None or fresh is None or lead not in after:
        return phrase
    return fresh + phrase[len(lead):]


def kind_of(text: str, kind: str) -> bool:
    """Whether a chair's own item names one of the words of a kind (settings.yaml: `arts_words`, `sports_words`)."""
    return any(word in text for word in words()[kind])


def untimed(item: str, times: list[str]) -> str:
    """A plan without the time it opens with (下半年，组织… → 组织…), kept whole when nothing would be left."""
    time = next((word for word in times if item.startswith(word)), "")
    rest = item[len(time):].lstrip("，, ")
    return rest if rest else item


def unwished(item: str, wishes: list[str], not_wishes: list[str]) -> str:
    """A plan without the wish it opens with (想给工人争取… → 给工人争取…): the announcement before it already says the
    union plans it (工会计划抓好几件实事：一是想… said it twice). A word that only opens like a wish (想办法) stays."""
    if item.startswith(tuple(not_wishes)):
        return item
    wish = next((word for word in wishes if item.startswith(word)), "")
    rest = item[len(wish):].lstrip("，, ")
    return rest if rest else item


# A count of people or things named just before it, in quotation marks or as the few characters before the number
# (评选“最美职教人”10名, 读者投票评出服务之星6名).
_NAMED_COUNT = re.compile(r"(?:“([^”]{2,12})”|([\u4e00-\u9fff]{2,4}))([0-9]+(?:名|个|人|位|项|篇|家))")


def untold(text: str, other: str | None) -> str:
    """The chair's clauses (between ，/；) without those the other answer already tells: each of its named counts is
    said there, name and count (ethics work 评出服务之星6名 and the models' 评选馆级“服务之星”6名). A clause with
    nothing counted is kept; so is the text whole when every clause is told."""
    if not other:
        return text
    clauses = re.split(r"(?<=[，；,;])", text)

    def told(piece: str) -> bool:
        counts = _NAMED_COUNT.findall(piece)
        return bool(counts) and all((quoted or bare)[-4:] in other and count in other for quoted, bare, count in counts)

    kept = "".join(piece for piece in clauses if not told(piece))
    return clause(kept) if kept.strip("，；,; ") else text


# A nomination: who was put forward and for what (推荐赵永刚报市五一劳动奖章, 推荐吴素芬参评…).
_WON_REMARK = re.compile(r"^(?:已|并|均|也|都)?(?:评上|获评|当选|入选|评选上|获得通过)(?:了)?$")
_NOMINATION = re.compile(r"推荐([\u4e00-\u9fff]{2,4}?)(?:同志|老师|医生|师傅|教授|主任|大夫|工程师)?"
                         r"(?:参评|申报|报|为|参选|角逐|评上了?|获评|荣获|当选)([^，；、]{4,}?)"
                         r"(?:并?(?:获评|获得|当选|获奖)|[，；、]|$)")


def _unquoted(text: str) -> str:
    return re.sub("[“”\"]", "", text)


def _won_as_put_forward(piece: str, honours: str) -> bool:
    """Whether a clause of the chair's puts forward someone the honours say won, for what they won (推荐赵永刚报市五一
    劳动奖章 beside 赵永刚获市五一劳动奖章)."""
    found = _NOMINATION.search(_unquoted(piece))
    won = _unquoted(honours)
    return bool(found) and found.group(1) in won and clause(found.group(2))[-6:] in won


def nominated(honour: str, models: str | None) -> bool:
    """Whether the chair's models tell they put forward the one who won this honour, for it (推荐黄海燕评上市五一劳动
    奖章 beside 副研究员黄海燕获石坪市五一劳动奖章): the honours then say who put them forward."""
    return any(_won_as_put_forward(piece, honour) for piece in re.split(r"[，；,;]", models or ""))


def unnominated(text: str, honours: str | None) -> str:
    """The chair's clauses (between ，/；) without a nomination the honours tell was won, the same person and the
    same award (推荐赵永刚报市五一劳动奖章 beside 赵永刚获市五一劳动奖章): the award won says it. Nothing when every
    clause goes: the honours tell it all."""
    if not honours:
        return text
    clauses = re.split(r"(?<=[，；,;])", text)
    dropped = [_won_as_put_forward(piece, honours) for piece in clauses]
    # …and the chair's word that it was won, after the nomination dropped (推荐王丽萍参评…，已评上).
    dropped = [gone or (i > 0 and dropped[i - 1] and _WON_REMARK.match(clause(piece)) is not None)
               for i, (piece, gone) in enumerate(zip(clauses, dropped, strict=True))]
    return clause("".join(piece for piece, gone in zip(clauses, dropped, strict=True) if not gone))


def without_head(text: str, kind: str) -> str:
    """A chair's item without the word of a kind it opens with, when the sentence says that word itself
    (审议工会经费审查报告 after 审议了…: settings.yaml `agenda_heads`); kept whole when nothing would be left."""
    for head in sorted(words()[kind], key=len, reverse=True):
        if text.startswith(head) and text[len(head):].strip():
            return text[len(head):]
    return text


def starting_with(text: str, kind: str) -> bool:
    """Whether a chair's own words open with one of the words of a kind (settings.yaml: `use_heads`)."""
    return text.startswith(tuple(words()[kind]))


def telling_count(story: str, number: int, thing: str) -> bool:
    """Whether a chair's story tells a count the part states: the thing and the whole number of people
    (安排20名一线柜员到岚山疗休养 tells the 20 at rest; 120名 does not), as the chair may have said it (30来人)."""
    return thing in story and re.search(rf"(?<![0-9]){number}(?:来|多|余)?个?(?:名|人|位)", story) is not None


def retelling(text: str, story: str) -> bool:
    """Whether a chair's story already tells what another answer of theirs says (救助药剂科一名职工患尿毒症的丈夫
    beside 药剂科刘姐的爱人查出尿毒症…): they share words, counted as pairs of Chinese characters (settings.yaml
    `retold_pairs` or more)."""
    pairs = {text[i:i + 2] for i in range(len(text) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", text[i:i + 2])}
    return sum(pair in story for pair in pairs) >= words()["retold_pairs"]


FILTERS = {"cn_list": cn_list, "and_list": and_list, "spaced_earner": spaced_earner,
           "clause": clause, "items": items, "honours": honours, "enumerated": enumerated, "quoted": quoted,
           "sentence": sentence, "prizes": prizes, "fresh_lead": fresh_lead, "titled": titled,
           "first_free": first_free, "untimed": untimed, "unwished": unwished,
           "untold": untold, "unnominated": unnominated, "honoured": honoured, "without_head": without_head,
           "untold_prizes": untold_prizes}
TESTS = {"cut": is_cut, "kind_of": kind_of, "starting_with": starting_with,
         "telling_count": telling_count, "retelling": retelling, "telling_prize": telling_prize,
         "nominated": nominated}
