"""The terminal front door, driven as a newcomer would: `union-summary run` with typed lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from docx import Document as open_docx

from tests.support.answers import HOSPITAL_FIGURES, HOSPITAL_SCRIPT, lines_before

COMMAND = [sys.executable, "-m", "bot.cli", "run"]
ROOT = Path(__file__).resolve().parents[2]


def run_console(workdir: Path, lines: list[str]) -> str:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'bot.db'}",
           "OUTPUT_DIR": str(workdir / "out"), "PYTHONPATH": str(ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    finished = subprocess.run(
        COMMAND, input="\n".join(lines) + "\n", capture_output=True, text=True, encoding="utf-8",
        env=env, cwd=workdir, timeout=120, check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def test_a_scripted_chair_gets_a_complete_docx(tmp_path: Path) -> None:
    output = run_console(tmp_path, [*HOSPITAL_SCRIPT, "完成"])
    path = tmp_path / "out" / "滨江市第一人民医院工会2025年工作总结.docx"
    assert str(path) in output
    document = open_docx(str(path))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[0].split("\n") == ["滨江市第一人民医院工会", "2025年工作总结"]  # broken after 工会
    headings = [p.text for p in document.paragraphs if p.style.name == "Summary Heading 1"]
    # basic, training, rights, welfare, culture, then the shortcomings and plans under one heading
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    text = "\n".join(paragraphs)
    assert "建好职工书屋住院部分馆" in text  # the chair's plans
    for figure in HOSPITAL_FIGURES:
        assert figure in text, figure
    assert "2名职工获市护理技能竞赛二等奖" in text and "迎新春趣味运动会" in text
    assert paragraphs[-2:] == ["滨江市第一人民医院工会委员会", "2026年1月10日"]


def test_quitting_and_running_again_continues_at_the_same_question(tmp_path: Path) -> None:
    before_cadre = lines_before("cadre_training")
    first = run_console(tmp_path, before_cadre)  # stdin closes here, as with Ctrl-D
    assert "进度已保存" in first
    assert first.rstrip().endswith("进度已保存。下次运行会从这一题接着问。")
    last_question = first.split("【")[-1]
    assert last_question.startswith("干部与职工培训】")
    assert "工会干部的培训是怎样组织的？" in last_question

    second = run_console(tmp_path, [])
    assert "欢迎回来" in second
    assert "工会干部的培训是怎样组织的？" in second.split("欢迎回来")[1]

    third = run_console(tmp_path, [*HOSPITAL_SCRIPT[len(before_cadre):], "完成"])
    assert "工会2025年工作总结.docx" in third
    text = "\n".join(p.text for p in open_docx(str(tmp_path / "out" / "滨江市第一人民医院工会2025年工作总结.docx"))
                     .paragraphs)
    for figure in HOSPITAL_FIGURES:  # answers from before the restart made it into the document
        assert figure in text, figure


def test_ctrl_c_keeps_every_answer(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "PYTHONPATH": str(ROOT)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    process = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, cwd=tmp_path, text=True, encoding="utf-8")
    assert process.stdin and process.stdout
    for line in lines_before("year"):
        process.stdin.write(line + "\n")
        process.stdin.flush()
    # Wait for the fourth question, then interrupt while the console waits for input.
    seen = ""
    while "是哪一年的总结" not in seen:
        seen += process.stdout.readline()
    process.send_signal(2)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "进度已保存" in out
    resumed = run_console(tmp_path, [])
    assert "是哪一年的总结" in resumed.split("欢迎回来")[1]


def test_a_photo_is_sent_as_a_file_path(tmp_path: Path) -> None:
    from tests.support.answers import lines_before
    from tests.support.images import jpeg

    image = tmp_path / "photo.jpg"
    image.write_bytes(jpeg())
    before = lines_before("culture_photo")
    rest = HOSPITAL_SCRIPT[len(before) + 1 :]
    output = run_console(tmp_path, [*before, str(image), "下一题", *rest, "完成"])
    assert "已收到第 1 张照片" in output
    document = open_docx(str(tmp_path / "out" / "滨江市第一人民医院工会2025年工作总结.docx"))
    assert len(document.inline_shapes) == 1


def test_a_caption_follows_the_path_and_a_missing_file_is_named(tmp_path: Path) -> None:
    from tests.support.images import jpeg

    image = tmp_path / "my photos" / "运动会.jpg"
    image.parent.mkdir()
    image.write_bytes(jpeg())
    before = lines_before("culture_photo")
    rest = HOSPITAL_SCRIPT[len(before) + 1 :]
    output = run_console(tmp_path, [*before, str(tmp_path / "nowhere.jpg"), f"{image} 迎新春趣味运动会", "下一题",
                                    *rest, "完成"])
    assert f"找不到文件“{tmp_path / 'nowhere.jpg'}”" in output
    document = open_docx(str(tmp_path / "out" / "滨江市第一人民医院工会2025年工作总结.docx"))
    assert len(document.inline_shapes) == 1
    assert "图1 迎新春趣味运动会" in [p.text for p in document.paragraphs]
