"""Plotly figures from mart rows, as HTML fragments that use the site's local copy of
plotly.js (no CDN). Figures render as SVG."""

from __future__ import annotations

import html
from collections import defaultdict

import plotly.graph_objects as go
import plotly.io as pio

CONFIG = {"displayModeBar": False, "responsive": True}
LAYOUT = {"margin": {"l": 50, "r": 20, "t": 30, "b": 40}, "height": 320, "legend": {"orientation": "h"}}


def label(value) -> str:
    """A name from the data as chart text: Plotly renders a subset of HTML in labels
    (a link among it), so markup in a name is shown as its characters, never followed."""
    return html.escape(str(value), quote=False)


def fragment(figure: go.Figure, div_id: str) -> str:
    figure.update_layout(**LAYOUT)
    return pio.to_html(figure, full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)


def plan_progress(rows: list[dict], labels: dict, names: dict, div_id: str) -> str:
    """Actual vs plan vs plan to date, one group of bars per row."""
    x = [
        label(names.get(r["employee_id"] or r["department_id"], r["employee_id"] or r["department_id"]))
        for r in rows
    ]
    figure = go.Figure(
        [
            go.Bar(name=labels["actual"], x=x, y=[float(r["revenue_actual"] or 0) for r in rows]),
            go.Bar(name=labels["prorated"], x=x, y=[float(r["prorated_plan_to_date"] or 0) for r in rows]),
            go.Bar(name=labels["plan"], x=x, y=[float(r["revenue_plan"] or 0) for r in rows]),
        ]
    )
    figure.update_layout(barmode="group")
    return fragment(figure, div_id)


DAY_FORMATS = {"ru": "%d.%m", "en": "%b %d"}


def daily_lines(
    rows: list[dict], x_key: str, y_key: str, names: dict, div_id: str, marks=None, lang: str = "en"
) -> str:
    """One line per department; ``marks`` = {(department, day)} drawn as red markers."""
    by_department: dict = defaultdict(list)
    for r in rows:
        by_department[r["department_id"]].append(r)
    traces = []
    for department, points in sorted(by_department.items(), key=lambda kv: str(kv[0])):
        traces.append(
            go.Scatter(
                name=label(names.get(department, department or "—")),
                x=[p[x_key] for p in points],
                y=[float(p[y_key]) if p[y_key] is not None else None for p in points],
                mode="lines",
            )
        )
        flagged = [p for p in points if marks and (department, p[x_key]) in marks]
        if flagged:
            traces.append(
                go.Scatter(
                    name=f"{label(names.get(department, department))} ⚠",
                    x=[p[x_key] for p in flagged],
                    y=[float(p[y_key]) if p[y_key] is not None else None for p in flagged],
                    mode="markers",
                    marker={"color": "#d62728", "size": 9, "symbol": "x"},
                    showlegend=False,
                )
            )
    figure = go.Figure(traces)
    figure.update_xaxes(tickformat=DAY_FORMATS[lang])
    return fragment(figure, div_id)


def pass_rates(rows: list[dict], items: list[str], labels: dict, names: dict, div_id: str) -> str:
    """Heatmap: employees × checklist items, the share of calls passing."""
    figure = go.Figure(
        go.Heatmap(
            z=[[float(r[f"{item}_rate"] or 0) for item in items] for r in rows],
            x=[labels[item] for item in items],
            y=[label(names.get(r["employee_id"], r["employee_id"])) for r in rows],
            zmin=0,
            zmax=1,
            colorscale="RdYlGn",
        )
    )
    figure.update_layout(height=max(320, 28 * len(rows) + 120))
    return fragment(figure, div_id)
