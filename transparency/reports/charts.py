"""Charts for the report pages, drawn by matplotlib (Agg, no display) as inline SVG.

Text stays text (`svg.fonttype: none`), so the labels are readable, searchable and
translated; each chart gets its own id salt so several can share one page."""

import io
import re

from transparency.reports.tables import Table

INK, ACCENTS = "#1d1b19", ["#2f6f5e", "#c9772b", "#6b5ea8", "#b4463c", "#3b7bbf"]


def table_chart(table: Table) -> str:
    """An SVG bar chart of the table's chosen columns, or "" when there is nothing to draw."""
    spec = table.chart
    if not spec:
        return ""
    rows = table.rows[1:] if spec.get("skip_first") else table.rows
    if "rows" in spec:
        rows = [table.rows[i] for i in spec["rows"] if table.rows]
    elif not spec.get("skip_first"):
        rows = rows[:-1]  # the last row is the total
    rows = [r for r in rows if any(_number(r[i]) for i in spec["values"])]
    if not rows:
        return ""
    labels = [_short(str(r[spec["label"]])) for r in rows]
    series = [(table.columns[i], [_number(r[i]) for r in rows]) for i in spec["values"]]
    if "rows" in spec:  # one row spread over its columns (e.g. the time buckets)
        labels = [_short(name) for name, _v in series]
        series = [(table.columns[spec["values"][0]], [values[0] for _n, values in series])]
    return _bars(labels, series, table.key)


def _bars(labels: list[str], series: list[tuple[str, list[float]]], key: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context({"svg.fonttype": "none", "svg.hashsalt": key, "font.size": 9}):
        fig = Figure(figsize=(7.5, 0.5 + 0.38 * len(labels) * len(series) + 0.6), dpi=96)
        ax = fig.add_subplot()
        height = 0.8 / len(series)
        for index, (name, values) in enumerate(series):
            positions = [i + index * height for i in range(len(labels))]
            bars = ax.barh(positions, values, height=height, label=name,
                           color=ACCENTS[index % len(ACCENTS)])  # fmt: skip
            ax.bar_label(bars, padding=3, color=INK)
        ax.set_yticks([i + height * (len(series) - 1) / 2 for i in range(len(labels))], labels)
        ax.invert_yaxis()
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if len(series) > 1:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return _without_inline_style(svg[svg.index("<svg") :])


_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')


def _without_inline_style(svg: str) -> str:
    """The page's Content-Security-Policy (style-src 'self') refuses style attributes and
    <style> elements in inline SVG. matplotlib's are all SVG properties, so they become
    presentation attributes, which CSP allows; its one stylesheet rule (round joins, butt
    caps for every element) becomes inherited attributes on the root."""
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return _STYLE_ATTRIBUTE.sub(_as_attributes, svg)


def _as_attributes(match: re.Match) -> str:
    pairs = (d.split(":", 1) for d in match.group(1).split(";") if ":" in d)
    return "".join(f' {k.strip()}="{v.strip().replace(chr(34), "&quot;")}"' for k, v in pairs)


def _number(value) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def _short(text: str, limit: int = 48) -> str:
    text = text.removeprefix("STATEMENT_CATEGORY_").replace("_", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
