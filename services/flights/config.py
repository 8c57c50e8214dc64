"""Settings of the flights service."""

from pydantic import Field

from tripsmith.runtime.config import port_field
from tripsmith.suppliers.config import SupplierConfig


class FlightsConfig(SupplierConfig):
    """Settings of the flights service, from `TRIPSMITH_*` variables."""

    port: int = port_field("flights")
    #: How long an offer's price is guaranteed for (it is re-priced on hold).
    offer_ttl_seconds: float = Field(default=1800.0, gt=0, validation_alias="TRIPSMITH_FLIGHTS_OFFER_TTL_SECONDS")
    #: How long a hold keeps its seats before it expires.
    hold_ttl_seconds: float = Field(default=900.0, gt=0, validation_alias="TRIPSMITH_FLIGHTS_HOLD_TTL_SECONDS")
