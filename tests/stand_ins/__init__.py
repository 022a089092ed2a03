"""Local stand-ins for the vendor APIs: real HTTP servers on 127.0.0.1 that answer in each
API's documented shape, with its paging, limits and auth, and with faults a test can
inject (429 with Retry-After, 503, a slow page, malformed JSON)."""
