"""dlt's paginators, bounded: a listing stops with a sentence where the API names a page
it named before, where dlt's would ask for that page again for ever."""

from __future__ import annotations

import requests
from dlt.sources.helpers.rest_client.paginators import JSONLinkPaginator, JSONResponseCursorPaginator

from ingestion.sources.api.http import MalformedResponse, redact


class _StopsOnAPageNamedAgain:
    """A paginator that stops, with a sentence, where the API names as the next page one it
    has named before in the same listing: dlt's asks for it again for ever (a portal's bug,
    a proxy's cache). Each listing starts afresh (``init_request``): a child resource's
    pages start at the same cursors for every parent."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages_named: set = set()

    def init_request(self, request) -> None:
        self._pages_named.clear()
        super().init_request(request)

    def update_state(self, response: requests.Response, data=None) -> None:
        super().update_state(response, data)
        page = self._next_reference
        if page is None:
            return
        if page in self._pages_named:
            where = redact(response.url, [])
            raise MalformedResponse(
                f"{where}: the API names page {page} as the next page again, which would be read "
                "for ever; nothing from this run was loaded (the next run tries again)"
            )
        self._pages_named.add(page)


class CursorPages(_StopsOnAPageNamedAgain, JSONResponseCursorPaginator):
    """dlt's cursor paginator (a cursor in the body, sent back as a parameter), bounded."""


class LinkPages(_StopsOnAPageNamedAgain, JSONLinkPaginator):
    """dlt's next-link paginator (the next page's URL in the body), bounded."""
