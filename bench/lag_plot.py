"""Draw the consumer lag the end-to-end benchmark records (``docs/bench/lag-<rate>per_s.csv``) as an SVG line chart.

    python bench/lag_plot.py docs/bench/lag-50per_s.csv docs/bench/lag-200per_s.csv -o docs/bench/lag.svg

One panel per CSV: seconds on x, messages not yet committed on y, one line per consumer group (processor on
``articles.raw``, Elasticsearch sink on ``articles.enriched``). Plain SVG, no plotting library needed.
"""

from __future__ import annotations

import argparse
import csv
import html
from pathlib import Path

WIDTH, PANEL_H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 220, 70, 20, 30, 40
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


def read(path: Path) -> tuple[list[str], list[list[float]]]:
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], [[float(v) for v in r] for r in rows[1:] if r]
    return header, body


def _nice(top: float) -> float:
    if top <= 0:
        return 1.0
    step = 10 ** (len(str(int(top))) - 1)
    return float((int(top / step) + 1) * step)


def panel(title: str, header: list[str], rows: list[list[float]], top: float) -> str:
    inner_w, inner_h = WIDTH - PAD_L - PAD_R, PANEL_H - PAD_T - PAD_B
    x_max = max((r[0] for r in rows), default=1.0) or 1.0
    y_max = _nice(max((v for r in rows for v in r[1:]), default=0.0))
    parts = [f'<g transform="translate(0,{top})">',
             f'<text x="{PAD_L}" y="18" font-size="13" font-family="sans-serif">{html.escape(title)}</text>',
             f'<rect x="{PAD_L}" y="{PAD_T}" width="{inner_w}" height="{inner_h}" fill="none" stroke="#999"/>']
    for tick in range(5):
        value = y_max * tick / 4
        y = PAD_T + inner_h - inner_h * tick / 4
        parts.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
                     f'font-family="sans-serif">{value:,.0f}</text>')
        x = PAD_L + inner_w * tick / 4
        parts.append(f'<text x="{x:.1f}" y="{PAD_T + inner_h + 14}" font-size="10" text-anchor="middle" '
                     f'font-family="sans-serif">{x_max * tick / 4:,.0f} s</text>')
    for column, name in enumerate(header[1:], start=1):
        points = " ".join(f"{PAD_L + inner_w * r[0] / x_max:.1f},{PAD_T + inner_h - inner_h * r[column] / y_max:.1f}"
                          for r in rows)
        colour = COLOURS[(column - 1) % len(COLOURS)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{points}"/>')
        parts.append(f'<text x="{PAD_L + 10 + 150 * (column - 1)}" y="{PAD_T + inner_h + 32}" font-size="11" '
                     f'fill="{colour}" font-family="sans-serif">{html.escape(name)}</text>')
    parts.append("</g>")
    return "".join(parts)


def render(paths: list[Path]) -> str:
    panels = []
    for i, path in enumerate(paths):
        header, rows = read(path)
        panels.append(panel(f"{path.stem}: messages not yet committed", header, rows, i * PANEL_H))
    height = PANEL_H * len(paths)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}"><rect width="100%" height="100%" fill="white"/>{"".join(panels)}</svg>\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="+", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.write_text(render(args.csv), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
