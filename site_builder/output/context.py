"""What every page generator receives: the selection, the output tree and shared lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from site_builder.diagnostics import Diagnostics
from site_builder.model import Community, Story
from site_builder.output import urls
from site_builder.output.tree import OutputTree
from site_builder.project import Project
from site_builder.selection import Selection

if TYPE_CHECKING:
    from site_builder.images import ProcessedPhoto


@dataclass
class CompileContext:
    project: Project
    selection: Selection
    tree: OutputTree
    diagnostics: Diagnostics
    workers: int | None = None  # processes for image work; None means one per core
    progress: bool = False  # show progress bars on long runs
    # Processed photos by (owner file, photo file), filled by the image stage.
    photos: dict[tuple[str, str], ProcessedPhoto] = field(default_factory=dict)
    # Results of earlier stages that several generators read (e.g. statistics).
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> Any:
        return self.selection.site.config

    def community(self, community_id: str) -> Community:
        return self.selection.site.communities[community_id]

    def community_name(self, community_id: str) -> str:
        found = self.selection.site.communities.get(community_id)
        return found.name if found else community_id

    def narrator_slug(self, story: Story) -> str:
        return narrator_key(story)[2]


def narrator_key(story: Story) -> tuple[str, str, str]:
    """A narrator is a name within a community: (name, community, slug)."""
    name = story.narrator.name
    return name, story.community, f"{urls.slugify(name)}-{story.community}"
