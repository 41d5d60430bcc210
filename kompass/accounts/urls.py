from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from kompass.accounts import views
from kompass.accounts.forms import LoginForm, PasswordResetForm, SetPasswordForm

app_name = "accounts"
urlpatterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "glomt-losenord/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=PasswordResetForm,
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "glomt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "nytt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            form_class=SetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "nytt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("tvafaktor/", views.second_factor, name="second_factor"),
    path("tvafaktor/reservkoder/", views.recovery_codes, name="recovery_codes"),
    path("inbjudan/", views.invite, name="invite"),
    path("inbjudan/<uidb64>/<token>/", views.accept_invitation, name="accept_invitation"),
]
