"""A project profile: what a corpus is about and how to show it, instead of constants in code.

A profile is a small TOML file (``carlib/profiles/car.toml`` is the default): the report title,
the focus countries (used when an article's own text points nowhere, and to frame empty maps),
the lexicon language, the country outlines and the gazetteer supplements. A corpus on Mali is
a profile, not an edit:

>>> mali = Profile(name="mali", title="Mali research reports", focus_countries=("ML",))
>>> mali.focus_countries
('ML',)

``profile()`` is the current one (``$CARLIB_PROFILE``, a name or a path, else ``car``);
``use_profile(...)`` switches it for the session.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import ProfileError
from .locations import package_path

__all__ = ["Profile", "profile", "use_profile", "PACKAGE_DIR", "PROFILE_DIR"]

PACKAGE_DIR = package_path()
PROFILE_DIR = PACKAGE_DIR / "profiles"
DEFAULT = "car"


@dataclass(frozen=True)
class Profile:
    """What a corpus is about and how its reports are titled and drawn."""

    name: str = DEFAULT
    title: str = "Research reports"
    focus_countries: tuple[str, ...] = ()
    language: str = "en"
    outlines: Path = PACKAGE_DIR / "data" / "geo" / "countries.geojson"
    supplements: tuple[Path, ...] = field(
        default=(PACKAGE_DIR / "data" / "gazetteer" / "supplement.csv",))

    @classmethod
    def load(cls, name_or_path: str | Path) -> "Profile":
        """A shipped profile by name (``"car"``) or a TOML file by path.

        >>> Profile.load("car").focus_countries
        ('CF',)
        """
        path = Path(name_or_path)
        if path.suffix != ".toml":
            path = PROFILE_DIR / f"{name_or_path}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ProfileError(f"{path}: no such profile") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ProfileError(f"{path}: not a readable TOML file ({err})") from None
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ProfileError(f"{path}: unknown key(s) {unknown}; a profile has {sorted(known)}")

        def where(value: str) -> Path:
            return (PACKAGE_DIR / value).resolve() if not Path(value).is_absolute() \
                else Path(value)

        try:
            return cls(name=str(data.get("name", path.stem)), title=str(data.get("title",
                                                                                  cls.title)),
                       focus_countries=tuple(str(c).upper() for c in
                                             data.get("focus_countries", ())),
                       language=str(data.get("language", "en")),
                       outlines=where(data["outlines"]) if "outlines" in data else cls.outlines,
                       supplements=tuple(where(s) for s in data["supplements"])
                       if "supplements" in data else cls.supplements)
        except (TypeError, AttributeError) as err:
            raise ProfileError(f"{path}: a value has the wrong type ({err})") from None


_CURRENT: list[Profile] = []


@lru_cache(maxsize=8)
def _load(name_or_path: str) -> Profile:
    return Profile.load(name_or_path)


def profile() -> Profile:
    """The current profile: the one given to :func:`use_profile`, else ``$CARLIB_PROFILE``,
    else ``car``."""
    if _CURRENT:
        return _CURRENT[-1]
    return _load(os.environ.get("CARLIB_PROFILE") or DEFAULT)


def use_profile(chosen: Profile | str | Path) -> Profile:
    """Make ``chosen`` (a Profile, a shipped profile's name or a TOML path) the current one.

    >>> use_profile("car").name
    'car'
    """
    chosen = chosen if isinstance(chosen, Profile) else _load(str(chosen))
    _CURRENT[:] = [chosen]
    return chosen
