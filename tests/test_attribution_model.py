"""The learned attribution models: the shipped file, and the training that makes it.

Training runs here on a slice of PolNeAR's train split (the full run, `make train`, takes minutes);
what it must show is that the models learn from the data what the rules only guess, the same way on
every run."""

import json

import pytest

from conftest import SHARED, shared_file
from dateline.quotes import train
from dateline.quotes.evaluation import load_polnear, parsed
from dateline.quotes.model import AttributionModels, LinearModel, shipped_models

POLNEAR_TRAIN = SHARED / "data" / "polnear-train"


def test_the_shipped_models_load_and_say_how_they_were_chosen():
    models = shipped_models()
    assert models is shipped_models()  # read once per process
    for model in (models.quotation, models.reported, models.speaker):
        assert len(model.weights) > 50
        assert 0.0 <= model.threshold <= 1.0
    about = models.about
    assert about["trained_on"].startswith("PolNeAR train")
    assert set(about["train_5_fold_cv"]) == set(train.HEADLINE)
    # the subject of the verb right after a quotation ("...,” Kirby said) is the speaker's best cue
    assert models.speaker.weights["by=after"] > 0
    assert models.speaker.weights["by=rules"] > 0


def test_a_model_round_trips_through_its_json():
    model = LinearModel({"by=after": 1.5, "pos=PRON": -0.25}, -1.0, 0.3)
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model
    assert model.probability({"by=after": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-0.5), rel=1e-6)
    assert model.accepts({"by=after": 1.0}) and not model.accepts({"pos=PRON": 1.0})


@pytest.fixture(scope="module")
def slice_examples():
    shared_file(POLNEAR_TRAIN / "text" / "breitbart_2015-11-11_the-ninth-circle-the-hellish-vie.txt")
    articles = load_polnear(POLNEAR_TRAIN, limit=40)
    docs = parsed(articles)
    return [train.examples(a, d) for a, d in zip(articles, docs, strict=True)]


def test_training_on_a_slice_is_reproducible_and_learns_what_the_rules_know(slice_examples):
    settings = train.Settings(0.3, speaker_threshold=0.3)
    first = train.fit_all(slice_examples, settings, seed=0)
    second = train.fit_all(slice_examples, settings, seed=0)
    assert first.to_json() == second.to_json()
    assert AttributionModels.from_json(first.to_json()).to_json() == first.to_json()
    # what PolNeAR's annotators call a speaker is, most often, the subject the rules pick
    assert first.speaker.weights["by=rules"] > 0
    # and a phrase a speech verb reports through a clause, far more often than through an adverb
    assert first.reported.weights.get("rel=ccomp", 0) > first.reported.weights.get("rel=advmod", 0)


def test_the_speaker_threshold_is_where_picks_stop_being_mostly_right():
    picks = [(0.95, True)] * 20 + [(0.55, True)] * 6 + [(0.52, False)] * 5 + [(0.25, False)] * 12
    assert train.speaker_threshold(picks) == pytest.approx(0.5)
    # no picks below 0.9, no evidence that they would be right: the threshold goes no lower
    assert train.speaker_threshold([(0.9, True)] * 30) == pytest.approx(0.9)
