"""Photos in the editor: what an upload must be, and small previews for the media library.

An upload is kept only when the build would accept it: a photo format the images layer
allows (`ALLOWED_FORMATS`, HEIC included once that layer opens it), decoded the way `check`
decodes it, no larger than `MAX_PHOTO_BYTES`. The media library of a story folder shows
previews of at most `THUMB_PIXELS` a side, made once per file version and kept under
`.cache/editor/thumbs/`, so a folder of 300 phone photos opens in seconds, not 1 GB.
"""

from __future__ import annotations

import base64
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps

from site_builder.editor.history import write_atomic
from site_builder.i18n import t
from site_builder.images.derive import ALLOWED_FORMATS, check_photo
from site_builder.images.errors import ImageError
from site_builder.images.recipe import Recipe
from site_builder.project import Project

MAX_PHOTO_BYTES = 30 * 1024 * 1024
THUMB_PIXELS = 360


class UploadRefused(Exception):
    """An upload the build would not accept; the message says why, in plain words, and
    `status` is the HTTP answer (413: too large, 415: not a photo the build uses)."""

    def __init__(self, message: str, status: int = 415):
        super().__init__(message)
        self.status = status


def photo_extensions() -> frozenset[str]:
    """File extensions (`.jpg`...) of the formats the build accepts, as Pillow registers them."""
    return frozenset(
        ext.lower() for ext, fmt in Image.registered_extensions().items() if fmt in ALLOWED_FORMATS
    )


def is_photo(path: Path) -> bool:
    return path.suffix.lower() in photo_extensions()


def decode_upload(content: object, encoding: object) -> bytes:
    """The bytes Decap sends (base64), refused when they are not base64."""
    if encoding != "base64" or not isinstance(content, str):
        raise UploadRefused(t("上传的文件格式不对", "the upload is not encoded as expected"), 400)
    try:
        return base64.b64decode(content, validate=True)
    except ValueError:
        raise UploadRefused(
            t("上传的文件不完整,请重新上传", "the upload is incomplete"), 400
        ) from None


def check_upload(name: str, data: bytes) -> None:
    """Refuse what the build would refuse: size, extension, format, a damaged file."""
    if len(data) > MAX_PHOTO_BYTES:
        raise UploadRefused(
            t(
                "照片 {name} 太大({mb:.0f} MB),每张不能超过 {limit} MB:请用手机或电脑把它缩小后再上传",
                "photo {name} is too large ({mb:.0f} MB); the limit is {limit} MB",
                name=name,
                mb=len(data) / 1024 / 1024,
                limit=MAX_PHOTO_BYTES // 1024 // 1024,
            ),
            413,
        )
    if Path(name).suffix.lower() not in photo_extensions():
        allowed = "、".join(sorted(e.lstrip(".") for e in photo_extensions()))
        raise UploadRefused(
            t(
                "{name} 不是网站能用的照片:只能上传这些格式:{allowed}",
                "{name} is not a photo the site can use; allowed: {allowed}",
                name=name,
                allowed=allowed,
            )
        )
    try:
        check_photo(data, Recipe(), name)
    except ImageError as exc:
        raise UploadRefused(str(exc)) from None


def _thumb_path(project: Project, real: Path) -> Path:
    stat = real.stat()
    key = hashlib.sha256(f"{real}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()
    return project.cache_dir / "editor" / "thumbs" / f"{key[:32]}.jpg"


def thumbnail(project: Project, real: Path) -> bytes:
    """A small JPEG of the photo `real`, turned as it will be shown; made once per version.
    A photo that cannot be read gives its own bytes (the editor shows what it can)."""
    kept = _thumb_path(project, real)
    try:
        return kept.read_bytes()
    except FileNotFoundError:
        pass
    try:
        with Image.open(real) as image:
            image.draft("RGB", (THUMB_PIXELS, THUMB_PIXELS))
            small = ImageOps.exif_transpose(image).convert("RGB")
            small.thumbnail((THUMB_PIXELS, THUMB_PIXELS))
            buffer = io.BytesIO()
            small.save(buffer, "JPEG", quality=75)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return real.read_bytes()
    data = buffer.getvalue()
    write_atomic(kept, data)
    return data


def make_thumbnails(project: Project) -> int:
    """Make the previews of every photo under `content/` not previewed yet (started with the
    editor, so a folder of 300 photos opens at once); how many were made."""
    made = 0
    for path in sorted(project.content_dir.rglob("*")):
        if is_photo(path) and path.is_file() and not _thumb_path(project, path).exists():
            thumbnail(project, path)
            made += 1
    return made
