"""CRM exports from ``<inbox>/crm/`` (CSV, JSON or JSON lines), one file kind per table.

File stems and what each needs (other columns are kept as they come):

- ``users``: user_id, full_name
- ``clients``: client_id, client_name, phones (several separated by ``;``), responsible_user_id
- ``products``: product_id, product_name, category, cost, list_price, is_priority, is_promo,
  season_start, season_end
- ``deals``: deal_id, client_id, responsible_user_id, status (won/lost/in_progress),
  created_at, closed_at
- ``deal_lines``: deal_line_id, deal_id, product_id, quantity, price, cost
"""

import dlt

from ingestion.sources.tabular import TableSpec, tabular_resource

FOLDER = "crm"
TABLES = [
    TableSpec("users", "users", ("user_id",), ("user_id", "full_name")),
    TableSpec(
        "clients",
        "clients",
        ("client_id",),
        ("client_id", "client_name", "phones", "responsible_user_id"),
        phone_lists=("phones",),
    ),
    TableSpec(
        "products",
        "products",
        ("product_id",),
        (
            "product_id",
            "product_name",
            "category",
            "cost",
            "list_price",
            "is_priority",
            "is_promo",
            "season_start",
            "season_end",
        ),
        types=(
            ("cost", "decimal"),
            ("list_price", "decimal"),
            ("season_start", "date"),
            ("season_end", "date"),
            ("is_priority", "flag"),
            ("is_promo", "flag"),
        ),
    ),
    TableSpec(
        "deals",
        "deals",
        ("deal_id",),
        ("deal_id", "client_id", "responsible_user_id", "status", "created_at", "closed_at"),
        types=(("created_at", "datetime"), ("closed_at", "date")),
        dated=("closed_at",),
    ),
    TableSpec(
        "deal_lines",
        "deal_lines",
        ("deal_line_id",),
        ("deal_line_id", "deal_id", "product_id", "quantity", "price", "cost"),
        types=(("quantity", "decimal"), ("price", "decimal"), ("cost", "decimal")),
    ),
]


@dlt.source(name="crm_files", max_table_nesting=0)
def crm_files(inbox_dir: str = dlt.config.value, window=None, warehouse: str = ""):
    return [tabular_resource(inbox_dir, FOLDER, spec, window, warehouse, "raw_crm") for spec in TABLES]
