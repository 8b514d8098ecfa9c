"""The PIP read model and the Logboek Dataverwerkingen in the gateway, installed in one call
from :func:`midoffice.gateway.app.create_app`: the PIP route, the operator's processing-log
route, the processing-log writer and the middleware that records Zaken API reads of BSNs."""

from __future__ import annotations

from fastapi import FastAPI

from midoffice.container import Container
from midoffice.db import create_autocommit_engine
from midoffice.gateway.routes import burgerzaken, verwerkingslog
from midoffice.gateway.verwerkingen import PersoonsgegevensLog
from verwerkingslog.writer import Writer


def install_pip(app: FastAPI, container: Container) -> None:
    """Add the PIP and processing-log routes, the writer (``app.state.verwerkingslog``;
    ``Runtime.close`` flushes it) and the Zaken API processing-log middleware."""
    config = container.settings.verwerkingslog
    # Each batch is one INSERT: on PostgreSQL it commits by itself, with no BEGIN/COMMIT.
    engine = create_autocommit_engine(
        container.settings.database_url, container.engine, pool_size=2, max_overflow=3
    )
    app.state.verwerkingslog = Writer(
        engine,
        batch_seconds=config.batch_seconds,
        max_batch=config.max_batch,
        owns_engine=engine is not container.engine,
    )
    app.include_router(burgerzaken.router)
    app.include_router(verwerkingslog.router)
    app.add_middleware(PersoonsgegevensLog)
