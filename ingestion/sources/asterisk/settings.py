"""Asterisk ``cdr_csv`` layouts: which columns a Master.csv line holds, by their count.

``cdr_csv.c`` writes the 16 standard fields, then ``uniqueid`` and ``userfield`` when
``loguniqueid``/``loguserfield`` are on, then ``peeraccount, linkedid, sequence`` when
``newcdrcolumns`` is on (Asterisk 12+).
"""

STANDARD_COLUMNS = [
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
]
NEW_CDR_COLUMNS = ["peeraccount", "linkedid", "sequence"]

LAYOUTS: dict[int, list[str]] = {
    16: STANDARD_COLUMNS,
    17: [*STANDARD_COLUMNS, "uniqueid"],
    18: [*STANDARD_COLUMNS, "uniqueid", "userfield"],
    19: [*STANDARD_COLUMNS, *NEW_CDR_COLUMNS],
    21: [*STANDARD_COLUMNS, "uniqueid", "userfield", *NEW_CDR_COLUMNS],
}

# cdr_custom's sample mapping (cdr_custom.conf.sample, /var/log/asterisk/cdr-custom/Master.csv):
# the same fields in another order, clid first and no peeraccount or linkedid, often with
# fields of the admin's own after them (callid, rtcpinfo…: read and not kept). Told from a
# cdr_csv line by its content: the start 9th and the disposition 14th.
CUSTOM_SAMPLE_COLUMNS = [
    "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "start",
    "answer", "end", "duration", "billsec", "disposition", "amaflags", "accountcode", "uniqueid",
    "userfield", "sequence",
]  # fmt: skip

# The raw table always has every column; a layout without one leaves it null.
RAW_COLUMNS = LAYOUTS[21]

# A CDR report or database export (FreePBX's CDR Reports page; the ``cdr`` table of
# ``asteriskcdrdb`` saved as CSV) names its columns in a header line, in an order of its
# own, with columns Master.csv lacks (did, recordingfile, cnum, cnam…: not loaded) and
# without ``answer`` and ``end``: the table keeps the start as ``calldate`` and how long
# the call lasted (``duration``) and was answered (``billsec``).
EXPORT_NAMES = {"calldate": "start"}  # the export's name -> the raw column
# what an export must hold for calls to be counted and attributed; the rest may be missing
EXPORT_REQUIRED = ["start", "src", "dst", "channel", "dstchannel", "duration", "billsec", "disposition"]

# a time and a count of seconds as cdr_csv writes them
TIMESTAMP_RE = r"^\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?\s*$"
INTEGER_RE = r"^\s*\d+\s*$"

DISPOSITIONS = ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]


# Arrow batches of about this many bytes of CSV (about 80 k rows): bounded memory.
BLOCK_SIZE = 16 << 20
# pyarrow hands over a batch per 4 MB read (about 14 k call records; larger reads of a
# file whose values hold line breaks are refused): the reader works on groups of batches
# of about this many rows, so that a client's number in several batches of a group is
# looked up once (pseudonymising a 3 M-row file: 10.2 -> 8.4 s) and every step per group
# runs a seventh as often. Memory stays bounded: a few groups are in flight at a time.
GROUP_ROWS = 100_000
