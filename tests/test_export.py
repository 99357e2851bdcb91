"""Exports: ACLED's CSV (same columns and types as a hand-written ACLED sample), its companion,
GeoJSON, Excel and Parquet, all written atomically and read back.

``tests/data/acled_sample.csv`` holds four fictional events written by hand in ACLED's export
format (columns, order, codes and types as ACLED's CSV gives them).
"""

import json
import math
import re
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest

import carlib
from carlib.errors import CarlibError, ExportError, TableError
from carlib.export import (ACLED_COLUMNS, ACLED_DTYPES, FORMATS, TABLES, acled_companion,
                           acled_region, export, inter_code, read_acled, to_acled, to_excel,
                           to_geojson, to_parquet)

TEXT = [c for c in ACLED_COLUMNS if ACLED_DTYPES[c] == "str"]
INTS = [c for c in ACLED_COLUMNS if ACLED_DTYPES[c] == "int64"]


@pytest.fixture(scope="session")
def sample_path(root):
    return root / "tests" / "data" / "acled_sample.csv"


@pytest.fixture(scope="session")
def analysis(root):
    return carlib.analyse(root / "seeds")


@pytest.fixture(scope="session")
def exported(analysis, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return folder, export(analysis, folder)


@pytest.fixture(scope="session")
def empty(analysis):
    tags = analysis.tags
    return replace(analysis, articles=analysis.articles.iloc[:0], places=analysis.places.iloc[:0],
                   focus=analysis.focus.iloc[:0], incidents=analysis.incidents.iloc[:0],
                   tags=replace(tags, sentences=tags.sentences.iloc[:0],
                                mentions=tags.mentions.iloc[:0], dates=tags.dates.iloc[:0],
                                figures=tags.figures.iloc[:0]))


def table_of(analysis, name: str) -> pd.DataFrame:
    return getattr(analysis.tags if hasattr(analysis.tags, name) else analysis, name)


def incidents(*rows: dict) -> pd.DataFrame:
    """A small hand-made incidents table: each row a dict over these defaults."""
    base = {"incident_id": "", "event_date": pd.Timestamp("2014-01-30"), "time_precision": 1,
            "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "actor1": "anti-balaka", "assoc_actor_1": "", "actor2": "Civilians",
            "assoc_actor_2": "", "location": "Bangui", "admin1": "Bangui", "admin2": "",
            "country": "CF", "latitude": 4.36, "longitude": 18.56, "geo_precision": 1,
            "fatalities": 3.0, "fatalities_qualifier": "exact", "source": "IPS",
            "reported": pd.Timestamp("2014-01-31"), "notes": "", "sources": "IPS", "n_sources": 1}
    table = pd.DataFrame([{**base, "incident_id": f"INC-{i:04d}", **row}
                          for i, row in enumerate(rows, start=1)])
    table["event_date"] = pd.to_datetime(table["event_date"])
    return table


# --------------------------------------------------------------------------- ACLED columns


def test_acled_csv_has_the_samples_columns_and_types(sample_path, exported):
    folder, _ = exported
    sample, ours = pd.read_csv(sample_path), pd.read_csv(folder / "acled.csv")
    assert list(sample.columns) == ACLED_COLUMNS == list(ours.columns)
    # plain read_csv infers a type from the values: a text column empty in every row reads as
    # float64, in ACLED's own files too; every other column has the sample's type
    blank = {c for c in ACLED_COLUMNS if ours[c].isna().all() or sample[c].isna().all()}
    assert blank <= set(TEXT) - {"event_id_cnty", "event_date", "country", "notes"}
    for column in set(ACLED_COLUMNS) - blank:
        assert ours[column].dtype == sample[column].dtype, column
    for column in INTS:  # ints stay ints: no 18.0, no 1391212800.0
        assert ours[column].dtype == "int64" == sample[column].dtype, column
    # with ACLED's types given, both files read the same, blank columns included
    assert dict(read_acled(folder / "acled.csv").dtypes) == dict(read_acled(sample_path).dtypes)


def test_acled_table_round_trips_through_csv(analysis, exported):
    folder, _ = exported
    table = to_acled(analysis.incidents)
    pd.testing.assert_frame_equal(read_acled(folder / "acled.csv"), table)
    plain = pd.read_csv(folder / "acled.csv")
    assert (plain[INTS].to_numpy() == table[INTS].to_numpy()).all()
    assert table[TEXT].notna().all().all()  # "" never NaN
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in table["event_date"])
    assert (table["year"] == pd.to_datetime(table["event_date"]).dt.year).all()


