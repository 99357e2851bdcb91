#!/usr/bin/env python3
"""Build data/geo/countries.geojson from Natural Earth admin-0 (via world-atlas).

Source: the npm package ``world-atlas`` (version 2.0.2), file
``countries-50m.json`` -- a TopoJSON redistribution of Natural Earth 1:50m
Admin 0 country boundaries, Natural Earth version 4.1.0 (public domain).

The script decodes the TopoJSON itself (quantised, delta-encoded arcs ->
absolute lon/lat), keeps every country with an ISO 3166-1 numeric id (and
Kosovo, which world-atlas leaves without one), rounds coordinates to 2
decimals (about 1 km), drops consecutive duplicate points created by the
rounding, and writes a GeoJSON FeatureCollection with properties ``name``
(GeoNames' English name, as the gazetteer uses), ``iso_a2``, ``iso_n3`` and
``name_ne`` (the shortened name world-atlas uses). ISO numeric -> alpha-2
comes from ``pycountry``, names from ``carlib.geo.countries``.

Re-run (from the repository root, with the kit installed):
    mkdir -p /tmp/wa && cd /tmp/wa && npm install world-atlas@2.0.2 && cd -
    python carlib/data/geo/make_countries.py \
        /tmp/wa/node_modules/world-atlas/countries-50m.json \
        carlib/data/geo/countries.geojson
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

from carlib.geo.countries import countries

# world-atlas features without a numeric id that are countries in GeoNames
NO_NUMERIC_ID = {"Kosovo": "XK"}
DECIMALS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute [lon, lat] positions for every arc of a (quantised) topology."""
    tr = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if tr:
            (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        out.append(pts)
    return out


def ring(arc_ids: list[int], arcs: list) -> list[tuple[float, float]]:
    """Stitch arcs into one ring; a negative index ~i means arc i reversed."""
    pts: list[tuple[float, float]] = []
    for i in arc_ids:
        seg = arcs[i] if i >= 0 else arcs[~i][::-1]
        # consecutive arcs share their joining point: skip the duplicate
        pts.extend(seg[1:] if pts else seg)
    return pts


def round_ring(pts: list[tuple[float, float]]) -> list[list[float]] | None:
    out: list[list[float]] = []
    for x, y in pts:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    # a linear ring needs 4 positions (3 distinct); tiny islands can collapse
    return out if len(out) >= 4 else None


def polygon(rings_arcs: list[list[int]], arcs: list) -> list | None:
    rings = [round_ring(ring(r, arcs)) for r in rings_arcs]
    if rings[0] is None:  # exterior collapsed: drop the whole polygon
        return None
    return [r for r in rings if r is not None]


def geometry(g: dict, arcs: list) -> dict:
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(g["arcs"], arcs)}
    if g["type"] == "MultiPolygon":
        polys = [p for p in (polygon(r, arcs) for r in g["arcs"]) if p]
        if len(polys) == 1:
            return {"type": "Polygon", "coordinates": polys[0]}
        return {"type": "MultiPolygon", "coordinates": polys}
    raise ValueError(f"unexpected geometry type {g['type']}")


def main(src: str, dst: str) -> None:
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    feats = []
    names = countries()
    for g in topo["objects"]["countries"]["geometries"]:
        gid = str(g.get("id") or "")
        short = g.get("properties", {}).get("name")
        record = pycountry.countries.get(numeric=gid) if gid else None
        iso2 = record.alpha_2 if record else NO_NUMERIC_ID.get(short)
        if not iso2:
            continue  # Somaliland, N. Cyprus, Siachen Glacier, Indian Ocean Ter.
        name = names.get(iso2, {}).get("name") or (record.name if record else short)
        shape = geometry(g, arcs)
        if not shape["coordinates"]:
            continue
        feats.append({
            "type": "Feature",
            "id": iso2,
            "properties": {"name": name, "iso_a2": iso2, "iso_n3": gid, "name_ne": short},
            "geometry": shape,
        })
    feats.sort(key=lambda f: f["id"])
    fc = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m Admin 0 (v4.1.0) via npm world-atlas 2.0.2 "
                  "countries-50m.json; public domain",
        "features": feats,
    }
    Path(dst).write_text(json.dumps(fc, separators=(",", ":"), ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(f"wrote {dst}: {len(feats)} features, {Path(dst).stat().st_size} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
