"""The StUF-ZKN side of the gateway: authentication, the operation handlers and their I/O.

The routes are in :mod:`midoffice.gateway.routes.stuf`; the pure translation in
:mod:`adapters.stuf`. See ``adapters/stuf/README.md``.
"""
