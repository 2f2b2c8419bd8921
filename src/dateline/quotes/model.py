"""The learned part of quote attribution: three small linear models, shipped as one JSON file.

- `quotation`: is the text between these quotation marks something someone said, or a title, a
  nickname, a scare-quoted term?
- `reported`: is this clause (or phrase) after a speech verb what someone said?
- `speaker`: of the mentions around a quotation, which one names who said it (mention ranking)?

Each is a logistic regression over sparse named features (`dateline.quotes.features`), trained by
`python -m dateline.quotes.train` on PolNeAR's train split with scikit-learn and selected on the dev
split. Scoring one candidate is a sum of a few dozen weights: no library is needed at run time, and
the file stays readable (features and weights by name) and independent of scikit-learn's pickles.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from dateline.runtime import load_once

MODEL_FILE = "attribution-model.json"
FORMAT = 1


@dataclass(frozen=True)
class LinearModel:
    """P(yes | features) = sigmoid(bias + sum of weight x value over the features present)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.5

    def logit(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        total = self.bias
        for name, value in features.items():
            weight = weights.get(name)
            if weight is not None:
                total += weight * value
        return total

    def probability(self, features: Mapping[str, float]) -> float:
        return self.probability_of(self.logit(features))

    @staticmethod
    def probability_of(logit: float) -> float:
        return 0.0 if logit < -30 else 1.0 / (1.0 + math.exp(-logit))

    def accepts(self, features: Mapping[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        weights = {name: round(weight, 6) for name, weight in sorted(self.weights.items()) if weight}
        return {"bias": round(self.bias, 6), "threshold": self.threshold, "weights": weights}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        return cls(dict(data["weights"]), float(data["bias"]), float(data.get("threshold", 0.5)))


@dataclass(frozen=True)
class AttributionModels:
    quotation: LinearModel
    reported: LinearModel
    speaker: LinearModel
    about: Mapping[str, Any] = field(default_factory=dict)  # how and on what it was trained, its figures

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "about": dict(self.about),
            "quotation": self.quotation.to_json(),
            "reported": self.reported.to_json(),
            "speaker": self.speaker.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AttributionModels:
        if data.get("format") != FORMAT:
            raise ValueError(f"attribution model format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            LinearModel.from_json(data["quotation"]),
            LinearModel.from_json(data["reported"]),
            LinearModel.from_json(data["speaker"]),
            data.get("about", {}),
        )


@load_once
def shipped_models() -> AttributionModels:
    """The models shipped inside the package, read once per process."""
    text = resources.files("dateline.quotes").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return AttributionModels.from_json(json.loads(text))
