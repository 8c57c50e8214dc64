"""Settings of the ground transport service."""

from pydantic import Field

from tripsmith.runtime.config import port_field
from tripsmith.suppliers.config import SupplierConfig


class GroundConfig(SupplierConfig):
    """Settings of the ground transport service, from `TRIPSMITH_*` variables."""

    port: int = port_field("ground")
    #: How long an offer's price is guaranteed for (it is re-priced on hold).
    offer_ttl_seconds: float = Field(default=1800.0, gt=0, validation_alias="TRIPSMITH_GROUND_OFFER_TTL_SECONDS")
    #: How long a hold keeps its seats or vehicles before it expires.
    hold_ttl_seconds: float = Field(default=900.0, gt=0, validation_alias="TRIPSMITH_GROUND_HOLD_TTL_SECONDS")
