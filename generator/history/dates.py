"""Commit dates as the site shows them: in UTC, and always a date a reader's software accepts.

A commit's date is whatever its author's clock (or `GIT_COMMITTER_DATE`) said: git takes year
99999 and an offset of -99:59, which no Atom reader or `<time>` accepts, and dates in many
zones do not sort as text. Dates are written in one zone, UTC; one no date can name (a year
past 9999) is taken from the commit before it. No date comes from the build's clock: the pages
stay the same from build to build. Which change is newer is told by the walk, not by dates
(see `History.changes`): a commit dated 2103 is not for that the newest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .gitlog import Commit

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# `%cI`, git's strict ISO 8601: any number of year digits, an offset of up to ±99:59.
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):(\d\d)")


def utc(iso: str) -> dt.datetime | None:
    """The moment `iso` names, in UTC; None when it is no moment a date can show (a year past 9999)."""
    found = _ISO.fullmatch(iso)
    if found is None:
        return None
    year, month, day, hour, minute, second, sign, zone_h, zone_m = found.groups()
    offset = dt.timedelta(hours=int(zone_h), minutes=int(zone_m)) * (1 if sign == "+" else -1)
    try:
        local = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=dt.UTC)
        return local - offset
    except (ValueError, OverflowError):
        return None


def in_utc(commits: list[Commit]) -> list[Commit]:
    """The commits (oldest first), each dated in UTC."""
    found, last = [], EPOCH
    for commit in commits:
        last = utc(commit.date) or last
        date = last.isoformat()
        found.append(commit if commit.date == date else replace(commit, date=date))
    return found
