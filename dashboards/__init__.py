"""A static dashboard site over the marts: overview, call rating, alerts, quality, bonus,
and one statement file per employee and month. Generated after each run; opens from the
file system with no network (the chart library is copied in); shows only what the marts
hold, formatted for the reader's language."""
