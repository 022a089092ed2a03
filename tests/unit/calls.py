"""A hand-written call for the call-quality tests: ("a" | "c", text) pairs → segments
five seconds apart, as the scorer reads them."""


def call(*turns):
    speakers = {"a": "agent", "c": "client"}
    return [{"speaker": speakers[s], "start": 5.0 * i, "text": t} for i, (s, t) in enumerate(turns)]
