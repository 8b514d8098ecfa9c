"""Wiring of the roles that ``midoffice.bootstrap`` composes, one module per domain."""
