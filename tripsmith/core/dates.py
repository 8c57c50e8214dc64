"""Dates, instants and durations between their protobuf messages and Python values.

`google.type.Date` has no time zone: it is the local calendar day of wherever it is about.
Instants are `google.protobuf.Timestamp` (UTC) shown in the IANA zone of their place.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from google.protobuf import duration_pb2, timestamp_pb2
from google.type import date_pb2

from tripsmith.core.errors import InvalidArgument


def date_of(value: date_pb2.Date) -> dt.date | None:
    """The date a message holds, or None when it is unset (year 0); ValueError when it is
    not a calendar date."""
    return dt.date(value.year, value.month, value.day) if value.year else None


def to_date(value: date_pb2.Date, field: str) -> dt.date:
    """A complete google.type.Date as a date, or InvalidArgument naming the field."""
    if value.year == 0 and value.month == 0 and value.day == 0:
        raise InvalidArgument.of(field, "is required")
    try:
        return dt.date(value.year, value.month, value.day)
    except ValueError as error:
        raise InvalidArgument.of(field, f"is not a calendar date ({error})") from None


def date_message(day: dt.date) -> date_pb2.Date:
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


def iso_date(value: date_pb2.Date) -> str:
    """YYYY-MM-DD, which also sorts like the date (in SQL, for example)."""
    return f"{value.year:04}-{value.month:02}-{value.day:02}"


def timestamp(moment: dt.datetime | float) -> timestamp_pb2.Timestamp:
    """An aware datetime, or seconds since the epoch, as a Timestamp."""
    stamp = timestamp_pb2.Timestamp()
    if isinstance(moment, dt.datetime):
        stamp.FromDatetime(moment.astimezone(dt.timezone.utc))
    else:
        stamp.FromNanoseconds(int(moment * 1e9))
    return stamp


def duration(delta: dt.timedelta) -> duration_pb2.Duration:
    value = duration_pb2.Duration()
    value.FromTimedelta(delta)
    return value


def local_time(stamp: timestamp_pb2.Timestamp, zone: str) -> dt.datetime:
    """The instant as the clock shows it in the IANA zone (UTC when no zone is known)."""
    return stamp.ToDatetime(dt.timezone.utc).astimezone(ZoneInfo(zone or "UTC"))
