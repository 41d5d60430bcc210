import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from kompass.actionplans.enums import ActionStatus, ReminderKind
from kompass.actionplans.models import ReminderSent
from kompass.actionplans.services import add_action, create_plan, reminders_due, send_action_reminders

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)


@pytest.fixture
def actions(world):
    plan = create_plan(world.evaluation)
    point = world.points[0]

    def make(description, due, *, email="ada@example.se", status=ActionStatus.IN_PROGRESS):
        return add_action(plan, finding_id=point.pk, description=description, due=due, owner_email=email, status=status)

    return {
        "late": make("Sen", date(2024, 5, 31)),
        "today": make("Idag", date(2024, 6, 1)),
        "soon": make("Snart", date(2024, 7, 1), email="bo@example.se"),
        "later": make("Senare", date(2024, 7, 2)),
        "done": make("Klar", date(2024, 5, 1), status=ActionStatus.DONE),
        "cancelled": make("Avbruten", date(2024, 5, 1), status=ActionStatus.CANCELLED),
        "no_email": make("Utan e-post", date(2024, 5, 1), email=""),
        "no_due": make("Utan datum", None),
    }


def test_reminders_go_to_open_actions_that_are_late_or_due_within_30_days(actions):
    selected = [(r.action.description, r.kind) for r in reminders_due(today=TODAY)]
    assert selected == [
        ("Sen", ReminderKind.LATE),
        ("Idag", ReminderKind.DUE_SOON),
        ("Snart", ReminderKind.DUE_SOON),
    ]


def test_the_command_sends_one_swedish_email_per_owner_and_records_each_reminder(actions, mailoutbox):
    call_command("send_action_reminders", "--today", "2024-06-01", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mailoutbox) == ["ada@example.se", "bo@example.se"]
    ada = next(m for m in mailoutbox if m.to == ["ada@example.se"])
    assert ada.subject == "Påminnelse om handlingsplanen: 1 försenad och 1 snart dags"
    assert "• Sen" in ada.body and "skulle ha varit klar 2024-05-31 (1 dagar sedan)" in ada.body
    assert "ska vara klar 2024-06-01 (om 0 dagar)" in ada.body
    assert "Västerås – område 1: Ta fram en plan för medborgardialog." in ada.body
    recorded = set(ReminderSent.objects.values_list("action__description", "kind", "sent_on", "recipient"))
    assert recorded == {
        ("Sen", ReminderKind.LATE, TODAY, "ada@example.se"),
        ("Idag", ReminderKind.DUE_SOON, TODAY, "ada@example.se"),
        ("Snart", ReminderKind.DUE_SOON, TODAY, "bo@example.se"),
    }


def test_running_twice_on_the_same_day_sends_nothing_more_but_the_next_day_reminds_again(actions, mailoutbox):
    first = send_action_reminders(today=TODAY)
    second = send_action_reminders(today=TODAY)
    assert (first.emails, first.reminders, second.emails, second.reminders) == (2, 3, 0, 0)
    assert len(mailoutbox) == 2
    next_day = send_action_reminders(today=date(2024, 6, 2))
    # "Idag" is late on the next day; "Senare" is now within 30 days.
    assert next_day.reminders == 4
    kinds = dict(ReminderSent.objects.filter(sent_on=date(2024, 6, 2)).values_list("action__description", "kind"))
    assert kinds == {
        "Sen": ReminderKind.LATE,
        "Idag": ReminderKind.LATE,
        "Snart": ReminderKind.DUE_SOON,
        "Senare": ReminderKind.DUE_SOON,
    }


def test_a_failed_send_records_nothing_for_that_owner(actions, settings):
    settings.EMAIL_BACKEND = "tests.actionplans.test_reminders.FailingBackend"
    with pytest.raises(OSError):
        send_action_reminders(today=TODAY)
    assert ReminderSent.objects.count() == 0


def test_the_command_refuses_a_malformed_date(world):
    with pytest.raises(CommandError, match="är inget datum"):
        call_command("send_action_reminders", "--today", "1 juni")


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP-servern svarar inte")
