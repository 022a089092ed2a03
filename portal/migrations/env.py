"""Alembic's entry point for the portal database: the store hands it an open connection
(``config.attributes["connection"]``); there is no alembic.ini."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
