"""What processing one photo produced: its derivatives, as small JSON-ready values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

Format = Literal["webp", "jpeg"]
FORMATS: tuple[Format, ...] = ("webp", "jpeg")


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: Format
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "format": self.format,
            "name": self.name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Variant:
        fmt = data["format"]
        if fmt not in FORMATS:
            raise ValueError(f"unknown variant format {fmt!r}")
        return cls(int(data["width"]), int(data["height"]), cast(Format, fmt), str(data["name"]))


@dataclass(frozen=True)
class ProcessedPhoto:
    key: str
    width: int
    height: int
    placeholder: str
    variants: tuple[Variant, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "width": self.width,
            "height": self.height,
            "placeholder": self.placeholder,
            "variants": [v.to_dict() for v in self.variants],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProcessedPhoto:
        return cls(
            key=str(data["key"]),
            width=int(data["width"]),
            height=int(data["height"]),
            placeholder=str(data["placeholder"]),
            variants=tuple(Variant.from_dict(v) for v in data["variants"]),
        )
