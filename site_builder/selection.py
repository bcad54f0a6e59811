"""What one build publishes: the items visible on its day, in the order pages list them.

Everything downstream (checks, statistics, pages, feeds, data) reads this selection, never
the raw `Site`, so an unpublished item cannot leak through one generator that forgot a filter.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import PurePosixPath

from site_builder.derived import digest, key_of
from site_builder.load.lazy_list import LazyList
from site_builder.model import ActivityLog, ActivityRecord, Collection, Community, Site, Story
from site_builder.model.common import is_visible
from site_builder.session import Session


@dataclass(frozen=True)
class BuildOptions:
    as_of: dt.date = field(default_factory=dt.date.today)
    preview: bool = False  # `serve`: drafts and items in review are shown, with a banner
    # `build --scheduler`: compute photos on this Dask cluster, whatever site.yml says.
    scheduler: str = ""


@dataclass(frozen=True)
class PublicRecord:
    """An activity record with the log it came from."""

    record: ActivityRecord
    log: ActivityLog
    index: int  # position in the log, for its line and a stable anchor
    day: dt.date  # the record's first day, looked up once: it orders 100 000 records

    @property
    def community(self) -> str:
        return self.log.community

    @property
    def anchor(self) -> str:
        return f"a-{self.log.year}-{self.index + 1}"


@dataclass
class Selection:
    site: Site
    options: BuildOptions
    stories: list[Story]  # newest first
    collections: list[Collection]  # newest first
    communities: list[Community]  # by city, then name
    records: list[PublicRecord]  # by date
    # Each log's public records (logs with none left out), in the order of `records`: what is
    # computed over them log by log is computed again for a changed log only.
    records_by_log: list[LogRecords] = field(default_factory=list)

    def story(self, slug: str) -> Story | None:
        return self._stories_by_slug.get(slug)

    def __post_init__(self) -> None:
        self._stories_by_slug = {s.slug: s for s in self.stories}
        self._story_positions = {s.slug: i for i, s in enumerate(self.stories)}
        self._stories_by_community: dict[str, list[Story]] = {}
        for story in self.stories:  # newest first, as in `stories`
            self._stories_by_community.setdefault(story.community, []).append(story)

    def story_position(self, slug: str) -> int:
        """Where a visible story stands in `stories` (a list search compares whole models)."""
        return self._story_positions[slug]

    def stories_of(self, community: str) -> list[Story]:
        return self._stories_by_community.get(community, [])


def _log_text(log: ActivityLog) -> str:
    return f"{log.source.path}\0{hashlib.sha256(log.source.text.encode()).hexdigest()}"


def records_keys(
    site: Site, options: BuildOptions, session: Session | None = None
) -> tuple[str | None, list[str | None]]:
    """The content keys (derived.py) of the public records, and of each log's public records:
    the logs' paths and texts as read, and the options that chose among their records; None
    where a log's text was not kept. A `session` is given each log's own content key too."""
    chosen = digest(options)
    texts = [_log_text(log) if log.source.text else None for log in site.activity_logs]
    for log, text in zip(site.activity_logs, texts, strict=True):
        if session is not None and text is not None:
            session.keyed(log, key_of("activity-log", text))
    each = [None if text is None else key_of("public-records", chosen, text) for text in texts]
    kept = [text for text in texts if text is not None]
    if len(kept) < len(texts):
        return None, each
    return key_of("public-records", chosen, *kept), each


class LogRecords(LazyList[PublicRecord]):
    """One activity log's public records, chosen when first read."""

    def __init__(self, log: ActivityLog, choose: Callable[[], list[PublicRecord]]) -> None:
        super().__init__(choose)
        self.log = log


def per_log(name: str, records: LogRecords) -> str:
    """The name of a result over one log's public records (`Session.computed`): a name of its
    own for each log, so `serve` keeps every log's result, and flat, as the store's folder."""
    path = PurePosixPath(records.log.source.path)
    return f"{name}.{path.parent.name}.{path.name}"


