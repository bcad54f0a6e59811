"""Check a published image for metadata that must not leave the build (GPS above all).

Container structures are read directly (JPEG segments, PNG chunks, WebP RIFF chunks) rather
than through Pillow's `info`, which skips what it does not understand: the check after a build
is only worth having if it also sees what the decoder ignores.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from PIL import ExifTags, Image, UnidentifiedImageError

from site_builder.i18n import t

_GPS_IFD = 0x8825
_XMP_PREFIXES = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_TEXT_CHUNKS = {b"tEXt", b"zTXt", b"iTXt"}
_PNG_XMP_KEYWORD = b"XML:com.adobe.xmp"
# Chunks that carry only pixels, or how to draw them.
_WEBP_IMAGE_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}
_PILLOW_INFO_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop")


def find_metadata(path: Path) -> list[str]:
    """Every kind of metadata in the image at `path`, as messages for people; [] when clean."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError:
        return [t("{file}：无法读取，未能检查元数据", "{file}: unreadable, not checked", file=name)]
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data, name)
    if data.startswith(_PNG_SIGNATURE):
        return _png(data, name)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data, name)
    return _other(data, name)


def _jpeg(data: bytes, name: str) -> list[str]:
    found: list[str] = []
    i = 2
    while i + 2 <= len(data):
        if data[i] != 0xFF:
            return [*found, _malformed(name)]
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker == 0xD9:  # end of image
            if data[i + 2 :].strip(b"\x00"):
                found.append(_trailing(name, len(data) - i - 2))
            return found
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            i += 2
            continue
        if i + 4 > len(data):
            break
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        payload = data[i + 4 : i + 2 + length]
        found.extend(_jpeg_segment(marker, payload, name))
        i += 2 + length
        if marker == 0xDA:
            i = _skip_entropy_coded(data, i)
    return [*found, _malformed(name)]


def _skip_entropy_coded(data: bytes, i: int) -> int:
    """The position of the next marker after scan data (where 0xFF is followed by 0 or RSTn)."""
    while (i := data.find(b"\xff", i)) != -1 and i + 1 < len(data):
        following = data[i + 1]
        if following != 0 and not 0xD0 <= following <= 0xD7:
            return i
        i += 2
    return len(data)


def _jpeg_segment(marker: int, payload: bytes, name: str) -> list[str]:
    if marker == 0xFE:
        return [t("{file}：含 JPEG 注释（COM）", "{file}: has a JPEG comment (COM)", file=name)]
    if not 0xE0 <= marker <= 0xEF:
        return []
    app = marker - 0xE0
    if app == 0 and payload.startswith(b"JFIF\x00"):
        if payload[12:14] != b"\x00\x00":
            return [t("{file}：JFIF 中含缩略图", "{file}: has a JFIF thumbnail", file=name)]
        return []
    if app == 1 and payload.startswith(b"Exif\x00\x00"):
        return _exif(payload, name)
    if app == 1 and payload.startswith(_XMP_PREFIXES):
        return [_xmp(name)]
    if app == 2 and payload.startswith(b"ICC_PROFILE\x00"):
        return [_icc(name)]
    if app == 13 and payload.startswith(b"Photoshop 3.0\x00"):
        return [t("{file}：含 IPTC/Photoshop 信息", "{file}: has IPTC/Photoshop data", file=name)]
    if app == 14 and payload.startswith(b"Adobe"):
        return []  # colour transform flag only
    return [
        t(
            "{file}：含未识别的 APP{n} 段（{size} 字节）",
            "{file}: has an unrecognised APP{n} segment ({size} bytes)",
            file=name,
            n=app,
            size=len(payload),
        )
    ]


def _exif(payload: bytes, name: str) -> list[str]:
    exif = Image.Exif()
    # Unparsable EXIF is still reported below: its presence is the finding.
    with contextlib.suppress(OSError, ValueError, SyntaxError):
        exif.load(payload)
    return _describe_exif(exif, name)


