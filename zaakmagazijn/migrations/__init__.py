"""Alembic migrations of the zaakmagazijn (and the processor's inbox/outbox tables).

A package, so that an installed copy ships ``env.py`` and ``versions/``; run them through
:mod:`zaakmagazijn.migrate`.
"""
