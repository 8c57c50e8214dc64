"""Settings every supplier service shares."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from tripsmith.runtime.config import ServiceConfig
from tripsmith.suppliers.data.schema import default_data_path


class SupplierConfig(ServiceConfig):
    """Settings of a supplier service: it accepts only authenticated internal callers."""

    #: The shared internal credential (at least 16 characters). `tripsmith up` generates
    #: one under the data dir when unset; production uses mutual TLS as well.
    internal_token: SecretStr = Field(min_length=16)
    #: The supplier data file (`tripsmith data build` writes it).
    supplier_data: Path = Field(default_factory=default_data_path)
