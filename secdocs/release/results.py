"""What a release build found out, as plain data: the rows of the Document Log and the release
notes, shared by the build (which fills them) and the writers of the release documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks.findings import Findings
from ..render.label import ProvisionChange


@dataclass
class DocumentEntry:
    """One document of the SEC at the release: its version in effect and what changed."""

    id: str
    title: str
    previous_version: str
    version: str
    modifications: tuple[str, ...] = ()
    provisions: list[ProvisionChange] = field(default_factory=list)  # each with the modifications that made it
    files: dict[str, str] = field(default_factory=dict)  # "clean"/"redline" → path inside OUT

    @property
    def changed(self) -> bool:
        return bool(self.modifications)


@dataclass
class ModificationEntry:
    """One modification of the release."""

    id: str
    title: str
    documents: list[str]
    operations: int
    illustrative: bool = False
    legal_text: str = ""          # path inside OUT
    legal_text_version: str = ""


@dataclass
class ReleaseSummary:
    """Everything the release documents say about one build."""

    name: str
    sec_version: str
    previous_sec_version: str
    implementation_date: str       # "4 October 2021"
    implementation_date_iso: str   # "2021-10-04"
    kind: str
    description: str
    illustrative: bool
    documents: list[DocumentEntry]           # every document in effect, in SEC order
    modifications: list[ModificationEntry]   # in the order applied
    checks: Findings | None = None  # the release set's integrity checks, when run

    @property
    def changed_documents(self) -> list[DocumentEntry]:
        return [d for d in self.documents if d.changed]

    @property
    def provisions_changed(self) -> int:
        return sum(len(d.provisions) for d in self.documents)
