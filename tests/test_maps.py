"""Incident maps: what is drawn, how, and that the saved page works with no network at all."""

import html
import logging
import os
import re
from pathlib import Path

import folium
import numpy as np
import pandas as pd
import pytest
import xstatic.pkg.leaflet
from folium.plugins import MarkerCluster

from browser import count_in_frames, offline_page, open_file, open_popup, screenshot
from carlib.maps import (CLUSTER_THRESHOLD, INCIDENT_CLASS, MIN_RADIUS, OfflineMap,
                         country_outlines, incident_map, marker_radius, save_map)

ROOT = Path(__file__).resolve().parent.parent
LEAFLET_JS = (Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js").read_text()[:400]
CDN_REFERENCE = re.compile(r"""<script[^>]*\bsrc=|<link[^>]*\bhref=|<img[^>]*\bsrc=["']?https?:"""
                           r"""|url\(\s*["']?https?:""", re.I)


def _report(outlet, reported, article_id, quote):
    return {"outlet": outlet, "reported": pd.Timestamp(reported) if reported else pd.NaT,
            "article_id": article_id, "quote": quote}


def _incident(incident_id, date, actor1, location, lat, lon, geo_precision, fatalities, reports):
    return {"incident_id": incident_id, "event_date": pd.Timestamp(date), "time_precision": 1,
            "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "actor1": actor1, "actor2": "civilians", "location": location, "admin1": "",
            "country": "Central African Republic", "latitude": lat, "longitude": lon,
            "geo_precision": geo_precision, "fatalities": fatalities,
            "fatalities_qualifier": "at least" if fatalities == 100 else "",
            "source": "; ".join(r["outlet"] for r in reports), "n_sources": len(reports),
            "notes": "", "article_id": reports[0]["article_id"], "sentence_id": 0, "start": 0,
            "end": len(reports[0]["quote"]), "quote": reports[0]["quote"], "reports": reports}


@pytest.fixture
def incidents() -> pd.DataFrame:
    """Five incidents, two perpetrators and an unknown one; one region-level, one with unknown
    deaths, one without coordinates; quotes with characters HTML must escape."""
    return pd.DataFrame([
        _incident("i1", "2013-12-05", "anti-balaka", "Bangui", 4.3612, 18.5550, 1, 100.0,
                  [_report("IPS", "2014-01-30", "001_ips", 'killed "at least 100" <people> & more'),
                   _report("CNN", "2014-02-12", "002_cnn", "a second report from Bangui")]),
        _incident("i2", "2014-01-20", "Seleka", "Bossangoa", 6.4926, 17.4552, 1, 25.0,
                  [_report("IPS", "2014-01-30", "001_ips", "25 killed in Bossangoa")]),
        _incident("i3", "2014-02-01", "anti-balaka", "Ouham-Pendé", 6.6, 16.0, 3, 30.0,
                  [_report("CNN", None, "002_cnn", "clashes across the region")]),
        _incident("i4", "2014-02-05", "", "Bozoum", 6.3172, 16.3783, 1, np.nan,
                  [_report("CNN", "2014-02-12", "002_cnn", r"an unknown number died `${x}` \o/")]),
        _incident("i5", "2014-02-07", "Seleka", "somewhere", np.nan, np.nan, 3, 3.0,
                  [_report("IPS", "2014-01-30", "001_ips", "three dead somewhere")]),
    ])


def _elements(element, kind):
    """Every descendant of a folium element that is an instance of ``kind``."""
    found = []
    for child in element._children.values():
        found += [child] * isinstance(child, kind) + _elements(child, kind)
    return found


def _markers(m) -> dict[tuple[float, float], folium.CircleMarker]:
    return {tuple(c.location): c for c in _elements(m, folium.CircleMarker)}


def test_one_circle_per_placeable_incident_in_a_layer_per_perpetrator(incidents, caplog):
    with caplog.at_level(logging.WARNING, logger="carlib.maps"):
        m = incident_map(incidents)
    assert isinstance(m, OfflineMap)
    assert len(_markers(m)) == 4
    layers = [g.layer_name for g in _elements(m, folium.FeatureGroup) if g.control]
    assert [re.sub(r"<[^>]+>", "", name) for name in layers] == [
        "Seleka (1)", "anti-balaka (2)", "unknown (1)"]
    assert _elements(m, folium.LayerControl) and not _elements(m, MarkerCluster)
    assert "1 of 5 incidents have no coordinates" in caplog.text and "i5" in caplog.text


def test_circle_area_follows_deaths_and_approximate_places_are_hollow(incidents):
    markers = _markers(incident_map(incidents))
    bangui, bossangoa = markers[(4.3612, 18.555)], markers[(6.4926, 17.4552)]
    region, bozoum = markers[(6.6, 16.0)], markers[(6.3172, 16.3783)]
    assert bangui.options["radius"] / bossangoa.options["radius"] == pytest.approx(2.0)
    assert bozoum.options["radius"] == MIN_RADIUS  # deaths unknown
    assert marker_radius(0) == MIN_RADIUS and marker_radius(400) == 2 * marker_radius(100)
    assert region.options["fillOpacity"] == 0 and region.options["dashArray"]
    assert "approximate" in region.options["className"]
    for placed in (bangui, bossangoa, bozoum):
        assert placed.options["fillOpacity"] > 0 and not placed.options["dashArray"]
        assert placed.options["className"] == INCIDENT_CLASS
    assert bangui.options["color"] != bossangoa.options["color"]
    assert bozoum.options["color"] == "#999999"


def test_popups_carry_every_source_quote_escaped(incidents):
    page = incident_map(incidents).get_root().render()
    placed = incidents.dropna(subset=["latitude"])
    for quote in (r["quote"] for reports in placed["reports"] for r in reports):
        if not set(quote) & set("`$\\"):  # those are checked in the browser test
            assert html.escape(quote) in page, quote
    assert "died &#96;&#36;{x}&#96; &#92;o/" in page
    assert "&lt;people&gt; &amp; more" in page and "<people>" not in page
    assert "100 (at least)" in page and "Deaths:</b> unknown" in page
    assert "2014-02-12" in page and "[002_cnn]" in page


def test_legend_lists_perpetrators_sizes_outline_and_unplaced(incidents):
    page = incident_map(incidents).get_root().render()
    legend = re.search(r'div\.innerHTML = (".*?");', page).group(1)
    for text in ("5 incidents", "2013-12-05 to 2014-02-07", "Seleka (1)", "anti-balaka (2)",
                 "unknown (1)", "deaths (circle area)", "approximate place or region",
                 "1 incident not on the map: no coordinates"):
        assert text in legend, text


def test_saved_map_is_one_self_contained_file_with_leaflet_inline(incidents, tmp_path):
    path = save_map(incident_map(incidents), tmp_path / "map.html")
    page = path.read_text()
    assert not CDN_REFERENCE.search(page), CDN_REFERENCE.search(page)
    assert LEAFLET_JS in page and "data:image/png;base64," in page
    assert not re.search(r"cdn\.|cdnjs|code\.jquery|bootstrap|fontawesome", page, re.I)
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_notebook_display_is_inlined_too(incidents):
    frame = incident_map(incidents)._repr_html_()
    assert frame.startswith("<div") and "<iframe srcdoc=" in frame
    source = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
    assert LEAFLET_JS in source and not CDN_REFERENCE.search(source)


def test_many_incidents_are_clustered_offline(incidents, tmp_path):
    many = pd.concat([incidents.iloc[[0, 1]]] * (CLUSTER_THRESHOLD // 2 + 1), ignore_index=True)
    m = incident_map(many)
    assert len(_elements(m, MarkerCluster)) == 2
    page = save_map(m, tmp_path / "many.html").read_text()
    assert "L.markerClusterGroup" in page and "MarkerClusterGroup=t" in page
    assert "numbered disc" in page
    assert not CDN_REFERENCE.search(page)
    assert not _elements(incident_map(many, cluster=False), MarkerCluster)


def test_tiles_are_an_optional_layer_and_online_maps_keep_folium_defaults(incidents):
    tiles = _elements(incident_map(incidents, tiles=True), folium.TileLayer)
    assert len(tiles) == 1 and tiles[0].overlay and not tiles[0].show
    online = incident_map(incidents, offline=False)
    assert type(online) is folium.Map and "leaflet.js" in online.get_root().render()


def test_save_map_is_atomic(incidents, tmp_path, monkeypatch):
    path = tmp_path / "map.html"
    path.write_text("the previous map")

    def interrupted(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(OSError, match="disk full"):
        save_map(incident_map(incidents), path)
    assert path.read_text() == "the previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


@pytest.mark.parametrize("empty", [pd.DataFrame(), "no rows"])
def test_an_empty_table_gives_a_map_of_car_with_a_note(incidents, empty):
    table = incidents.iloc[:0] if isinstance(empty, str) else empty
    m = incident_map(table)
    page = m.get_root().render()
    assert not _markers(m) and "No incidents to show." in page
    (south, west), (north, east) = _elements(m, folium.FitBounds)[0].bounds
    assert 2 < south < 3 and 14 < west < 15 and 10.5 < north < 11.5 and 27 < east < 28.5


def test_a_table_without_coordinates_is_refused_with_the_missing_columns(incidents):
    with pytest.raises(ValueError, match="latitude"):
        incident_map(incidents.drop(columns=["latitude"]))


def test_the_map_draws_in_a_real_browser_with_no_network(incidents, tmp_path):
    """Chromium, every non-file request blocked: markers, outlines and legend must show."""
    path = save_map(incident_map(incidents), tmp_path / "map.html")
    with offline_page(1200, 800) as (page, blocked):
        open_file(page, path)
        assert page.locator(f"path.leaflet-interactive.{INCIDENT_CLASS}").count() == 4
        assert page.locator(f"path.{INCIDENT_CLASS}.approximate").count() == 1
        outlines = page.locator(f"path.leaflet-interactive:not(.{INCIDENT_CLASS})")
        assert 3 < outlines.count() < 40  # the region around the focus, not the world
        assert page.locator(".carlib-legend").is_visible()
        labels = page.locator(".carlib-country-label").all_inner_texts()
        assert {"Central African Republic", "Chad", "Cameroon"} <= set(labels)
        assert "Rwanda" not in labels, "only the focus country and its neighbours are named"
        # Seleka first, then Bangui
        popup = open_popup(page, page.locator(f"path.{INCIDENT_CLASS}").nth(1))
        assert "a second report from Bangui" in popup.inner_text() and popup.is_visible()
        page.locator(".carlib-legend").hover()  # no hover tooltip in the picture
        page.wait_for_function(  # the popup has faded in
            "getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
        screenshot(page, tmp_path / "map.png")
        page.locator(".leaflet-popup-close-button").click()
        open_popup(page, page.locator(f"path.{INCIDENT_CLASS}").last)  # unknown perpetrator
        assert r"died `${x}` \o/" in popup.inner_text()  # JS template characters kept as text
        assert blocked == []


def test_the_notebook_iframe_draws_offline_too(incidents, tmp_path):
    """What Jupyter and nbconvert show: the map inside an ``<iframe srcdoc>``."""
    path = tmp_path / "report.html"
    path.write_text(f"<html><body><h1>Report</h1>{incident_map(incidents)._repr_html_()}"
                    "</body></html>")
    with offline_page() as (page, blocked):
        open_file(page, path)
        assert count_in_frames(page, f"path.{INCIDENT_CLASS}") == 4
        assert count_in_frames(page, ".carlib-legend") == 1
        assert blocked == []


def test_every_country_the_dev_gold_names_has_an_outline():
    gold = pd.read_csv(ROOT / "tests" / "gold" / "dev" / "places.csv", dtype=str,
                       keep_default_na=False)
    named = set(gold["country_code"]) - {""}
    have = {f["properties"]["iso_a2"] for f in country_outlines()["features"]}
    assert named <= have, sorted(named - have)
    assert len(have) > 230


def test_a_map_embeds_the_countries_around_its_focus_not_the_world():
    from carlib.maps.outlines import outlines_around

    around = {f["id"] for f in outlines_around(country_outlines(), {"NG"})["features"]}
    assert {"NG", "NE", "CM", "TD", "BJ"} <= around
    assert not around & {"FR", "US", "BR", "CN"}
