"""Table contracts: `schemas/<table>.yaml` turned into pyarrow schemas.

The YAML files are the single source of truth for every table's columns; code, docs and tests all read
them through this module so that a column added there is added everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa
import yaml


def packaged_or_checkout(packaged: str, checkout: str) -> Path:
    """A folder of data the package carries: inside the installed package (`dateline/<packaged>`,
    copied there from the checkout's top level when the wheel is built), or, in a checkout, the
    top-level folder it comes from, which stays the one source of truth."""
    inside = Path(__file__).resolve().parent / packaged
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / checkout


SCHEMAS_DIR = packaged_or_checkout("contracts", "schemas")

_TIMESTAMP = re.compile(r"timestamp\[(s|ms|us|ns)(?:,\s*tz=([\w/+-]+))?\]")
_LIST = re.compile(r"list<(.+)>")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    description: str
    varies_by_run: bool = False  # depends on the run or the machine (paths, times), not on the article


@dataclass(frozen=True)
class TableContract:
    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, arrow_type(c.type), nullable=c.nullable) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def arrow_type(spec: str) -> pa.DataType:
    """Parse the small type language used in the YAML contracts (Arrow's own spelling)."""
    spec = spec.strip()
    if m := _TIMESTAMP.fullmatch(spec):
        return pa.timestamp(m.group(1), tz=m.group(2))
    if m := _LIST.fullmatch(spec):
        return pa.list_(arrow_type(m.group(1)))
    try:
        return pa.type_for_alias(spec)
    except ValueError as exc:
        raise ValueError(f"unknown Arrow type {spec!r} in a table contract") from exc


def table_names(schemas_dir: Path = SCHEMAS_DIR) -> list[str]:
    return sorted(p.stem for p in schemas_dir.glob("*.yaml"))


@cache
def load_contract(table: str, schemas_dir: Path = SCHEMAS_DIR) -> TableContract:
    path = schemas_dir / f"{table}.yaml"
    if not path.is_file():
        known = ", ".join(table_names(schemas_dir))
        raise KeyError(f"no table contract {path}; known tables: {known}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    columns = tuple(
        Column(
            name=c["name"],
            type=c["type"],
            nullable=bool(c.get("nullable", True)),
            description=c.get("description", ""),
            varies_by_run=bool(c.get("varies_by_run", False)),
        )
        for c in raw["columns"]
    )
    for c in columns:
        arrow_type(c.type)  # fail on load, not at first write
    return TableContract(name=raw["table"], description=raw.get("description", ""), columns=columns)


def arrow_schema(table: str) -> pa.Schema:
    return load_contract(table).arrow_schema
