"""See the graph: a self-contained interactive HTML page, and a static PNG from the same layout.

:func:`generate_html` fills ``kg/templates/viz.html`` with the graph's data and inlines vis-network's
script and style, vendored with their licences in ``kg/templates/vis-network-9.1.2/``, so the page works
offline and makes no network request. :func:`generate_png` draws the same positions with matplotlib.
:func:`write_viz` is the file edge (atomic, format from the extension).

Both start from :func:`kg.propertygraph.to_property_graph` and :func:`kg.propertygraph.layout`: the same
input gives byte-identical output.
"""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from .errors import InputError, KGError, StoreError
from .model import NEGATIVE, RELATIONS
from .propertygraph import layout, to_property_graph, write_bytes

__all__ = ["TYPE_COLOURS", "TYPE_SHAPES", "RELATION_COLOURS", "VIS_VERSION", "vis_assets", "view_data",
           "generate_html", "generate_png", "write_viz"]

#: entity type -> fill colour (HTML, PNG, GEXF)
TYPE_COLOURS = {"Person": "#4e79a7", "Organization": "#59a14f", "Place": "#f28e2b", "Entity": "#9d9d9d"}
#: entity type -> vis-network shape, matplotlib marker
TYPE_SHAPES = {"Person": ("dot", "o"), "Organization": ("square", "s"), "Place": ("triangle", "^"),
               "Entity": ("diamond", "D")}
#: relation -> edge colour, fixed per relation so that every picture uses the same key; hostile relations
#: in reds and purples, cooperative ones in greens and blues, static ones in greys
RELATION_COLOURS = {
    "met": "#d62728", "said": "#7f7f7f", "warned": "#e6a100", "threatened": "#8b0000", "denied": "#9467bd",
    "accused": "#e377c2", "criticised": "#c2185b", "condemned": "#6a1b9a", "called_for": "#17becf",
    "offered": "#2ca02c", "agreed": "#1b9e77", "rejected": "#8c564b", "supported": "#66a61e",
    "negotiated": "#1f77b4", "visited": "#ff7f0e", "attacked": "#111111", "sanctioned": "#a6761d",
    "reported": "#7570b3", "investigated": "#f781bf", "role_in": "#a0a0a0", "member_of": "#bcbd22", "located_in": "#c49c94",
}
_OTHER_RELATION = "#555555"

#: the vis-network build inlined in the page (npm package vis-network, vendored under kg/templates)
VIS_VERSION = "9.1.2"
VIS_DIR = f"vis-network-{VIS_VERSION}"
TEMPLATE = "viz.html"
_PLACEHOLDER = re.compile(r"/\*@(VIS_CSS|VIS_JS|DATA|TITLE)@\*/")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's minified script and its style sheet, from ``kg/templates/vis-network-9.1.2/``."""
    try:
        lib = resources.files("kg") / "templates" / VIS_DIR
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.min.css").read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as e:
        raise KGError(f"vis-network {VIS_VERSION} is missing from kg's package data ({e}); reinstall kg "
                      f"with 'make install'") from None
    return js, css


def _template() -> str:
    return (resources.files("kg") / "templates" / TEMPLATE).read_text(encoding="utf-8")


