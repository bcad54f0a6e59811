"""The whole loaded site: every content object, indexed for lookups."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.model.activity import ActivityLog
from site_builder.model.collection import Collection
from site_builder.model.community import Community
from site_builder.model.site_config import SiteConfig
from site_builder.model.story import Story


@dataclass
class Site:
    config: SiteConfig
    communities: dict[str, Community] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    activity_logs: list[ActivityLog] = field(default_factory=list)
    collections: dict[str, Collection] = field(default_factory=dict)
    # Real names that must never appear in published text; read from a private file.
    private_names: list[str] = field(default_factory=list)
    # Files that exist but failed validation: references to them are not reported again.
    invalid_ids: set[str] = field(default_factory=set)
