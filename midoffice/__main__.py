"""``python -m midoffice`` is the ``midoffice`` command."""

from midoffice.cli import app

app()
