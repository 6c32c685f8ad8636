"""The General SEC Objectives a modification is assessed against, and the Working Group's view
of the modification against each.

The objectives are summarised in our own words (the Code's Section C sets them out; its text
governs): a consultation shows them so the reader can weigh the Working Group's view. The views
come from ``[[consultation.report.objectives]]`` of modification.toml (``objective = "a"``,
``impact = "positive" | "neutral" | "negative"``, ``view = "…"``); an objective without a view is
listed as "not assessed". When ``[consultation.report] objectives_illustrative = true`` (a seed
with no published view), the views are labelled illustrative wherever they are shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ConfigError

# (letter, the objective in our words)
GENERAL_SEC_OBJECTIVES = (
    ("a", "the efficient provision, installation, operation and interoperability of Smart Metering Systems "
          "at Energy Consumers' premises in Great Britain"),
    ("b", "enabling the DCC to comply at all times with the General Objectives of the DCC and to discharge "
          "its other obligations under the Energy Licences"),
    ("c", "helping Energy Consumers to manage their use of electricity and gas through the information "
          "their Smart Metering Systems give them"),
    ("d", "effective competition between those engaged in, or in activities connected with, the supply of "
          "energy"),
    ("e", "innovation in the design and operation of Energy Networks that best contributes to a secure and "
          "sustainable supply of energy"),
    ("f", "the protection of Data and the security of Data and Systems in the operation of the Code"),
    ("g", "the efficient and transparent administration and implementation of the Code"),
)
IMPACTS = ("positive", "neutral", "negative")
_IMPACT_WORDS = {"positive": "Better facilitates", "neutral": "Neutral", "negative": "Detrimental"}


def objectives(section: dict, where: Path, prefix: str) -> dict[str, Any]:
    """``{"rows": [{letter, text, impact, view}], "illustrative": bool}`` for the template."""
    given = section.get("objectives") or []
    if not isinstance(given, list):
        raise ConfigError(f"{where}: {prefix}.objectives must be a list of tables (objective, impact, view)")
    letters = {letter for letter, _ in GENERAL_SEC_OBJECTIVES}
    views: dict[str, dict] = {}
    for i, item in enumerate(given):
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: {prefix}.objectives[{i}] must be a table (objective, impact, view)")
        letter = str(item.get("objective", "")).strip().strip("()").lower()
        if letter not in letters:
            raise ConfigError(f"{where}: {prefix}.objectives[{i}].objective is {item.get('objective')!r}; "
                              f"one of {', '.join(sorted(letters))}")
        impact = str(item.get("impact", "")).strip().lower()
        if impact not in IMPACTS:
            raise ConfigError(f"{where}: {prefix}.objectives[{i}].impact is {item.get('impact')!r}; "
                              f"one of {', '.join(IMPACTS)}")
        views[letter] = {"impact": _IMPACT_WORDS[impact], "view": " ".join(str(item.get("view", "")).split())}
    rows = [{"letter": letter, "text": text[0].upper() + text[1:],
             **views.get(letter, {"impact": "Not assessed", "view": ""})}
            for letter, text in GENERAL_SEC_OBJECTIVES]
    return {"rows": rows, "assessed": bool(views), "illustrative": section.get("objectives_illustrative") is True}
