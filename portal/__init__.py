"""The portal (``autokpi serve``): each person signs in and sees their own pay, read from
the published snapshot of the marts; heads see their department, finance everything."""

import warnings

from authlib.deprecate import AuthlibDeprecationWarning

# authlib 1.9 warns on import that it falls back to httpx where its httpx2 is not installed:
# every `autokpi serve` printed it, and nobody starting the portal can act on it. authlib's
# own filter shows its warnings always; this one, added after, is asked first.
warnings.filterwarnings(
    "ignore", message="The httpx module is deprecated", category=AuthlibDeprecationWarning
)
