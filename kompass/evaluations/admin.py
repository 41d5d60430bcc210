from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kompass.core.admin import KompassModelAdmin, KompassTabularInline
from kompass.evaluations.models import (
    Answer,
    AreaScore,
    DocumentReference,
    Evaluation,
    IntervieweeProposal,
    InterviewGroup,
    InterviewNote,
    Participant,
    Questionnaire,
    QuestionnaireDocument,
    QuestionScore,
    StatusChange,
    TeamMembership,
    WebsiteObservation,
)


class TeamInline(KompassTabularInline):
    model = TeamMembership
    extra = 0


class AreaScoreInline(KompassTabularInline):
    model = AreaScore
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(KompassModelAdmin):
    list_display = ("key", "municipality", "year", "version", "status", "origin", "total")
    list_filter = ("status", "origin", "version")
    search_fields = ("key", "municipality__short_name")
    readonly_fields = ("key", "computed_total", "total", "created_at", "updated_at")
    inlines = [TeamInline, AreaScoreInline]


@admin.register(QuestionScore)
class QuestionScoreAdmin(KompassModelAdmin):
    list_display = ("evaluation", "question", "points", "updated_by", "updated_at")
    field_labels = {
        "evaluation": _("utvärdering"),
        "question": _("fråga"),
        "updated_by": _("ändrad av"),
        "updated_at": _("ändrad"),
    }
    list_filter = ("evaluation__version",)


# --- Questionnaire, visit plan, evidence and lifecycle; verbose names on the models are Swedish. ---


@admin.register(Questionnaire)
class QuestionnaireAdmin(KompassModelAdmin):
    list_display = ("evaluation", "submitted_at", "submitted_by", "reopened_at")


@admin.register(Answer)
class AnswerAdmin(KompassModelAdmin):
    list_display = ("evaluation", "question", "updated_by", "updated_at")
    list_filter = ("evaluation",)
    raw_id_fields = ("question",)


@admin.register(QuestionnaireDocument)
class QuestionnaireDocumentAdmin(KompassModelAdmin):
    list_display = ("original_name", "evaluation", "kind", "size", "uploaded_by", "uploaded_at")
    list_filter = ("kind",)
    # The file is changed only through the questionnaire page, where its content is checked.
    readonly_fields = ("file", "kind", "size", "uploaded_by", "uploaded_at")
    raw_id_fields = ("question",)


@admin.register(IntervieweeProposal)
class IntervieweeProposalAdmin(KompassModelAdmin):
    list_display = ("name", "group", "evaluation", "accepted")


class ParticipantInline(KompassTabularInline):
    model = Participant
    extra = 0


@admin.register(InterviewGroup)
class InterviewGroupAdmin(KompassModelAdmin):
    list_display = ("name", "evaluation", "starts_at", "ends_at", "location")
    list_filter = ("evaluation",)
    inlines = [ParticipantInline]


class _EvidenceAdmin(KompassModelAdmin):
    list_filter = ("evaluation",)
    filter_horizontal = ("questions",)


@admin.register(InterviewNote)
class InterviewNoteAdmin(_EvidenceAdmin):
    list_display = ("__str__", "group", "evaluation", "created_by", "created_at")


@admin.register(DocumentReference)
class DocumentReferenceAdmin(_EvidenceAdmin):
    list_display = ("title", "date", "page", "evaluation")


@admin.register(WebsiteObservation)
class WebsiteObservationAdmin(_EvidenceAdmin):
    list_display = ("url", "seen_on", "evaluation")


@admin.register(StatusChange)
class StatusChangeAdmin(KompassModelAdmin):
    list_display = ("evaluation", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status",)
