"""The typed content model: one concept per module, validated by pydantic."""

from site_builder.model.activity import ActivityLog, ActivityRecord, Donations
from site_builder.model.collection import Collection, CollectionEntry
from site_builder.model.common import Audience, Status
from site_builder.model.community import Community, CommunityProfile
from site_builder.model.photo import Consent, Photo
from site_builder.model.site import Site
from site_builder.model.site_config import SiteConfig
from site_builder.model.story import Narrator, Story

__all__ = [
    "ActivityLog",
    "ActivityRecord",
    "Audience",
    "Collection",
    "CollectionEntry",
    "Community",
    "CommunityProfile",
    "Consent",
    "Donations",
    "Narrator",
    "Photo",
    "Site",
    "SiteConfig",
    "Status",
    "Story",
]
