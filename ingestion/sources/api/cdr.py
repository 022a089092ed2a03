"""A call record from an API, written as the Asterisk CDR leg the file form would have.

One API record (a hop of a call, for Zadarma; a call, for Bitrix24) becomes one row of
``raw_pbx.asterisk_cdr``: the employee's extension in the channel on their side, the
client's number on the other, the call's grouping id as ``linkedid``. APIs report no
ring time for answered calls, so ``duration`` = ``billsec`` there. Rows are keyed by
``_source_file`` = ``<api>:<record id>`` and ``_source_line`` = 1, so loading a record
again (the look-back window) replaces it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from core import phones
from ingestion.sources.api.settings import pbx_local_text, pbx_zone
from ingestion.sources.asterisk.settings import DISPOSITIONS


def cdr_row(
    api: str,
    record_id: str,
    linked_id: str,
    inbound: bool,
    extension: str,
    client_number: str,
    started: datetime,
    seconds: int,
    disposition: str,
    dialled: str = "",
) -> dict:
    """``dialled``: the number an inbound call was made to (a ring group, a scenario), when
    the API says; otherwise the extension that took it. Numbers are pseudonymised as the
    file form's are (core/phones.py)."""
    assert disposition in DISPOSITIONS, disposition
    client_number = phones.pseudonymise(client_number)
    dialled = phones.pseudonymise(dialled)
    extension = phones.pseudonymise(extension)
    answered = disposition == "ANSWERED"
    ours = f"SIP/{extension}-{record_id}" if extension else ""
    trunk = f"SIP/trunk-{api}-{record_id}"
    start = pbx_local_text(started)
    return {
        "accountcode": "",
        "src": client_number if inbound else extension,
        "dst": (dialled or extension) if inbound else client_number,
        "dcontext": "from-trunk" if inbound else "from-internal",
        "clid": f'"" <{client_number if inbound else extension}>',
        "channel": trunk if inbound else ours,
        "dstchannel": ours if inbound else trunk,
        "lastapp": "Dial",
        "lastdata": "",
        "start": start,
        "answer": start if answered else "",
        "end": pbx_local_text(started + timedelta(seconds=seconds)),
        "duration": str(seconds),
        "billsec": str(seconds if answered else 0),
        "disposition": disposition,
        "amaflags": "DOCUMENTATION",
        "uniqueid": record_id,
        "userfield": "",
        "peeraccount": "",
        "linkedid": linked_id or record_id,
        "sequence": "",
        # the zone its times are written in: a later change of the setting leaves them right
        "time_zone": pbx_zone().key,
        "_source_file": f"{api}:{record_id}",
        "_source_line": 1,
    }
