"""dlt sources, one package per source system, in the dlt verified-sources shape."""
