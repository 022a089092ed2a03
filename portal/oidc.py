"""Sign-in with the company's OpenID Connect provider (authlib's Starlette client).

Set ``AUTOKPI_PORTAL_OIDC_ISSUER``, ``…_CLIENT_ID`` and ``…_CLIENT_SECRET`` and the sign-in
page offers the company account beside the password. The provider says who someone is; the
portal decides what they see: the claim ``AUTOKPI_PORTAL_OIDC_LOGIN_CLAIM`` must name an
employee of the directory (who then gets the directory's role, and loses access after
leaving like anyone), or a login invited with a portal role (finance, admin).
"""

from __future__ import annotations

from dataclasses import dataclass

from authlib.integrations.starlette_client import OAuth

from core import settings


@dataclass(frozen=True)
class OidcSettings:
    issuer: str
    client_id: str
    client_secret: str
    login_claim: str

    @classmethod
    def from_env(cls) -> OidcSettings | None:
        issuer = settings.get("AUTOKPI_PORTAL_OIDC_ISSUER")
        if not issuer:
            return None
        return cls(
            issuer.rstrip("/"),
            settings.get("AUTOKPI_PORTAL_OIDC_CLIENT_ID"),
            settings.get("AUTOKPI_PORTAL_OIDC_CLIENT_SECRET"),
            settings.get("AUTOKPI_PORTAL_OIDC_LOGIN_CLAIM"),
        )


def company_client(oidc: OidcSettings):
    """authlib's client for the provider, configured from its discovery document."""
    oauth = OAuth()
    oauth.register(
        name="company",
        server_metadata_url=f"{oidc.issuer}/.well-known/openid-configuration",
        client_id=oidc.client_id,
        client_secret=oidc.client_secret,
        client_kwargs={"scope": "openid profile email"},
    )
    return oauth.company
