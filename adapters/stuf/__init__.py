"""StUF-ZKN 3.10 (ZDS 1.2 and ZDS 1.1.02) SOAP 1.1 <-> the internal event model: pure translation.

See ``adapters/stuf/README.md`` for the API the gateway and the document operations use.
"""
