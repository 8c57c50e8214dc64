"""Resource names and their ids (AIP-122), as every service and the planner read them.

Ids are 1 to 63 lower-case letters, digits and hyphens starting with a letter (RFC 1034
labels), so a name that one service accepts, every other accepts too.
"""

from __future__ import annotations

import re

#: A resource id: "ada-lovelace", "trip-2027".
RESOURCE_ID = r"[a-z][a-z0-9-]{0,62}"
#: A traveler's resource name, "travelers/{traveler_id}", matched whole (`fullmatch`).
TRAVELER_NAME = re.compile(rf"travelers/({RESOURCE_ID})")
#: A traveler's resource name inside running text, not the prefix of a longer word.
TRAVELER_NAME_IN_TEXT = re.compile(rf"(?<![\w/-])travelers/{RESOURCE_ID}(?![\w-])")
#: What a caller is told when a traveler name is malformed.
TRAVELER_NAME_RULE = "must be travelers/{traveler_id}, the id 1 to 63 lower-case letters, digits and hyphens starting with a letter"
