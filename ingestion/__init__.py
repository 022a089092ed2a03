"""Ingestion: dlt sources for the inbox files (and later the vendor APIs), and the demo data generator."""
