"""Log in and out, password reset (Django's views, Swedish templates), invitations by link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kompass.accounts.forms import InvitationForm, SetPasswordForm
from kompass.accounts.services import InvitationError, invite_user, user_from_invitation
from kompass.evaluations.permissions import is_administrator


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    if not is_administrator(request.user):
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
