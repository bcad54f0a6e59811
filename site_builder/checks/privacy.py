"""The privacy gate over everything a build would publish.

* personal data in text (ID, phone, bank card, e-mail, plate, home address): errors, masked;
* real names from the private list; declared pseudonyms marked as 化名; possible full names
  in stories that are neither the narrator, a pseudonym nor acknowledged (checks/names.py);
* sensitive (health, hardship) terms that the story has not acknowledged;
* photos of people without recorded consent, minors without a guardian's, withdrawn consent.

Whole source files are scanned (front matter and body), so a finding's line and column are
exact and a `privacy-ok` marker on the line is visible to reviewers. Activity logs are
scanned only over the lines of records that are published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from site_builder.checks.names import candidates, undeclared
from site_builder.checks.pii import SILENCE_MARKER, find_personal_data
from site_builder.diagnostics import Diagnostic, Diagnostics, Severity
from site_builder.i18n import t
from site_builder.model import ActivityLog, Photo, Story
from site_builder.model.photo import ConsentGiver, PersonKind
from site_builder.project import Project
from site_builder.selection import PublicRecord, Selection, per_log
from site_builder.session import Session
from site_builder.source import Source


@dataclass(frozen=True)
class ScanText:
    """Published text from one file: the whole file, or a range of its lines."""

    path: str
    text: str
    first_line: int = 1  # line number of the first line of `text`


def _position(scan: ScanText, offset: int) -> tuple[int, int]:
    before = scan.text[:offset]
    line = before.count("\n")
    column = offset - (before.rfind("\n") + 1)
    return scan.first_line + line, column + 1


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _read(project: Project, source: Source) -> str:
    if source.text:
        return source.text
    return (project.root / source.path).read_text(encoding="utf-8").removeprefix("\ufeff")


def file_texts(project: Project, selection: Selection) -> Iterator[ScanText]:
    """Published files scanned whole: the settings, communities, stories and collections."""
    yield ScanText(selection.site.config.source.path, _read(project, selection.site.config.source))
    for community in selection.communities:
        yield ScanText(community.source.path, _read(project, community.source))
    for story in selection.stories:
        yield ScanText(story.source.path, _read(project, story.source))
    for collection in selection.collections:
        yield ScanText(collection.source.path, _read(project, collection.source))


def log_texts(project: Project, records: list[PublicRecord]) -> Iterator[ScanText]:
    """Activity logs: only the lines of published records, consecutive records as one text
    (a log of hundreds of records is then a few scans instead of one per record)."""
    by_log: dict[int, tuple[ActivityLog, list[int]]] = {}
    for public in records:
        by_log.setdefault(id(public.log), (public.log, []))[1].append(public.index)
    for log, indexes in by_log.values():
        source = log.source
        lines = _read(project, source).split("\n")
        starts = [source.mark("activities", i).line for i in range(len(log.activities))]
        for first_index, last_index in _runs(sorted(indexes)):
            first = starts[first_index]
            last = starts[last_index + 1] - 1 if last_index + 1 < len(starts) else len(lines)
            yield ScanText(source.path, "\n".join(lines[first - 1 : last]), first)


def _runs(numbers: list[int]) -> Iterator[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in a sorted list."""
    start = previous = numbers[0]
    for number in numbers[1:]:
        if number != previous + 1:
            yield start, previous
            start = number
        previous = number
    yield start, previous


def _allowed_numbers(selection: Selection) -> list[str]:
    allowed = list(selection.site.config.privacy.allowed_numbers)
    allowed += [c.office_phone for c in selection.communities if c.office_phone]
    return allowed


def check_personal_data(
    scans: Iterable[ScanText], allowed: list[str], diagnostics: Diagnostics
) -> None:
    for scan in scans:
        for finding in find_personal_data(scan.text, allowed):
            line, column = _position(scan, finding.start)
            message = t(
                "疑似{kind}:{masked}。公开前请删除;确属可公开信息时,在该行加注 {marker} 并说明理由",
                "possible {kind}: {masked}. Remove it before publishing; if it is public, mark "
                "the line with {marker} and a reason",
                kind=finding.label,
                masked=finding.masked,
                marker=SILENCE_MARKER,
            )
            if finding.severity is Severity.ERROR:
                diagnostics.error(scan.path, line, column, message, code=f"pii-{finding.kind}")
            else:
                diagnostics.warning(scan.path, line, column, message, code=f"pii-{finding.kind}")


