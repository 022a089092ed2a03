"""Deterministic demo data: a company's exports written into the inbox layout.

The generator plants behaviour the KPIs and alerts must find later (a leader per
department, an employee who misses many calls, one whose talks are very short, one who
never sells priority products, one who is rude on calls) and writes the list of who is
who into ``demo_manifest.json`` at the inbox root, so tests can check the marts find it.
"""
