"""The client side of time-stamping: which RFC 3161 service signing asks, and whether it answers usefully.

:func:`timestamper_for` turns the ``signing.tsa_url`` setting into a pyHanko
:class:`~pyhanko.sign.timestamps.TimeStamper`: the in-process DEMO service of
:mod:`station.timestamps.service` for ``"local"``, an HTTP client otherwise.
:func:`probe_timestamper` asks it for one token before a set is signed, so a service that is down
or untrusted makes the set B-B with the reason instead of failing halfway.
"""

from __future__ import annotations

import os

from asn1crypto import cms
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper, TimestampRequestError
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko.sign.validation.status import TimestampSignatureStatus

from station.errors import TimestampUnavailable
from station.pki.demo import DemoPki
from station.pki.trust import Trust
from station.timestamps.service import from_demo_pki

TSA_TIMEOUT_S = 5
PROBE_DIGEST = "sha256"


def timestamper_for(tsa_url: str, pki: DemoPki | None) -> TimeStamper:
    """The configured RFC 3161 service: ``"local"`` is the in-process DEMO service, else an HTTP URL."""
    if tsa_url == "local":
        if pki is None:
            raise TimestampUnavailable("tsa-needs-demo-pki")
        return from_demo_pki(pki)
    return HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_S)


async def probe_timestamper(timestamper: TimeStamper, trust: Trust) -> cms.ContentInfo:
    """A fresh token for a random digest, checked against ``trust``; :class:`TimestampUnavailable` if none."""
    digest = os.urandom(32)
    try:
        token = await timestamper.async_timestamp(digest, PROBE_DIGEST)
        status = TimestampSignatureStatus(**await validate_tst_signed_data(
            token["content"], trust.validation_context(), expected_tst_imprint=lambda _alg: digest))
    except (TimeoutError, TimestampRequestError, OSError, ValueError) as exc:
        raise TimestampUnavailable("tsa-no-token", problem=str(exc or type(exc).__name__)) from exc
    if not (status.intact and status.valid):
        raise TimestampUnavailable("tsa-token-invalid")
    if not status.trusted:
        raise TimestampUnavailable("tsa-untrusted", roots=trust.label)
    return token