def test_event_ids_count_each_countrys_incidents_in_order_and_are_stable(analysis):
    table = incidents({"country": "CF"}, {"country": "NG"}, {"country": "CF"}, {"country": ""})
    assert to_acled(table)["event_id_cnty"].tolist() == ["CAF0001", "NGA0001", "CAF0002",
                                                         "XXX0001"]
    first, second = to_acled(analysis.incidents), to_acled(analysis.incidents)
    assert first["event_id_cnty"].tolist() == second["event_id_cnty"].tolist()
    assert first["event_id_cnty"].is_unique
    assert first["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d{4}").all()
    assert first.equals(second)  # timestamp too: the newest report's date, not the clock


def test_unknown_fatalities_are_zero_and_ints_the_companion_keeps_them_unknown():
    table = incidents({"fatalities": float("nan")}, {"fatalities": 12.0})
    acled = to_acled(table)
    assert acled["fatalities"].tolist() == [0, 12] and acled["fatalities"].dtype == "int64"
    figure = acled_companion(table)["fatalities_figure"]
    assert math.isnan(figure[0]) and figure[1] == 12


def test_country_is_its_name_iso_its_number_and_region_acleds():
    acled = to_acled(incidents({"country": "CF"}, {"country": "CD"}, {"country": "ML"},
                               {"country": "XX"}))
    assert acled["country"].tolist() == ["Central African Republic",
                                         "Democratic Republic of Congo", "Mali", ""]
    assert acled["iso"].tolist() == [140, 180, 466, 0]
    assert acled["region"].tolist() == ["Middle Africa", "Middle Africa", "Western Africa", ""]
    assert [acled_region(c) for c in ("KE", "ZA", "EG", "IQ", "FR", "MX", "HT", "BR")] == [
        "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East", "Europe",
        "North America", "Caribbean", "South America"]


@pytest.mark.parametrize("actor1, actor2, country, codes", [
    ("Military Forces of the Central African Republic", "Civilians", "CF", (1, 7, 17)),
    ("Seleka", "Military Forces of Chad", "CF", (2, 8, 28)),  # Chad's army abroad
    ("Military Forces of Chad", "Unidentified Armed Group", "TD", (1, 3, 13)),  # at home
    ("Protesters", "Police Forces of Nigeria", "NG", (6, 1, 16)),  # the smaller code first
    ("Rioters", "", "CF", (5, 0, 50)),  # one actor: inter1 * 10
    ("MINUSCA", "anti-balaka", "CF", (8, 2, 28)),
    ("Military Forces of Ghana", "Civilians (Ghana)", "GH", (1, 7, 17)),  # template, suffix
    ("Wagner Group", "Civilians", "CF", (8, 7, 78)),
    ("Somebody Unknown", "", "CF", (3, 0, 30)),  # the documented default
])
def test_inter_codes_and_interaction(actor1, actor2, country, codes):
    row = to_acled(incidents({"actor1": actor1, "actor2": actor2, "country": country})).iloc[0]
    assert (row["inter1"], row["inter2"], row["interaction"]) == codes


def test_inter_codes_from_aliases_and_overrides():
    assert inter_code("Anti-Balaka") == 2 and inter_code("gunmen") == 3
    assert inter_code("") == 0 and inter_code("Protesters (Nigeria)") == 6
    assert inter_code("anti-balaka", inter={"anti-balaka": 4}) == 4


