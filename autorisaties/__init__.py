"""Autorisaties (ZGW Autorisaties API 1.0 model): applicaties, their rights, and enforcement."""
