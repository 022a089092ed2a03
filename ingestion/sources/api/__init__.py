"""Live sources: hosted PBX and CRM APIs pulled through dlt, into the raw tables the file
forms fill (``raw_pbx.asterisk_cdr``, ``raw_crm.*``), so every model works unchanged.

Which are on is configuration: ``api_sources`` under ``[autokpi]`` in
``.dlt/config.toml`` (or ``AUTOKPI__API_SOURCES='["zadarma"]'``). Credentials come from
``.dlt/secrets.toml`` or environment variables (see ``.dlt/example.secrets.toml``).
"""