def _curves(pg: nx.MultiDiGraph) -> dict[str, float]:
    """Edge key -> signed roundness, so that parallel edges between two nodes do not overlap."""
    groups: dict[tuple, list] = defaultdict(list)
    for u, v, k in pg.edges(keys=True):
        groups[tuple(sorted((u, v)))].append((u, v, k))
    out = {}
    for (a, _), edges in groups.items():
        for i, (u, v, k) in enumerate(edges):
            r = 0.0 if len(edges) == 1 else 0.12 * (1 + i // 2) * (1 if i % 2 == 0 else -1)
            out[k] = r if u == a else -r
    return out


def view_data(pg: nx.MultiDiGraph, positions: dict | None = None) -> dict:
    """What the page shows, as plain JSON-able data (pure): nodes with position and degree, edges,
    documents, the relation and type colours."""
    positions = layout(pg) if positions is None else positions
    quotes, acts = pg.graph.get("quotes", {}), pg.graph.get("acts", {})
    curves = _curves(pg)
    nodes = []
    for n, d in pg.nodes(data=True):
        nodes.append({"id": n, **{k: v for k, v in d.items() if k not in ("quotes", "acts")}, "degree": pg.degree(n),
                      "x": positions[n][0], "y": positions[n][1], "quotes": quotes.get(n, []), "acts": acts.get(n, [])})
    edges = [{**d, "id": k, "from": u, "to": v, "curve": curves[k]} for u, v, k, d in pg.edges(keys=True, data=True)]
    alone = [q for qs in quotes.values() for q in qs] + [a for xs in acts.values() for a in xs]
    documents = {}
    for item in edges + alone:
        if "document" in item:
            documents[item["document"]] = item.get("document_title", item["document"])
    relations = sorted({e["relation"] for e in edges} | {q["relation"] for q in alone})
    return {"nodes": nodes, "edges": edges, "documents": dict(sorted(documents.items())),
            "relations": relations, "relation_colours": {r: RELATION_COLOURS.get(r, _OTHER_RELATION) for r in relations},
            "types": {t: {"colour": TYPE_COLOURS[t], "shape": TYPE_SHAPES[t][0]} for t in TYPE_COLOURS}}


def _script_json(data) -> str:
    # inside <script>, "</script>" or "<!--" in a label would end the script: "<" never appears raw
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def generate_html(pg: nx.MultiDiGraph, title: str = "kg graph", positions: dict | None = None) -> bytes:
    """The page for ``pg``: one HTML file, every script and style inline, no network request."""
    js, css = vis_assets()
    values = {"VIS_JS": js.replace("</script", "<\\/script"), "VIS_CSS": css.replace("</style", "<\\/style"),
              "DATA": _script_json(view_data(pg, positions)),
              "TITLE": title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template()).encode("utf-8")


_PNG_LABELS = 80  # beyond this many nodes only the best connected are labelled


def generate_png(pg: nx.MultiDiGraph, positions: dict | None = None, title: str | None = None) -> bytes:
    """A static picture of ``pg`` (matplotlib, no browser) from the same layout as the page; negated
    statements are left out, as the page hides them by default. Readable up to a few dozen nodes."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from io import BytesIO

    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    positions = layout(pg) if positions is None else positions
    pos = {n: (x, -y) for n, (x, y) in positions.items()}
    n_nodes = max(pg.number_of_nodes(), 1)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    w, h = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    # about 110 layout units an inch, so that labels keep their size against the nodes' spacing
    plot_w = min(max(w / 110.0, 9.0), 30.0)  # inches for the graph; the legend takes about 3 more
    fig_w, fig_h = plot_w + 3.0, min(max(plot_w * h / w, 3.5), 18.0) + 1.0
    plt.rcParams["svg.hashsalt"] = "kg"
    fig, ax = plt.subplots(figsize=(fig_w, fig_h), dpi=110)
    ax.set_axis_off()
    curves = _curves(pg)
    used_relations, dashed = set(), False
    node_size = {n: 180 + 70 * min(pg.degree(n), 12) for n in pg}
    for u, v, k, d in pg.edges(keys=True, data=True):
        if d.get("polarity") == NEGATIVE or u == v:
            continue
        colour = RELATION_COLOURS.get(d["relation"], _OTHER_RELATION)
        used_relations.add(d["relation"])
        style = "-" if d.get("modality", "Asserted") == "Asserted" else "--"
        dashed |= style == "--"
        rad = curves[k] * 2.2
        arrow = FancyArrowPatch(pos[u], pos[v], arrowstyle="-|>", mutation_scale=14, color=colour, lw=1.6,
                                linestyle=style, connectionstyle=f"arc3,rad={rad}", zorder=1,
                                shrinkA=(node_size[u] ** 0.5) * 0.6, shrinkB=(node_size[v] ** 0.5) * 0.6)
        ax.add_patch(arrow)
        (x1, y1), (x2, y2) = pos[u], pos[v]
        # the middle of matplotlib's arc3 curve: half the control point's offset from the chord's middle
        mx, my = (x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2
        if n_nodes <= _PNG_LABELS:
            ax.text(mx, my, d["relation"].replace("_", " "), fontsize=7.5, color=colour, ha="center", va="center",
                    zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    for t, (_, marker) in TYPE_SHAPES.items():
        nodes = [n for n, d in pg.nodes(data=True) if d.get("type", "Entity") == t]
        if nodes:
            ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=[node_size[n] for n in nodes],
                       c=TYPE_COLOURS[t], marker=marker, edgecolors="white", linewidths=1.2, zorder=2)
    ranked = sorted(pg, key=lambda n: (-pg.degree(n), n))[:_PNG_LABELS]
    for n in ranked:
        d = pg.nodes[n]
        q = d.get("quotes", 0)
        label = d.get("label", n) + (f"  ({q} quote{'s' if q > 1 else ''})" if q else "")
        ax.annotate(label, pos[n], xytext=(0, -(node_size[n] ** 0.5) * 0.55 - 3), textcoords="offset points",
                    ha="center", va="top", fontsize=9.5, fontweight="bold", zorder=4,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#cccccc", "alpha": 0.9})
    types = [Line2D([], [], marker=m, ls="", color=TYPE_COLOURS[t], markersize=10, label=t)
             for t, (_, m) in TYPE_SHAPES.items() if any(d.get("type") == t for _, d in pg.nodes(data=True))]
    rels = [Line2D([], [], color=RELATION_COLOURS.get(r, _OTHER_RELATION), lw=2, label=r.replace("_", " "))
            for r in sorted(used_relations)]
    if dashed:
        rels.append(Line2D([], [], color="#555555", lw=1.6, ls="--", label="planned / possible"))
    if rels:
        rels.insert(0, Line2D([], [], ls="", label="relation:"))
    if types or rels:
        ax.legend(handles=[Line2D([], [], ls="", label="entity type:")] + types + rels, loc="upper left",
                  bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10, handlelength=1.6)
    pad_x, pad_y = w * 0.08 + 40, h * 0.08 + 40
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y / 2)
    ax.set_aspect("equal", adjustable="box")
    if title:
        ax.set_title(title, fontsize=12, loc="left")
    fig.tight_layout()
    buf = BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


#: file extension -> generator of a picture
VIEWERS = {".html": generate_html, ".htm": generate_html, ".png": generate_png}


def write_viz(rdf, *paths: str | os.PathLike, title: str | None = None) -> list[Path]:
    """Draw the graph of ``rdf`` (an rdflib graph) to each of ``paths``, HTML or PNG by extension (a key of
    :data:`VIEWERS`), all from one layout; each file is written atomically, and none if an extension is
    unknown or the graph has no entity."""
    for path in paths:
        ext = Path(path).suffix.lower()
        if ext not in VIEWERS:
            raise StoreError(f"cannot tell the picture format of {os.fspath(path)!r} from its extension "
                             f"{ext or '(none)'!r}; allowed: {', '.join(VIEWERS)}")
    pg = to_property_graph(rdf)
    if pg.number_of_nodes() == 0:
        raise InputError("the input has no entity (no resource typed kgo:Entity or schema:Person/Organization/Place); "
                         "nothing to draw")
    positions = layout(pg)
    return [write_bytes(VIEWERS[Path(path).suffix.lower()](pg, positions=positions, title=title or "kg graph"), path)
            for path in paths]
