"""``crisisdesk serve``: the workspace on a local port (uvicorn, one process)."""

from __future__ import annotations

import os
import secrets

from crisisdesk.web.app import MAX_UPLOAD_BYTES, create_app, is_loopback

TOKEN_ENV = "CRISISDESK_TOKEN"


def serve(
    db_url: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, max_upload_bytes: int = MAX_UPLOAD_BYTES, say=print
) -> None:
    """Serve the workspace until interrupted. Off loopback, writes need a token: the one given
    (or $CRISISDESK_TOKEN), else one made now and printed once."""
    import uvicorn

    token = token or os.environ.get(TOKEN_ENV) or None
    loopback = is_loopback(host)
    if not loopback and token is None:
        token = secrets.token_urlsafe(24)
        say(f"writes from other machines need this token (header X-Crisisdesk-Token, or the /token page): {token}")
    app = create_app(db_url, token=token, max_upload_bytes=max_upload_bytes, loopback_only=loopback)
    shown = f"[{host}]" if ":" in host else host
    say(f"crisisdesk workspace on http://{shown}:{port}/ (store: {db_url}); Ctrl+C stops it")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
