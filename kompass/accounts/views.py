"""Log in and out, password reset (Django's views, Swedish templates), invitations by link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kompass.accounts import twofactor
from kompass.accounts.forms import InvitationForm, SecondFactorForm, SetPasswordForm
from kompass.accounts.permissions import has_perm
from kompass.accounts.services import InvitationError, invite_user, user_from_invitation


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "accounts.invite_user"):
        raise Http404
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invite_user(
                **form.cleaned_data,
                accept_url=lambda uid, token: request.build_absolute_uri(
                    reverse("accounts:accept_invitation", args=[uid, token])
                ),
                by=request.user,
            )
        except InvitationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("En inbjudan har skickats till %(email)s.") % {"email": user.email})
            return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form})


def accept_invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = user_from_invitation(uidb64, token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Välkommen! Ditt lösenord är sparat och du är inloggad."))
        return redirect("evaluations:mine")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invited": user})


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("evaluations:mine")


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app (QR code, secret as text, first code; then recovery codes shown once),
    or, with an app already enrolled, confirm a code from it or a recovery code."""
    user = request.user
    next_url = _next_url(request)
    if getattr(user, "is_verified", lambda: False)():
        return redirect(next_url)
    form = SecondFactorForm(request.POST or None)
    if twofactor.has_device(user):
        if request.method == "POST" and form.is_valid():
            if twofactor.verify(request, token=form.cleaned_data["code"]):
                return redirect(next_url)
            form.add_error("code", _("Koden stämmer inte. Skriv den kod appen visar nu, eller en reservkod."))
        return render(request, "accounts/second_factor_verify.html", {"form": form, "next": next_url})
    device = twofactor.pending_device(user)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(request, device, token=form.cleaned_data["code"])
        if codes is not None:
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", _("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen."))
    context = {
        "form": form,
        "next": next_url,
        "qr": mark_safe(twofactor.qr_svg(device)),
        "secret": twofactor.secret_text(device),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), for someone signed in with the second factor."""
    if not has_perm(request.user, "accounts.renew_recovery_codes"):
        raise Http404
    if request.method == "POST":
        codes = twofactor.new_recovery_codes(request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("evaluations:mine")})
    left = twofactor.recovery_codes_left(request.user)
    return render(request, "accounts/recovery_codes_new.html", {"left": left})
