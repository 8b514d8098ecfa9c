"""Outbound formats for PIP webhooks and MijnOverheid (pure translation, no I/O)."""
