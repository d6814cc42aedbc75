"""A chair's data is theirs: deleting all of it, with confirmation, removes every row and photo."""

from __future__ import annotations

from sqlalchemy import func, select

from dialogs.events import Photo
from storage.models import Answer, Chair, Report
from storage.models import Photo as PhotoRow
from tests.support.chat import Chair as ChatChair
from tests.support.chat import make_engine
from tests.support.images import jpeg


async def counts(database) -> dict[str, int]:  # type: ignore[no-untyped-def]
    async with database.connect() as connection:
        return {table.__tablename__: (await connection.execute(select(func.count()).select_from(table))).scalar()
                for table in (Chair, Report, Answer, PhotoRow)}


async def test_forget_everything_after_confirmation(database) -> None:
    keeper = ChatChair(make_engine(database), chat_id=1)
    await keeper.send("/start")
    await keeper.send("甲厂")
    leaver = ChatChair(make_engine(database), chat_id=2)
    await leaver.send("/start")
    await leaver.answer_until("culture_photo")
    await leaver.send(Photo(jpeg()))
    await leaver.send("新建")
    before = await counts(database)

    await leaver.send("删除我的数据")
    assert "确定要删除您在这里的全部数据吗" in leaver.prompt.text
    await leaver.send("2")  # 不删了
    assert "什么都没有删除" in leaver.notices[0]
    assert await counts(database) == before

    await leaver.send("/forget")
    await leaver.send("1")
    assert "全部数据已删除" in leaver.notices[0]
    assert await counts(database) == {"chairs": 1, "reports": 1, "answers": 1, "photos": 0}

    await keeper.send("/status")
    assert keeper.prompt.question_id == "unit_type"  # the other chair is untouched
    await leaver.send("你好")
    assert leaver.prompt.question_id == "unit_name"  # a fresh start, nothing remembered
