"""``KindSpec``: everything secdocs knows about one operation kind, in one record.

Each kind module (``provisions``, ``text_edits``, ``headings``, ``definitions``, …) declares its
kinds as ``KindSpec`` records beside their executors; ``registry`` collects them. Every consumer
of kinds reads the record: the key checks (schema), the engine (executor), the legal text's
drafting notes (description), the release's conflict check and ``secdocs rebase`` (what the
op acts on), the checks (its effect).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .context import Ctx
    from .op import Op
    from .results import OpResult

# What an applied op did to its target (``KindSpec.effect``).
INSERTS = "inserts"  # a new provision or definition
EDITS_WORDS = "edits words"  # a few words of the target's text
REWRITES = "rewrites"  # the target's whole text, heading or meaning (or "Not used.")
REMOVES = "removes"  # the target is gone (a definition row)


@dataclass(frozen=True)
class KindSpec:
    """One operation kind: its schema, executor, description and conflict scope."""

    name: str
    executor: Callable[["Ctx", "Op"], "OpResult"]
    description: str  # what a change list says it did ("Words substituted")
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one key of each group must be present
    exclusive: tuple[tuple[str, ...], ...] = ()  # at most one key (or key group) of these
    expect_allowed: bool = True
    positions: tuple[str, ...] = ("after", "before")  # the values ``position`` may take
    target: str = "provision"  # what ``target`` names: "provision" or "definition"
    effect: str = EDITS_WORDS  # INSERTS, EDITS_WORDS, REWRITES or REMOVES
    words_key: str | None = None  # the key naming the words it acts on (None: the whole text)
    extra_check: Callable[[dict[str, Any]], list[str]] | None = None  # the kind's own key rules

    @property
    def on_definition(self) -> bool:
        return self.target == "definition"

    def words(self, op: "Op") -> str | None:
        """The words ``op`` names in its target's text (None: it acts on the whole text, or
        places something new)."""
        return op.get(self.words_key) if self.words_key else None
