"""The questionnaire (frågeunderlag): the municipality's answers per question,
uploaded documents and proposed interviewees, sent in before the visit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.core.models import Revisioned
from kompass.evaluations.enums import DocumentKind


class Questionnaire(models.Model):
    """The questionnaire's state for one evaluation. A missing row means a draft nobody has submitted."""

    evaluation = models.OneToOneField(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="questionnaire", verbose_name=_("utvärdering")
    )
    submitted_at = models.DateTimeField(_("inskickat"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inskickat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopened_at = models.DateTimeField(_("öppnat igen"), null=True, blank=True)

    class Meta:
        verbose_name = _("frågeunderlag")
        verbose_name_plural = _("frågeunderlag")

    def __str__(self) -> str:
        return f"{self.evaluation}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


MAX_LINKS = 20
MAX_ANSWER_CHARS = 20_000


def validate_links(links: list[str]) -> None:
    """At most MAX_LINKS links, each an http(s) address."""
    if len(links) > MAX_LINKS:
        raise ValidationError(_("Högst %(n)s länkar per fråga.") % {"n": MAX_LINKS})
    check = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            check(link)
        except ValidationError:
            raise ValidationError(
                _("”%(link)s” är inte en webbadress (börja med https://).") % {"link": link}
            ) from None


def validate_answer_length(text: str) -> None:
    if len(text) > MAX_ANSWER_CHARS:
        raise ValidationError(_("svaret är längre än %(n)s tecken.") % {"n": MAX_ANSWER_CHARS})


class Answer(Revisioned):
    evaluation = models.ForeignKey(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="answers", verbose_name=_("utvärdering")
    )
    question = models.ForeignKey(
        "criteria.Question", on_delete=models.PROTECT, related_name="answers", verbose_name=_("fråga")
    )
    text = models.TextField(_("svar"), blank=True, validators=[validate_answer_length])
    links = models.JSONField(_("länkar"), default=list, blank=True, validators=[validate_links])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True)

    class Meta:
        verbose_name = _("svar i frågeunderlaget")
        verbose_name_plural = _("svar i frågeunderlaget")
        constraints = [models.UniqueConstraint(fields=["evaluation", "question"], name="unique_answer")]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.question.code}"

    def version_text(self) -> str:
        links = "".join(f" {link}" for link in self.links)
        return f"”{self.text}”{links}"


def _document_path(instance: "QuestionnaireDocument", filename: str) -> str:
    return f"fragor/{instance.evaluation.key}/{filename}"


class QuestionnaireDocument(models.Model):
    """A file the municipality uploaded. Stored under MEDIA_ROOT, served only through a permission-checked
    view; `kind` was decided from the content, `original_name` is only for display."""

    evaluation = models.ForeignKey(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="documents", verbose_name=_("utvärdering")
    )
    question = models.ForeignKey(
        "criteria.Question",
        verbose_name=_("fråga"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(_("fil"), upload_to=_document_path, max_length=300)
    original_name = models.CharField(_("filnamn"), max_length=255)
    kind = models.CharField(_("filtyp"), max_length=10, choices=DocumentKind.choices)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uppladdat"), auto_now_add=True)

    class Meta:
        verbose_name = _("dokument i frågeunderlaget")
        verbose_name_plural = _("dokument i frågeunderlaget")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class IntervieweeProposal(models.Model):
    """A person the municipality proposes for an interview group. Personal data: shown to the team,
    administrators and the municipality's contacts, never the public."""

    evaluation = models.ForeignKey(
        "evaluations.Evaluation",
        on_delete=models.CASCADE,
        related_name="interviewee_proposals",
        verbose_name=_("utvärdering"),
    )
    group = models.ForeignKey(
        "evaluations.InterviewGroup",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("intervjugrupp"),
    )
    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("befattning eller uppdrag"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("föreslagen av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted = models.BooleanField(_("tillagd som deltagare"), default=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("förslag på intervjuperson")
        verbose_name_plural = _("förslag på intervjupersoner")
        ordering = ["group__position", "pk"]

    def __str__(self) -> str:
        return self.name
