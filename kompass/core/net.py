"""The network side of a request."""

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address. Minimal version: the direct peer (REMOTE_ADDR); behind a proxy the deployment
    settings decide which forwarded address to trust."""
    return str(request.META.get("REMOTE_ADDR", ""))
