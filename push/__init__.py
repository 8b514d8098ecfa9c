"""The push connector: notificaties to abonnementen and MijnOverheid, delivered reliably."""
