"""Who is an administrator, and what only administrators may do (docs/permissions.md).

"Administrator" is defined here and nowhere else: a superuser or a person with the role Administratör.
Every other rule of kompass builds on this predicate (django-rules, see docs/architecture.md "Access")."""

from __future__ import annotations

from typing import Any

import rules

from kompass.accounts.enums import Role


@rules.predicate
def is_administrator(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR))


@rules.predicate
def is_contact(user: Any) -> bool:
    """A municipality contact (of any municipality)."""
    return bool(user is not None and user.is_authenticated and user.role == Role.CONTACT)


@rules.predicate
def signed_in_with_second_factor(user: Any) -> bool:
    """Signed in with a confirmed app device in this session (django-otp marks the request's user)."""
    from kompass.accounts.twofactor import has_device  # django-otp's models load after the apps

    verified = getattr(user, "is_verified", None)
    return bool(user is not None and user.is_authenticated and callable(verified) and verified() and has_device(user))


def has_perm(user: Any, perm: str, obj: Any = None) -> bool:
    """Whether `user` holds the kompass permission `perm` (on `obj`), as the rules declare it.

    `User.has_perm` asks the same rules (accounts.models); this helper also takes None for "nobody", and
    a name no rule declares is an error here rather than a silent "no"."""
    if not rules.perm_exists(perm):
        raise KeyError(f"No rule declares the permission {perm!r} (see docs/permissions.md).")
    return bool(user is not None and rules.has_perm(perm, user, obj))


# --- The permission table (no object: these are about the person, not about one evaluation) ---

rules.add_perm("accounts.invite_user", is_administrator)
rules.add_perm("accounts.use_admin", is_administrator)
rules.add_perm("accounts.renew_recovery_codes", signed_in_with_second_factor)
