from sqlalchemy import text

from midoffice.db import create_engine


async def test_postgres_fixture_gives_an_empty_database(database_url: str) -> None:
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        assert (await conn.execute(text("select 1"))).scalar() == 1
    await engine.dispose()
