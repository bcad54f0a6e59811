"""A community (社区): its place, description and profile figures."""

from __future__ import annotations

from site_builder.model.common import Count, NonEmptyText, SourcedModel, Text, ContentModel


class CommunityProfile(ContentModel):
    """Profile figures as the community reports them; every one is optional."""

    buildings: Count | None = None
    households: Count | None = None
    residents: Count | None = None
    residents_over_60: Count | None = None
    residents_over_70: Count | None = None
    children: Count | None = None
    volunteers: Count | None = None
    partner_units: Count | None = None
    year: int | None = None
    approximate: bool = False


class Community(SourcedModel):
    name: NonEmptyText
    city: NonEmptyText
    district: NonEmptyText
    street: NonEmptyText
    description: Text = ""
    profile: CommunityProfile = CommunityProfile()
    office_phone: Text = ""
    website: Text = ""
    partners: list[NonEmptyText] = []

    # Set by the loader from the file name.
    LOADER_FIELDS = frozenset({"id"})
    id: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.city}{self.district}{self.street}{self.name}"