def linked_stories(session: Session, records: LogRecords) -> frozenset[str]:
    """The stories one log's public records link to; kept with the log's other results, so
    they are found without reading its records."""
    return session.computed(per_log("selection.stories", records), _linked_stories, records)


def _linked_stories(records: LogRecords) -> frozenset[str]:
    return frozenset(public.record.story for public in records if public.record.story)


_DAY = attrgetter("day")
_DAY_COMMUNITY_POSITION = attrgetter("day", "log.community", "index")


def _by_date(by_log: list[LogRecords]) -> list[PublicRecord]:
    # Stable: records of one day, community and position keep the order of their logs.
    every = [public for records in by_log for public in records]
    return sorted(every, key=_DAY_COMMUNITY_POSITION)


def _kept_lists(
    site: Site,
    options: BuildOptions,
    session: Session,
    public_records: Callable[[ActivityLog], list[PublicRecord]],
) -> tuple[list[PublicRecord], list[LogRecords]]:
    """The public records, and each log's, as `select` makes them: the same lists while no log
    changed (`serve`), so what is computed from them can be reused; each log's list with its
    own content key, so what is computed from it can be kept on disk (derived.py)."""
    every_key, log_keys = records_keys(site, options, session)
    by_log = []
    for log, log_key in zip(site.activity_logs, log_keys, strict=True):
        choose = functools.partial(public_records, log)
        records_of_log = session.reused(
            f"selection.records:{log.source.path}",
            [log],
            options,
            functools.partial(LogRecords, log, choose),
        )
        if log_key is not None:
            session.keyed(records_of_log, log_key)
        by_log.append(records_of_log)
    records = session.reused(
        "selection.records",
        site.activity_logs,
        options,
        lambda: LazyList(functools.partial(_by_date, by_log)),
    )
    if every_key is not None:
        session.keyed(records, every_key)
    # Logs with no public record left out, their number kept with their other results.
    counted = [
        records_of_log
        for records_of_log in by_log
        if session.computed(per_log("selection.count", records_of_log), len, records_of_log)
    ]
    return records, counted


def _public_collections(
    site: Site, visible: Callable[[object, dt.date], bool], stories: set[str]
) -> list[Collection]:
    """The visible collections, newest first. One whose every story is postponed or withdrawn
    waits for the first of them (checks/references.py says so); one listing none is refused
    by the editorial checks."""
    return sorted(
        (
            c
            for c in site.collections.values()
            if visible(c.status, c.date)
            and (not c.stories or any(e.story in stories for e in c.stories))
        ),
        key=lambda c: (c.date, c.slug),
        reverse=True,
    )


def select(site: Site, options: BuildOptions, session: Session | None = None) -> Selection:
    """What a build on `options` publishes; a serving `session` keeps the public records while
    no log changed."""

    def visible(status: object, date: dt.date) -> bool:
        return is_visible(status, date, options.as_of, options.preview)  # type: ignore[arg-type]

    stories = sorted(
        (s for s in site.stories.values() if visible(s.status, s.date)),
        key=lambda s: (s.date, s.slug),
        reverse=True,
    )
    collections = _public_collections(site, visible, {s.slug for s in stories})

    def public_records(log: ActivityLog) -> list[PublicRecord]:
        records = []
        for index, record in enumerate(log.activities):
            if not record.private:
                day = record.first_day
                if visible(record.status, day):
                    records.append(PublicRecord(record, log, index, day))
        records.sort(key=_DAY)  # stable: by day, then position
        return records

    # Each list is made when first read (lazy_list.py): while the results over the logs are
    # kept, a build reads no record.
    if session is None:
        by_log = [
            LogRecords(log, functools.partial(public_records, log)) for log in site.activity_logs
        ]
        records: list[PublicRecord] = LazyList(functools.partial(_by_date, by_log))
        by_log = [records_of_log for records_of_log in by_log if records_of_log]
    else:
        records, by_log = _kept_lists(site, options, session, public_records)
    communities = sorted(site.communities.values(), key=lambda c: (c.city, c.district, c.name))
    return Selection(site, options, stories, collections, communities, records, by_log)
