"""From a content file to its page in the live preview, and the communities staff choose from.

The preview (`serve`) shows drafts too, so the page of the story, community or collection
being edited exists there as soon as it is saved.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from site_builder.editor.protocol import ApiError, EditorState, param
from site_builder.i18n import t
from site_builder.output.urls import COLLECTION, COMMUNITY, HOME, STORY
from site_builder.project import Project

_YEAR = re.compile(r"^\d{4}$")
_SLUG = re.compile(r"^[\w-]{1,120}$")
_COMMUNITY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def page_of(project: Project, path: str) -> str:
    """The site-relative URL of the page showing the content file `path` (`content/...`);
    the home page for a file no single page shows (site.yml, a photo)."""
    parts = PurePosixPath(path).parts
    if len(parts) < 3 or parts[0] != "content":
        return HOME
    kind, stem = parts[1], PurePosixPath(path).stem
    if kind == "stories" and path.endswith(".md"):
        return STORY.format(slug=stem)
    if kind == "collections" and path.endswith(".md"):
        return COLLECTION.format(slug=stem)
    if kind == "communities":
        return COMMUNITY.format(id=stem)
    if kind == "activities" and len(parts) == 4:
        # A community's figures are on its page.
        return COMMUNITY.format(id=parts[2])
    return HOME


def _file_of(project: Project, collection: str, slug: str) -> str:
    """The content file Decap means by (collection, slug), found by its name."""
    content = project.content_dir
    if not _SLUG.match(slug):
        return ""
    if _YEAR.match(slug):
        for community in sorted(p.name for p in (content / "activities").glob("*")):
            if collection.endswith(community):
                return f"content/activities/{community}/{slug}.yml"
    for pattern in (f"stories/**/{slug}.md", f"collections/{slug}.md", f"communities/{slug}.yml"):
        for found in sorted(content.glob(pattern)):
            return "content/" + found.relative_to(content).as_posix()
    return ""


def deploy_preview(state: EditorState, browser: str, params: dict[str, Any]) -> Any:
    """The protocol's `getDeployPreview`: the entry's page in the running preview, or null
    while no preview runs (the start page starts it)."""
    if not state.preview_url:
        return None
    found = _file_of(state.project, param(params, "collection"), param(params, "slug"))
    return {"url": state.preview_url + page_of(state.project, found), "status": "SUCCESS"}


def communities(project: Project) -> list[dict[str, str]]:
    """Each community's id and name, for the ledger import's choice."""
    found = []
    for path in sorted((project.content_dir / "communities").glob("*.yml")):
        name = path.stem
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("name:"):
                name = line.removeprefix("name:").strip().strip("\"'") or name
                break
        found.append({"id": path.stem, "name": name})
    return found


def require_community(project: Project, community: str) -> None:
    """ApiError (422) unless `community` is the id of one of the project's communities."""
    if (
        not _COMMUNITY_ID.match(community)
        or not (project.content_dir / "communities" / f"{community}.yml").is_file()
    ):
        raise ApiError(t("请先选择社区", "choose a community first"), 422)
