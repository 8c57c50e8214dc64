"""Settings of the profile service.

`TRIPSMITH_PROFILE_DATABASE_URL` chooses the storage: empty means SQLite in
`<data dir>/profile.db` (the embedded stack); a `postgresql://` (or libpq's `postgres://`)
URL means PostgreSQL through psycopg 3 (replicas sharing one database). Anything else stops
the process at start with the variable named.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
from pydantic import Field, SecretStr, field_validator

from tripsmith.runtime.config import port_field
from tripsmith.suppliers.config import SupplierConfig

DATABASE_URL_VARIABLE = "TRIPSMITH_PROFILE_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class ProfileConfig(SupplierConfig):
    """Settings of the profile service, from `TRIPSMITH_*` variables."""

    port: int = port_field("profile")
    #: Where profiles are stored; see the module docstring. A secret because the URL may
    #: carry a password, which must not show up in a logged or printed config.
    database_url: SecretStr = Field(default=SecretStr(""), validation_alias=DATABASE_URL_VARIABLE)

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: SecretStr) -> SecretStr:
        url = value.get_secret_value()
        if not url:
            return value
        if not url.startswith(POSTGRES_SCHEMES):
            raise ValueError("must be empty (SQLite under the data dir) or a postgresql:// URL")
        try:
            psycopg.conninfo.conninfo_to_dict(url)
        except psycopg.ProgrammingError:
            raise ValueError("is not a valid PostgreSQL connection URL") from None
        return value

    @property
    def sqlite_path(self) -> Path:
        """The SQLite file used when no database URL is set."""
        return self.data_dir / "profile.db"
