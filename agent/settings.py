"""The agent's settings: `AgentSettings` is the one table of them.

Each setting is declared once, below, with its default, bounds and help. From that declaration come the
default, its environment variable (``FATHOM_`` + the name in capitals), its `fathom serve` flag (``--`` + the
name with dashes), the flag's help and the table in docs/settings.md (`settings_markdown`, pinned by a test).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from agent import DEFAULT_PORT, MAX_PORT, MIN_PORT
from agent.paths import DataDirLayout

ENV_PREFIX = "FATHOM_"
_DESCRIBED = "fathom_setting"  # dataclass field metadata key holding a setting's help and bounds


@dataclass(frozen=True)
class _Described:
    help: str
    unit: str  # what the number counts, for the docs and the flag's help
    low: float
    high: float


def _setting(default: int | float, help: str, *, unit: str, low: float = 1, high: float = math.inf) -> Any:
    return field(default=default, metadata={_DESCRIBED: _Described(help, unit, low, high)})


@dataclass(frozen=True)
class AgentSettings:
    """The agent's settings. A new one is one field here, declared with `_setting`: the rest follows."""

    data_dir: Path  # resolved by agent.paths (--data-dir, FATHOM_DATA_DIR, the OS user data dir)
    port: int = _setting(
        DEFAULT_PORT,
        "TCP port on 127.0.0.1 (the extension pairs with these only).",
        unit="",
        low=MIN_PORT,
        high=MAX_PORT,
    )
    max_body_bytes: int = _setting(1024 * 1024, "Largest JSON request body; larger bodies get 413.", unit="bytes")
    max_import_bytes: int = _setting(512 * 1024 * 1024, "Largest import ZIP uploaded by the extension.", unit="bytes")
    pairing_seconds: float = _setting(120, "How long `fathom pair` keeps pairing open.", unit="seconds")
    pairing_tries: int = _setting(5, "Wrong pairing codes allowed before pairing closes.", unit="tries")
    auth_timeout_seconds: float = _setting(
        5.0, "A socket must authenticate within this time.", unit="seconds", low=0.01
    )
    session_ttl_seconds: float = _setting(12 * 3600, "Lifetime of a session token (memory only).", unit="seconds")
    auth_failures_limit: int = _setting(
        20, "Failed handshakes per minute as one client id before its failures close with 4429.", unit="failures"
    )
    max_subscriptions: int = _setting(500, "People one socket may follow.", unit="people")
    parses_running: int = _setting(2, "Profile pages parsed at once.", unit="pages")
    parse_queue_chars: int = _setting(
        64 * 1024 * 1024, "Page text that may wait for a parse; past it, 503 busy.", unit="characters"
    )

    @property
    def layout(self) -> DataDirLayout:
        return DataDirLayout(self.data_dir)


@dataclass(frozen=True)
class Setting:
    """One row of the table: read from an `AgentSettings` field."""

    name: str
    default: int | float
    kind: type  # int or float
    help: str
    unit: str
    low: float
    high: float

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def parse(self, text: str, source: str) -> int | float:
        """`text` from `source` (a flag or an environment variable) as this setting's value, or ValueError."""
        try:
            value = self.kind(text.strip())
        except ValueError:
            number = "a whole number" if self.kind is int else "a number"
            raise ValueError(f"{source}={text!r} is not {number}; use e.g. {self.default}.") from None
        if not (math.isfinite(value) and self.low <= value <= self.high):
            raise ValueError(f"{source}={text!r} is out of range; use {self.bounds()}.")
        return value

    def bounds(self) -> str:
        return f"{_number(self.low)} or more" if self.high == math.inf else f"{_number(self.low)}-{_number(self.high)}"


def _row(spec: Field[Any]) -> Setting:
    described: _Described = spec.metadata[_DESCRIBED]
    kind = spec.type if isinstance(spec.type, type) else {"int": int, "float": float}[str(spec.type)]
    default: int | float = spec.default  # type: ignore[assignment]  # every setting field has a default
    return Setting(spec.name, default, kind, described.help, described.unit, described.low, described.high)


SETTINGS: tuple[Setting, ...] = tuple(_row(spec) for spec in fields(AgentSettings) if _DESCRIBED in spec.metadata)
SETTING: Mapping[str, Setting] = MappingProxyType({setting.name: setting for setting in SETTINGS})


def setting_value(setting: Setting, flag_text: str | None, environ: Mapping[str, str] | None = None) -> int | float:
    """The flag if given, else the environment variable if set, else the default; ValueError when unreadable."""
    if flag_text is not None:
        return setting.parse(flag_text, setting.flag)
    env_text = (os.environ if environ is None else environ).get(setting.env)
    if env_text:
        return setting.parse(env_text, setting.env)
    return setting.default


def resolve_settings(
    data_dir: Path, flags: Mapping[str, str | None], environ: Mapping[str, str] | None = None
) -> AgentSettings:
    """Every setting from its flag (`flags` by setting name), environment variable or default."""
    values: dict[str, Any] = {
        setting.name: setting_value(setting, flags.get(setting.name), environ) for setting in SETTINGS
    }
    return AgentSettings(data_dir=data_dir, **values)


def resolve_port(flag_value: int | None) -> int:
    """--port, else FATHOM_PORT, else the default (47821): for commands that talk to an agent."""
    return flag_value if flag_value is not None else int(setting_value(SETTING["port"], None))


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"


def _amount(setting: Setting) -> str:
    return f"{_number(setting.default)} {setting.unit}".rstrip()


def flag_help(setting: Setting) -> str:
    """The help of the setting's flag: what it does, its default and its environment variable."""
    return f"{setting.help} Default: {_amount(setting)}; environment: {setting.env}."


def settings_markdown() -> str:
    """The settings table of docs/settings.md."""
    rows = [
        "| setting | flag of `fathom serve` | environment variable | default | allowed | what it does |",
        "|---|---|---|---:|---|---|",
    ]
    rows += [f"| `{s.name}` | `{s.flag}` | `{s.env}` | {_amount(s)} | {s.bounds()} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"