def _describe_exif(exif: Image.Exif, name: str) -> list[str]:
    try:
        gps = _GPS_IFD in exif or bool(exif.get_ifd(_GPS_IFD))
    except (OSError, ValueError, SyntaxError):
        gps = True  # an unreadable GPS pointer still points at a position
    tags = [ExifTags.TAGS.get(tag, hex(tag)) for tag in exif]
    found = [t("{file}：含 GPS 位置信息", "{file}: has a GPS position", file=name)] if gps else []
    found.append(
        t(
            "{file}：含 EXIF 元数据（{tags}）",
            "{file}: has EXIF metadata ({tags})",
            file=name,
            tags=t("、", ", ").join(tags) or "?",
        )
    )
    return found


def _png(data: bytes, name: str) -> list[str]:
    found: list[str] = []
    i = len(_PNG_SIGNATURE)
    while i + 8 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        body = data[i + 8 : i + 8 + length]
        i += 12 + length  # length, type, data, CRC
        if kind == b"eXIf":
            found.extend(_exif(b"Exif\x00\x00" + body, name))
        elif kind == b"iCCP":
            found.append(_icc(name))
        elif kind in _PNG_TEXT_CHUNKS:
            keyword = body.split(b"\x00", 1)[0]
            if keyword == _PNG_XMP_KEYWORD:
                found.append(_xmp(name))
            else:
                found.append(
                    t(
                        "{file}：含 PNG 文本块 {kw}",
                        "{file}: has a PNG text chunk {kw}",
                        file=name,
                        kw=keyword.decode("latin-1"),
                    )
                )
        elif kind == b"IEND":
            if data[i:].strip(b"\x00"):
                found.append(_trailing(name, len(data) - i))
            return found
    return [*found, _malformed(name)]


def _webp(data: bytes, name: str) -> list[str]:
    found: list[str] = []
    end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    i = 12
    while i + 8 <= end:
        kind = data[i : i + 4]
        size = int.from_bytes(data[i + 4 : i + 8], "little")
        if kind == b"EXIF":
            body = data[i + 8 : i + 8 + size]
            found.extend(_exif(body if body.startswith(b"Exif") else b"Exif\x00\x00" + body, name))
        elif kind == b"XMP ":
            found.append(_xmp(name))
        elif kind == b"ICCP":
            found.append(_icc(name))
        elif kind not in _WEBP_IMAGE_CHUNKS:
            found.append(
                t(
                    "{file}：含未识别的 WebP 块 {kind!r}",
                    "{file}: has an unrecognised WebP chunk {kind!r}",
                    file=name,
                    kind=kind.decode("latin-1"),
                )
            )
        i += 8 + size + (size & 1)  # chunks are padded to an even size
    if i != end:
        found.append(_malformed(name))
    if data[end:].strip(b"\x00"):
        found.append(_trailing(name, len(data) - end))
    return found


def _other(data: bytes, name: str) -> list[str]:
    try:
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            keys = [key for key in _PILLOW_INFO_KEYS if im.info.get(key)]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return [
            t(
                "{file}：不是可识别的图片，未能检查元数据",
                "{file}: not a recognised image, metadata not checked",
                file=name,
            )
        ]
    found = _describe_exif(exif, name) if exif else []
    found += [
        t("{file}：含元数据 {key}", "{file}: has metadata {key}", file=name, key=key)
        for key in keys
        if key != "exif"
    ]
    return found


def _xmp(name: str) -> str:
    return t("{file}：含 XMP 元数据", "{file}: has XMP metadata", file=name)


def _icc(name: str) -> str:
    return t("{file}：含 ICC 色彩配置文件", "{file}: has an ICC colour profile", file=name)


def _trailing(name: str, size: int) -> str:
    return t(
        "{file}：图像结束后还有 {size} 字节数据",
        "{file}: has {size} bytes of data after the end of the image",
        file=name,
        size=size,
    )


def _malformed(name: str) -> str:
    return t(
        "{file}：文件结构异常，未能完整检查元数据",
        "{file}: malformed file structure, metadata not fully checked",
        file=name,
    )
