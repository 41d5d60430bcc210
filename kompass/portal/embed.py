"""The embeddable chart: a municipality's latest published profile against its version's average, as a
standalone SVG or PNG that municipalities put on their own websites with an <img> tag."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kompass.comparison import profiles
from kompass.municipalities.models import Municipality
from kompass.portal.views import profile_radar

PNG_PPI = 144
MAX_AGE = 60 * 60


def embed_svg_bytes(code: str) -> bytes:
    """The SVG for the municipality `code`: only published evaluations, whoever asks (an embed is public)."""
    municipality = get_object_or_404(Municipality, code=code)
    evaluation = profiles.latest_published(municipality)
    if evaluation is None:
        raise Http404(_("Kommunen har ingen publicerad utvärdering."))
    svg = profile_radar(profiles.evaluation_profile(evaluation), chart_id=f"kompass-{code}")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + svg).encode()


def svg_to_png(svg: bytes) -> bytes:
    """Render SVG to PNG with typst (already a dependency for the report PDF; a wheel with no system
    libraries, unlike cairosvg which needs libcairo)."""
    import typst

    source = b'#set page(width: auto, height: auto, margin: 0pt)\n#image(bytes(sys.inputs.svg), format: "svg")\n'
    return typst.compile(source, format="png", ppi=PNG_PPI, sys_inputs={"svg": svg.decode()})


def _embeddable(response: HttpResponse) -> HttpResponse:
    # An <img> on another site: allow cross-origin reads and embedding; nothing here is private.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@require_GET
@cache_control(public=True, max_age=MAX_AGE)
def chart_svg(request: HttpRequest, code: str) -> HttpResponse:
    return _embeddable(HttpResponse(embed_svg_bytes(code), content_type="image/svg+xml; charset=utf-8"))


@require_GET
@cache_control(public=True, max_age=MAX_AGE)
def chart_png(request: HttpRequest, code: str) -> HttpResponse:
    return _embeddable(HttpResponse(svg_to_png(embed_svg_bytes(code)), content_type="image/png"))