def _mask_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1)


def check_real_names(scans: Iterable[ScanText], names: list[str], diagnostics: Diagnostics) -> None:
    if not names:
        return
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    for scan in scans:
        for match in pattern.finditer(scan.text):
            if SILENCE_MARKER in _line_at(scan.text, match.start()):
                continue
            line, column = _position(scan, match.start())
            diagnostics.error(
                scan.path,
                line,
                column,
                t(
                    "出现了不得公开的真实姓名({masked}):请改用化名,并在 pseudonyms 中声明",
                    "a real name that must not be published ({masked}): use a pseudonym and "
                    "declare it under pseudonyms",
                    masked=_mask_name(match.group(0)),
                ),
                code="real-name",
            )


# `(化名)` as a Latin keyboard types it, `（化名）` as every Chinese input method does.
_PSEUDONYM_NOTE = re.compile(r"^\s*[(\uff08]\s*化名\s*[)\uff09]")


def check_pseudonyms(story: Story, names: list[str], diagnostics: Diagnostics) -> None:
    """A declared pseudonym is shown as one (化名) at its first use, and is not a real name."""
    for index, pseudonym in enumerate(story.pseudonyms):
        mark = story.source.mark("pseudonyms", index)
        if pseudonym in names:
            diagnostics.error(
                story.source.path,
                mark.line,
                mark.column,
                t(
                    "化名 {masked} 与真实姓名名单重复",
                    "pseudonym {masked} is on the real-names list",
                    masked=_mask_name(pseudonym),
                ),
            )
            continue
        position = story.body.find(pseudonym)
        if position < 0:
            continue
        if not _PSEUDONYM_NOTE.match(story.body[position + len(pseudonym) :]):
            before = story.body[:position]
            line = story.source.body_line + before.count("\n")
            column = position - (before.rfind("\n") + 1) + 1
            diagnostics.warning(
                story.source.path,
                line,
                column,
                t(
                    "化名“{name}”第一次出现时应注明(化名)",
                    "mark the pseudonym '{name}' as (化名) where it first appears",
                    name=pseudonym,
                ),
            )


def check_possible_names(
    story: Story,
    found: list[tuple[int, str]],
    declared: list[str],
    scan: ScanText,
    diagnostics: Diagnostics,
) -> None:
    """Possible real full names (checks/names.py) that nobody declared: a warning at each."""
    own = [story.narrator.name, *story.pseudonyms, *story.acknowledged_names, *declared]
    for offset, name in undeclared(found, own):
        if SILENCE_MARKER in _line_at(scan.text, offset):
            continue
        line, column = _position(scan, offset)
        diagnostics.warning(
            scan.path,
            line,
            column,
            t(
                "疑似真实姓名 {masked}:如是真名,请改用化名并在 pseudonyms 中声明;"
                "本人同意公开(或是公众人物)时,在前置信息 acknowledged_names 中列出它",
                "possible real name {masked}: if it is one, use a pseudonym and declare it "
                "under pseudonyms; if the person agreed to be named (or is a public figure), "
                "list it under acknowledged_names",
                masked=_mask_name(name),
            ),
            code="possible-name",
        )


def _known_names(selection: Selection) -> list[str]:
    """Names and places the site itself makes public: every narrator, every community and
    where it is. A name is not a stranger's when it is (part of) one of them."""
    site = selection.site
    places = [
        part for c in site.communities.values() for part in (c.name, c.city, c.district, c.street)
    ]
    return [*{s.narrator.name for s in site.stories.values()}, *places, *site.private_names]


