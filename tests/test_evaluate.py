"""The evaluate command and its matching rules."""

import pandas as pd

from carlib.evaluate import Score, main, match_spans, score_figures


def table(rows):
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "value", "low", "category"])


def test_scores_count_overlap_value_and_category():
    gold = table([("a", 0, 10, 100.0, None, "killed"), ("a", 20, 30, None, 12.0, "killed"),
                  ("b", 0, 5, 7.0, None, "troops")])
    predicted = table([("a", 5, 12, 100.0, None, "displaced"), ("a", 22, 28, None, 12.0, "killed"),
                       ("a", 40, 45, 3.0, None, "other"), ("b", 6, 9, 7.0, None, "troops")])
    value, both = score_figures(predicted, gold)
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
