"""What the data build writes and the catalog reads agree on: the file's schema version,
where the file is, and how place names are compared. Kept apart from the builder so that
readers never load the packages the build reads."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

#: Bumped when the tables change; the file name carries it, so versions never mix.
SCHEMA_VERSION = 2
DATA_VARIABLE = "TRIPSMITH_SUPPLIER_DATA"


def default_data_path() -> Path:
    """TRIPSMITH_SUPPLIER_DATA, else the versioned file in the user's cache directory."""
    configured = os.environ.get(DATA_VARIABLE)
    if configured:
        return Path(configured)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "tripsmith" / f"supplier-data-v{SCHEMA_VERSION}.sqlite"


def name_key(name: str) -> str:
    """How place names are compared: accents, case and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in letters.casefold()).split())