def check_sensitive_terms(
    story: Story, terms: list[str], diagnostics: Diagnostics, text: str
) -> None:
    acknowledged = set(story.acknowledged_terms)
    for term in terms:
        if term in acknowledged:
            continue
        position = text.find(term)
        if position < 0:
            continue
        before = text[:position]
        diagnostics.warning(
            story.source.path,
            before.count("\n") + 1,
            position - (before.rfind("\n") + 1) + 1,
            t(
                "涉及健康或困境的词语“{term}”:确认已获同意且无法识别到个人后,"
                "在前置信息 acknowledged_terms 中列出它",
                "sensitive term '{term}' (health or hardship): once you have checked consent "
                "and that no one can be identified, list it under acknowledged_terms",
                term=term,
            ),
            code="sensitive-term",
        )


def check_consent(
    source: Source,
    field_path: tuple[str | int, ...],
    photo: Photo,
    as_of: dt.date,
    diagnostics: Diagnostics,
) -> None:
    consent = photo.consent

    def refuse(message: str) -> None:
        # Found only now: a log's field positions are read again on demand (yaml_source.py).
        mark = source.mark(*field_path)
        diagnostics.error(source.path, mark.line, mark.column, message, code="consent")

    if not photo.people:
        return
    if consent is None:
        refuse(
            t(
                "照片 {file} 中有人物,但没有记录同意(consent)",
                "photo {file} shows people but has no recorded consent",
                file=photo.file,
            )
        )
        return
    if consent.withdrawn:
        refuse(
            t(
                "照片 {file} 的同意已撤回,不得发布",
                "consent for photo {file} was withdrawn",
                file=photo.file,
            )
        )
    if PersonKind.MINOR in photo.people and consent.given_by is not ConsentGiver.GUARDIAN:
        refuse(
            t(
                "照片 {file} 中有未成年人,需要监护人同意(given_by: guardian)",
                "photo {file} shows a minor: a guardian's consent is required (given_by: guardian)",
                file=photo.file,
            )
        )
    if consent.date > as_of:
        refuse(
            t(
                "照片 {file} 的同意日期 {date} 晚于发布日期",
                "consent for photo {file} is dated {date}, after publication",
                file=photo.file,
                date=consent.date,
            )
        )


def check_privacy(
    project: Project, selection: Selection, diagnostics: Diagnostics, session: Session
) -> None:
    config = selection.site.config
    allowed = _allowed_numbers(selection)
    names = selection.site.private_names
    scans = list(file_texts(project, selection))
    check_personal_data(scans, allowed, diagnostics)
    check_real_names(scans, names, diagnostics)
    by_path = {scan.path: scan for scan in scans}
    texts = {scan.path: scan.text for scan in scans}
    known = _known_names(selection)
    for story in selection.stories:
        check_pseudonyms(story, names, diagnostics)
        scan = by_path[story.source.path]
        # Cutting and tagging costs: each story's candidates are kept by its text.
        possible = session.computed(f"privacy.names.{story.slug}", candidates, text=scan.text)
        check_possible_names(story, possible, known, scan, diagnostics)
        check_sensitive_terms(
            story, config.privacy.sensitive_terms, diagnostics, texts[story.source.path]
        )
        for index, photo in enumerate(story.photos):
            check_consent(
                story.source, ("photos", index), photo, selection.options.as_of, diagnostics
            )
    # The logs' findings, log by log: kept while a log, and what it is checked against, are
    # the same (`serve` in memory, a build on disk: session.py).
    for records in selection.records_by_log:
        found = session.computed(
            per_log("privacy.activity-log", records),
            _check_logs,
            records,
            project=project,
            allowed=tuple(allowed),
            names=tuple(names),
            as_of=selection.options.as_of,
        )
        diagnostics.extend(found)


def _check_logs(
    records: list[PublicRecord],
    *,
    project: Project,
    allowed: tuple[str, ...],
    names: tuple[str, ...],
    as_of: dt.date,
) -> list[Diagnostic]:
    found = Diagnostics()
    scans = list(log_texts(project, records))
    check_personal_data(scans, list(allowed), found)
    check_real_names(scans, list(names), found)
    for public in records:
        for index, photo in enumerate(public.record.photos):
            path = ("activities", public.index, "photos", index)
            check_consent(public.log.source, path, photo, as_of, found)
    return found.items
