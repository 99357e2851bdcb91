"""The evaluate command and its matching rules."""

import pandas as pd

from carlib.evaluate import Score, main, match_spans, score_figures, score_incidents


def table(rows):
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "value", "low", "category"])


def test_scores_count_overlap_value_and_category():
    gold = table([("a", 0, 10, 100.0, None, "killed"), ("a", 20, 30, None, 12.0, "killed"),
                  ("b", 0, 5, 7.0, None, "troops")])
    predicted = table([("a", 5, 12, 100.0, None, "displaced"), ("a", 22, 28, None, 12.0, "killed"),
                       ("a", 40, 45, 3.0, None, "other"), ("b", 6, 9, 7.0, None, "troops")])
    value, both = score_figures(predicted, gold).scores
    assert (value.true_positives, value.n_predicted, value.n_gold) == (2, 4, 3)
    assert both.true_positives == 1
    assert round(value.f1, 3) == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 3)


def test_one_prediction_matches_one_gold_row():
    gold = table([("a", 0, 10, 5.0, None, "killed"), ("a", 5, 15, 5.0, None, "killed")])
    predicted = table([("a", 0, 15, 5.0, None, "killed")])
    assert len(match_spans(predicted, gold)) == 1


def test_empty_scores_are_zero_not_errors():
    score = Score("x", 0, 0, 0)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_command_runs_on_the_gold_folder(root, capsys):
    assert main(["--gold", str(root / "tests/gold"), "--corpus", str(root / "seeds")]) == 0
    out = capsys.readouterr().out
    assert "figures value+category" in out and "dates span" in out


def incident(article_id, event_type, location, actor1="", fatalities=None,
             event_date="2020-05-03", time_precision=1, latitude=None, longitude=None):
    return {"article_id": article_id, "event_type": event_type, "location": location,
            "actor1": actor1, "fatalities": fatalities, "event_date": pd.Timestamp(event_date),
            "time_precision": time_precision, "latitude": latitude, "longitude": longitude,
            "quote": f"{location} {event_type}"}


def test_incidents_match_per_article_on_place_and_type_without_spans():
    gold = pd.DataFrame([incident("a", "Battles", "Bria", "UPC", 4.0),
                         incident("a", "Violence against civilians", "Ippy", "UPC", 2.0),
                         incident("b", "Battles", "Bria", "FPRC")])
    reports = pd.DataFrame([incident("a", "Battles", "Bria", "UPC", 4.0, "2020-05-02"),
                            incident("a", "Battles", "Ippy", "UPC"),
                            incident("b", "Battles", "Bria", "", None, "2020-06-01")])
    place, kind, actor, day, deaths = score_incidents(reports, gold).scores
    assert (place.true_positives, kind.true_positives) == (3, 2)
    assert (actor.hits, actor.total) == (1, 2), "an empty actor1 is not FPRC"
    assert (day.hits, deaths.hits, deaths.total) == (1, 1, 1)


def test_incident_place_matches_a_variant_or_a_point_within_10_km():
    gold_places = pd.DataFrame([{"article_id": "a", "place": "Kaga Bandoro",
                                 "variants": "Kaga-Bandoro", "lat": 6.98, "lon": 19.18}])
    gold = pd.DataFrame([incident("a", "Battles", "Kaga Bandoro")])
    by_variant = pd.DataFrame([incident("a", "Battles", "Kaga-Bandoro")])
    by_point = pd.DataFrame([incident("a", "Battles", "Nana-Grebizi camp", latitude=7.0,
                                      longitude=19.2)])
    far = pd.DataFrame([incident("a", "Battles", "Kabo", latitude=7.7, longitude=18.6)])
    assert score_incidents(by_variant, gold, gold_places).scores[1].true_positives == 1
    assert score_incidents(by_point, gold, gold_places).scores[1].true_positives == 1
    assert score_incidents(far, gold, gold_places).scores[1].true_positives == 0


def test_misses_and_false_hits_are_listed_with_their_quotes():
    gold = pd.DataFrame([incident("a", "Battles", "Bria")])
    reports = pd.DataFrame([incident("a", "Battles", "Ippy")])
    report = score_incidents(reports, gold)
    assert report.misses["quote"].tolist() == ["Bria Battles"]
    assert report.false_hits["quote"].tolist() == ["Ippy Battles"]
    assert "Bria Battles" in str(report)


def test_json_output_carries_scores_and_lists(root, capsys):
    import json

    assert main(["figures", "--format", "json", "--gold", str(root / "tests/gold"),
                 "--corpus", str(root / "seeds")]) == 0
    (figures,) = json.loads(capsys.readouterr().out)
    assert figures["table"] == "figures"
    assert {"precision", "recall", "f1"} <= set(figures["scores"][0])
    assert isinstance(figures["misses"], list) and isinstance(figures["false_hits"], list)
