"""One way to refuse a stale edit.

Everything people edit in a form is `Revisioned` (kompass.core.models). The form carries the revision it
was rendered with (0: nothing was saved yet) as a hidden field, and the service:

1. `lock_current(...)` selects the row FOR UPDATE and compares its revision with the form's; a
   difference raises `StaleWriteError` carrying the stored row (the other person's version, who, when);
2. changes the fields, then `save_revision(obj, ...)` bumps the revision and saves. A first save inserts
   inside a savepoint: when someone else inserted the same row meanwhile (a unique constraint says which
   row that is), the IntegrityError becomes the same StaleWriteError — never a 500, never a duplicate.

Lists whose items are added one by one (Styrkor, evidence, interview groups, actions) carry the number
of items the form was rendered with instead: `lock_list` locks the list's owner row and compares.

Nothing here knows the apps: callers pass the queryset and a Swedish name of the thing (`what`)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.core.models import Revisioned

R = TypeVar("R", bound=Revisioned)


class StaleWriteError(Exception):
    """Someone else saved the same thing since this edit began. `current` is what they saved (None when
    they removed it); the message names who and when and shows their version."""

    def __init__(self, message: str, current: Any = None):
        super().__init__(message)
        self.current = current

    @property
    def changed_by(self) -> Any:
        return getattr(self.current, "changed_by", None)

    @property
    def changed_at(self) -> Any:
        return getattr(self.current, "changed_at", None)


def conflict(current: Any, *, what: str, saved: str = "") -> StaleWriteError:
    """The StaleWriteError for `current`, the version someone else saved (None: they removed it).
    `saved` names the saved version where "Den sparade versionen" says it less well."""
    if current is None:
        return StaleWriteError(_("%(what)s har tagits bort av någon annan sedan du började.") % {"what": what})
    who = getattr(current, "changed_by", None) or _("någon annan")
    when = getattr(current, "changed_at", None)
    when_text = " " + _("kl. %(time)s") % {"time": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")} if when else ""
    version = current.version_text() if hasattr(current, "version_text") else str(current)
    message = _(
        "%(what)s har ändrats av %(who)s%(when)s sedan du började. %(saved)s: %(version)s. "
        "Ingenting sparades; din version står kvar – spara igen för att ersätta den sparade."
    ) % {"what": what, "who": who, "when": when_text, "saved": saved or _("Den sparade versionen"), "version": version}
    return StaleWriteError(message, current=current)


def _manager(source: type[R] | models.QuerySet[R]) -> models.QuerySet[R]:
    return source if isinstance(source, models.QuerySet) else source._default_manager.all()


def lock_current(
    source: type[R] | models.QuerySet[R], *, expected: int | None, what: str, saved: str = "", **lookup: Any
) -> R | None:
    """The row matching `lookup`, selected FOR UPDATE (None if there is none yet).

    `expected` is the revision the form was rendered with: 0 when nothing was saved then, None to skip
    the check (imports and scripts that overwrite on purpose). A different stored revision — or a row
    that was removed meanwhile — raises StaleWriteError. Call inside a transaction."""
    current = _manager(source).select_for_update().filter(**lookup).first()
    if expected is not None and (current.revision if current is not None else 0) != expected:
        raise conflict(current, what=what, saved=saved)
    return current


def save_revision(obj: R, *, what: str, lookup: dict[str, Any] | None = None, **save_kwargs: Any) -> R:
    """Bump `obj`'s revision and save it. A new row is inserted in a savepoint; if that breaks a unique
    constraint because someone else inserted the row first, their row (found by `lookup`) is reported
    as a StaleWriteError. Other integrity errors are not ours to explain and propagate."""
    if not obj._state.adding:
        obj.revision += 1
        obj.save(**save_kwargs)
        return obj
    obj.revision = 1
    try:
        with transaction.atomic():
            obj.save(**save_kwargs)
    except IntegrityError:
        obj.pk = None
        obj._state.adding = True
        existing = type(obj)._default_manager.filter(**lookup).first() if lookup else None
        if existing is None:
            raise
        raise conflict(existing, what=what) from None
    return obj


def lock_list(owner: models.QuerySet[Any], items: models.QuerySet[Any], *, expected: int | None, what: str) -> int:
    """Lock the list's owner row (FOR UPDATE, so adds to the same list take turns) and compare the number
    of `items` with `expected`, the number the form was rendered with (None: no check). A difference
    raises StaleWriteError showing the newest item. Returns the current number of items."""
    # NO KEY UPDATE: adds to the list take turns, while rows that merely refer to the owner (history,
    # other children) can still be inserted meanwhile.
    owner.select_for_update(no_key=True).values_list("pk", flat=True).first()
    count = items.count()
    if expected is not None and count != expected:
        newest = items.order_by("-pk").first()
        if newest is None:
            raise conflict(None, what=what)
        raise conflict(newest, what=what)
    return count