def test_civilian_targeting_is_political_violence_against_civilians():
    acled = to_acled(incidents(
        {}, {"event_type": "Battles", "sub_event_type": "Armed clash",
             "actor2": "Military Forces of the Central African Republic"},
        {"event_type": "Strategic developments", "sub_event_type": "Looting/property destruction"},
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Grenade"}))
    assert acled["civilian_targeting"].tolist() == ["Civilian targeting", "", "",
                                                    "Civilian targeting"]


def test_disorder_type_from_the_event_type():
    acled = to_acled(incidents(
        {"event_type": "Battles"}, {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
        {"event_type": "Riots", "sub_event_type": "Violent demonstration"},
        {"event_type": "Riots", "sub_event_type": "Mob violence"},
        {"event_type": "Protests", "sub_event_type": "Excessive force against protesters"},
        {"event_type": "Strategic developments", "sub_event_type": "Arrests"}))
    assert acled["disorder_type"].tolist() == [
        "Political violence", "Demonstrations", "Demonstrations", "Political violence",
        "Political violence; Demonstrations", "Strategic developments"]


def test_acled_needs_dates_and_types():
    with pytest.raises(TableError, match="event_date"):
        to_acled(pd.DataFrame({"event_type": ["Battles"]}))


def test_companion_is_keyed_by_event_id_with_every_quote(analysis, exported):
    folder, _ = exported
    companion = pd.read_csv(folder / "acled_companion.csv")
    acled = pd.read_csv(folder / "acled.csv")
    assert companion["event_id_cnty"].tolist() == acled["event_id_cnty"].tolist()
    assert companion["incident_id"].tolist() == analysis.incidents["incident_id"].tolist()
    for column in ("fatalities_qualifier", "sources", "n_sources", "quotes", "reports",
                   "article_id", "sentence_id", "start", "end", "quote", "trigger_quote",
                   "deaths_start"):
        assert column in companion, column
    for quotes, reports in zip(companion["quotes"], analysis.incidents["reports"]):
        assert json.loads(quotes) == [r["quote"] for r in reports]
    assert companion["sentence_id"].dtype == "int64"


# --------------------------------------------------------------------------- GeoJSON


def _check_collection(collection: dict) -> None:
    assert collection["type"] == "FeatureCollection"
    json.dumps(collection, allow_nan=False)  # JSON-serialisable, no NaN
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(feature["properties"], dict)


def test_geojson_points_are_lon_lat_with_every_column(analysis):
    table = analysis.incidents
    collection = to_geojson(table)
    _check_collection(collection)
    located = table[table["latitude"].notna() & table["longitude"].notna()]
    assert len(collection["features"]) == len(located)
    assert collection["properties"]["left_out"] == len(table) - len(located)
    assert set(collection["properties"]["left_out_ids"]) == set(
        table.loc[~table.index.isin(located.index), "incident_id"])
    for feature, row in zip(collection["features"], located.itertuples()):
        assert feature["geometry"]["coordinates"] == [row.longitude, row.latitude]
        assert feature["id"] == row.incident_id
        assert set(feature["properties"]) == set(table.columns)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", feature["properties"]["event_date"])
        assert isinstance(feature["properties"]["reports"], list)


def test_geojson_leaves_out_rows_without_points_and_says_so(caplog):
    table = incidents({}, {"latitude": float("nan"), "longitude": float("nan")},
                      {"fatalities": float("nan")})
    collection = to_geojson(table)
    _check_collection(collection)
    assert [f["id"] for f in collection["features"]] == ["INC-0001", "INC-0003"]
    assert collection["properties"]["left_out_ids"] == ["INC-0002"]
    assert collection["features"][1]["properties"]["fatalities"] is None  # NaN -> null
    assert "INC-0002" in caplog.text


def test_places_geojson(analysis, exported):
    folder, _ = exported
    collection = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
    _check_collection(collection)
    located = analysis.places[analysis.places["lat"].notna()]
    assert len(collection["features"]) == len(located)
    assert collection["features"][0]["geometry"]["coordinates"] == [located["lon"].iloc[0],
                                                                    located["lat"].iloc[0]]
    with pytest.raises(ExportError, match="incidents, places"):
        to_geojson(analysis.places, kind="towns")


def test_geojson_reads_in_geopandas(exported):
    geopandas = pytest.importorskip("geopandas")
    folder, _ = exported
    frame = geopandas.read_file(folder / "incidents.geojson")
    assert len(frame) and frame.geometry.geom_type.eq("Point").all()


# --------------------------------------------------------------------------- Excel, Parquet


def test_excel_has_a_sheet_per_table_and_a_readme(analysis, exported):
    folder, _ = exported
    book = openpyxl.load_workbook(folder / "analysis.xlsx", read_only=True)
    assert book.sheetnames == ["README", *TABLES]
    for name, table in [("articles", analysis.articles), ("places", analysis.places),
                        ("incidents", analysis.incidents), ("figures", analysis.figures)]:
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == list(table.columns) and len(rows) == len(table) + 1
    readme = list(book["README"].iter_rows(values_only=True))
    described = [r for r in readme if r and r[0] in TABLES]
    assert {(r[0], r[1]) for r in described} == {
        (t, c) for t in TABLES for c in table_of(analysis, t).columns}
    assert all(r[3] for r in described)  # every column has a meaning
    book.close()


def test_excel_cuts_long_cells_keeps_text_and_says_so(tmp_path):
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["x" * 40_000, "=1+1"],
                             "n_chars": [40_000, 4]})
    path = to_excel({"articles": articles}, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    assert len(book["articles"]["B2"].value) == 32_767
    assert book["articles"]["B3"].value == "=1+1" and book["articles"]["B3"].data_type == "s"
    notes = " ".join(str(r[0]) for r in book["README"].iter_rows(values_only=True))
    assert "1 cell(s) of articles.text" in notes


def test_parquet_files_read_back_whole(analysis, exported):
    folder, _ = exported
    for name in TABLES:
        table = pd.read_parquet(folder / "parquet" / f"{name}.parquet")
        original = table_of(analysis, name)
        assert len(table) == len(original) and list(table.columns) == list(original.columns)
    incidents_back = pd.read_parquet(folder / "parquet" / "incidents.parquet")
    assert json.loads(incidents_back["reports"][0])[0]["quote"] == \
        analysis.incidents["reports"][0][0]["quote"]
    assert incidents_back["event_date"].dtype.kind == "M"
    articles_back = pd.read_parquet(folder / "parquet" / "articles.parquet")
    assert articles_back["text"].tolist() == analysis.articles["text"].tolist()


# --------------------------------------------------------------------------- export()


def test_export_writes_every_file_atomically(exported):
    folder, paths = exported
    names = {p.relative_to(folder).as_posix() for p in paths}
    assert {"acled.csv", "acled_companion.csv", "incidents.geojson", "places.geojson",
            "analysis.xlsx"} <= names
    assert {f"parquet/{t}.parquet" for t in TABLES} <= names
    assert all(p.is_file() and p.stat().st_size for p in paths)
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]  # no leftovers


def test_export_refuses_an_unknown_format_before_writing(analysis, tmp_path):
    with pytest.raises(ExportError, match="'pdf'.*valid formats: acled, geojson, xlsx, parquet"):
        export(analysis, tmp_path / "out", formats=("acled", "pdf"))
    assert not (tmp_path / "out").exists()
    assert issubclass(ExportError, CarlibError) and issubclass(ExportError, ValueError)
    assert [p.name for p in export(analysis, tmp_path, formats="acled")] == [
        "acled.csv", "acled_companion.csv"]
    assert set(FORMATS) == {"acled", "geojson", "xlsx", "parquet"}


def test_an_empty_analysis_writes_valid_empty_files(empty, tmp_path):
    paths = export(empty, tmp_path)
    acled = read_acled(tmp_path / "acled.csv")
    assert list(acled.columns) == ACLED_COLUMNS and acled.empty
    assert list(pd.read_csv(tmp_path / "acled_companion.csv").columns)[0] == "event_id_cnty"
    for name in ("incidents", "places"):
        collection = json.loads((tmp_path / f"{name}.geojson").read_text(encoding="utf-8"))
        _check_collection(collection)
        assert collection["features"] == []
    book = openpyxl.load_workbook(tmp_path / "analysis.xlsx", read_only=True)
    assert book.sheetnames == ["README", *TABLES]
    book.close()
    for name in TABLES:
        assert pd.read_parquet(tmp_path / "parquet" / f"{name}.parquet").empty
    assert len(paths) == 4 + 1 + len(TABLES)
    assert to_parquet(empty, tmp_path / "again")[0].name == "articles.parquet"
