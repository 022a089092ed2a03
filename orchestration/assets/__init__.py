"""Assets by domain: ingestion (dlt), warehouse (dbt)."""
