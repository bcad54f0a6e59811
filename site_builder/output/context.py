"""What every page generator receives: the selection, the output tree and shared lookups.

Stages run in the order `compiler.py` lists them. The prepare stages fill the typed fields
below (photos, statistics, albums) before any page stage reads them; the compiler hands the
page sections (`home_sections`, `community_sections`) in the order the pages show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from site_builder.diagnostics import Diagnostics
from site_builder.images import PhotoBatch, ProcessedPhoto
from site_builder.model import Community, Photo, SiteConfig, Story
from site_builder.output import urls
from site_builder.output.tree import OutputTree
from site_builder.project import Project
from site_builder.selection import Selection
from site_builder.session import Session
from site_builder.stats.rollup import Rollup

# A block of the home page between its title and the newest collection: (ctx, page URL) -> HTML
# (a rendered template: the page's template prints it as it is).
HomeSection = Callable[["CompileContext", str], Markup]
# A block of a community page after its profile: (ctx, community, page URL) -> HTML.
CommunitySection = Callable[["CompileContext", Community, str], Markup]


@dataclass
class Album:
    """Photos of one story or one activity record, as the gallery shows them."""

    title: str
    day: dt.date
    community: str
    link: str  # site-relative URL of the page telling its story, or ""
    photos: list[tuple[Photo, ProcessedPhoto]]
    anchor: str  # the album's id on the gallery pages: activities have no page of their own


@dataclass
class CompileContext:
    project: Project
    selection: Selection
    tree: OutputTree
    diagnostics: Diagnostics
    # The command's run: what it keeps between builds (session.py); one-shot unless given.
    session: Session = field(default_factory=Session)
    workers: int | None = None  # processes for image work; None means one per core
    progress: bool = False  # show progress bars on long runs
    home_sections: list[HomeSection] = field(default_factory=list)
    community_sections: list[CommunitySection] = field(default_factory=list)
    # Filled by the image stage (stages/images.py): processed photos by (owner file, photo
    # file), and the batch that made them (None when the build publishes no photo).
    photos: dict[tuple[str, str], ProcessedPhoto] = field(default_factory=dict)
    photo_batch: PhotoBatch | None = None
    # Filled by the statistics stage (stages/statistics.py).
    rollup: Rollup | None = None
    # Filled by the gallery's prepare stage (pages/gallery.py): newest first, and the number
    # of photos in each community's albums.
    albums: list[Album] = field(default_factory=list)
    album_photos: dict[str, int] = field(default_factory=dict)

    @property
    def config(self) -> SiteConfig:
        return self.selection.site.config

    @property
    def stats(self) -> Rollup:
        """The rollup of the published records; the statistics stage runs before every page."""
        assert self.rollup is not None, "the statistics stage runs before the pages"
        return self.rollup

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
