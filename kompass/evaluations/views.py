"""The work pages under /arbete/: "Mina utvärderingar", the workspace of one evaluation, the
questionnaire, the visit plan and memo, and the evidence. Thin: access through `permissions`
(`get_evaluation_or_404` with the permission a page needs: 404 otherwise), input through forms, rules and
writes in the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompass.accounts.enums import PersonalDataKind, Role
from kompass.accounts.services import record_personal_data_read
from kompass.criteria.models import Question
from kompass.evaluations import permissions
from kompass.evaluations.enums import DocumentKind, EvidenceSource, Status
from kompass.evaluations.forms import (
    CreateEvaluationForm,
    DocumentReferenceForm,
    DocumentUploadForm,
    EraseConfirmForm,
    InterviewGroupForm,
    InterviewNoteForm,
    MoveForm,
    PersonForm,
    ProposalForm,
    QuestionnaireAreaForm,
    WebsiteObservationForm,
)
from kompass.evaluations.models import Evaluation, IntervieweeProposal, InterviewGroup, Participant
from kompass.evaluations.services import StaleWriteError, privacy
from kompass.evaluations.services import evidence as evidence_services
from kompass.evaluations.services import questionnaire as q_services
from kompass.evaluations.services import visit as visit_services
from kompass.evaluations.services.lifecycle import (
    LifecycleError,
    allowed_moves,
    create_team_evaluation,
    move_evaluation,
)
from kompass.evaluations.services.uploads import CONTENT_TYPES, UploadError

Errors = (
    LifecycleError,
    q_services.QuestionnaireError,
    UploadError,
    visit_services.VisitPlanError,
    evidence_services.EvidenceError,
    privacy.PrivacyError,
)


def _url(name: str, evaluation: Evaluation, *args: Any) -> str:
    return reverse(f"evaluations:{name}", args=[evaluation.key, *args])


def _require_write(request: HttpRequest, perm: str, evaluation: Evaluation) -> None:
    permissions.require_perm(request.user, perm, evaluation, _("Du får inte ändra det här."))


# --- Mina utvärderingar and the workspace ---


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    evaluations = (
        permissions.work_evaluations(request.user)
        .select_related("municipality", "version")
        .prefetch_related("team__user")
        .order_by("-year", "municipality__name")
    )
    return render(
        request,
        "evaluations/mine.html",
        {"evaluations": evaluations, "is_admin": permissions.has_perm(request.user, "evaluations.create_evaluation")},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.has_perm(request.user, "evaluations.create_evaluation"):
        raise Http404
    form = CreateEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = create_team_evaluation(
                data["municipality"],
                version=data["version"],
                year=data["year"],
                lead=data["lead"],
                members=[data["member"]] if data["member"] else [],
                peer=data["peer"],
                visit_start=data["visit_start"],
                visit_end=data["visit_end"],
                feedback_date=data["feedback_date"],
                by=request.user,
            )
        except LifecycleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Utvärderingen %(name)s är skapad.") % {"name": evaluation})
            return redirect(_url("workspace", evaluation))
    return render(request, "evaluations/create.html", {"form": form})


@login_required
def workspace(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    moves = allowed_moves(evaluation, request.user)
    current = list(Status).index(Status(evaluation.status))
    buttons = [(to, _move_label(current, list(Status).index(Status(to)), to)) for to in moves]
    return render(
        request,
        "evaluations/workspace.html",
        {
            "evaluation": evaluation,
            "team": evaluation.team.select_related("user").order_by("role", "user__first_name"),
            "buttons": buttons,
            "questionnaire": q_services.questionnaire_of(evaluation),
            "changes": evaluation.status_changes.select_related("changed_by"),
            "internal": permissions.has_perm(request.user, "evaluations.view_internal", evaluation),
            "statuses": list(Status),
        },
    )


def _move_label(current: int, target: int, to: str) -> str:
    if to == Status.PUBLISHED:
        return _("Publicera")
    if current == len(Status) - 1:
        return _("Avpublicera (tillbaka till %(status)s)") % {"status": Status(to).label}
    if target > current:
        return _("Flytta fram till %(status)s") % {"status": Status(to).label}
    return _("Flytta tillbaka till %(status)s") % {"status": Status(to).label}


@login_required
@require_POST
def move(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    form = MoveForm(request.POST)
    try:
        evaluation = move_evaluation(evaluation, to=form.cleaned_data["to"] if form.is_valid() else "", by=request.user)
    except LifecycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Utvärderingen har status %(status)s.") % {"status": evaluation.get_status_display()}
        )
    return redirect(_url("workspace", evaluation))


# --- Questionnaire ---


@login_required
def questionnaire(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    areas = list(evaluation.version.areas.all())
    answered = set(evaluation.answers.values_list("question_id", flat=True))
    per_area: dict[int, list[int]] = {}
    for area_id, question_id in Question.objects.filter(area__version_id=evaluation.version_id).values_list(
        "area_id", "pk"
    ):
        per_area.setdefault(area_id, []).append(question_id)
    progress = [
        (a, sum(1 for q in per_area.get(a.pk, []) if q in answered), len(per_area.get(a.pk, []))) for a in areas
    ]
    editable = q_services.can_answer(request.user, evaluation)
    internal = permissions.has_perm(request.user, "evaluations.view_internal", evaluation)
    sees_proposals = permissions.has_perm(request.user, "evaluations.view_proposals", evaluation)
    return render(
        request,
        "evaluations/questionnaire.html",
        {
            "evaluation": evaluation,
            "progress": progress,
            "answered": len(answered),
            "documents": evaluation.documents.select_related("question", "uploaded_by"),
            "proposals": evaluation.interviewee_proposals.select_related("group") if sees_proposals else [],
            "state": q_services.questionnaire_of(evaluation),
            "editable": editable,
            "can_reopen": q_services.can_reopen(request.user, evaluation),
            "upload_form": DocumentUploadForm(evaluation=evaluation) if editable else None,
            "proposal_form": ProposalForm(evaluation=evaluation) if editable else None,
            "internal": internal,
        },
    )


@login_required
def questionnaire_area(request: HttpRequest, key: str, number: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    area = get_object_or_404(evaluation.version.areas, number=number)
    questions = list(area.questions.select_related("subarea"))
    for q in questions:
        q.area = area  # the service checks the version through the area; saves a query per question
    editable = q_services.can_answer(request.user, evaluation)
    answers = {a.question_id: a for a in evaluation.answers.filter(question__area=area)}
    form = QuestionnaireAreaForm(request.POST or None, questions=questions, answers=answers)
    if request.method == "POST" and form.is_valid():
        try:
            changed = q_services.save_answers(
                evaluation, answers=form.changed_answers(), by=request.user, revisions=form.revisions()
            )
        except StaleWriteError as exc:
            messages.error(request, str(exc))
            form = QuestionnaireAreaForm(
                _based_on(request.POST, exc, field=f"revision-{exc.current.question_id}" if exc.current else ""),
                questions=questions,
                answers=answers,
            )
        except q_services.QuestionnaireError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Utkastet är sparat (%(n)s svar ändrade).") % {"n": changed})
            return redirect(_url("questionnaire_area", evaluation, number))
    return _render_area(request, evaluation, area, questions, editable, form, answers)


def _based_on(data: Any, exc: StaleWriteError, *, field: str) -> Any:
    """The posted data, with the revision of what someone else saved: the person's own text stays on
    screen, and saving again deliberately replaces the other version."""
    data = data.copy()
    if field:
        data[field] = str(exc.current.revision)
    return data


def _render_area(request, evaluation, area, questions, editable, form, answers) -> HttpResponse:
    documents: dict[int, list] = {}
    for document in evaluation.documents.filter(question__area=area):
        documents.setdefault(document.question_id, []).append(document)
    rows = []
    for q in questions:
        text, links, revision = form.bound_fields(q)
        rows.append(
            {
                "question": q,
                "answer": answers.get(q.pk),
                "text": text,
                "links": links,
                "revision": revision,
                "documents": documents.get(q.pk, []),
            }
        )
    areas = list(evaluation.version.areas.all())
    return render(
        request,
        "evaluations/questionnaire_area.html",
        {
            "evaluation": evaluation,
            "area": area,
            "areas": areas,
            "rows": rows,
            "editable": editable,
            "internal": permissions.has_perm(request.user, "evaluations.view_internal", evaluation),
        },
    )


@login_required
@require_POST
def upload_document(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    form = DocumentUploadForm(request.POST, request.FILES, evaluation=evaluation)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_url("questionnaire", evaluation))
    question_id = form.cleaned_data["question"]
    question = Question.objects.select_related("area").filter(pk=question_id).first() if question_id else None
    try:
        document = q_services.store_document(
            evaluation,
            upload=form.cleaned_data["file"],
            question=question,
            description=form.cleaned_data["description"],
            by=request.user,
        )
    except (UploadError, q_services.QuestionnaireError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("”%(name)s” är uppladdad.") % {"name": document.original_name})
    return redirect(_url("questionnaire", evaluation))


@login_required
def download_document(request: HttpRequest, key: str, pk: int) -> FileResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    document = get_object_or_404(evaluation.documents, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("Filen finns inte.") from None
    content_type = CONTENT_TYPES[DocumentKind(document.kind)]
    return FileResponse(handle, as_attachment=True, filename=document.original_name, content_type=content_type)


@login_required
@require_POST
def delete_document(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    document = get_object_or_404(evaluation.documents, pk=pk)
    _attempt(request, lambda: q_services.delete_document(document, by=request.user), _("Dokumentet är borttaget."))
    return redirect(_url("questionnaire", evaluation))


@login_required
@require_POST
def propose(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    form = ProposalForm(request.POST, evaluation=evaluation)
    if not form.is_valid():
        messages.error(request, _("Ange grupp och namn för personen du föreslår."))
    else:
        _attempt(
            request,
            lambda: q_services.propose_interviewee(evaluation, **form.cleaned_data, by=request.user),
            _("Förslaget är sparat."),
        )
    return redirect(_url("questionnaire", evaluation))


@login_required
@require_POST
def withdraw_proposal(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    proposal = get_object_or_404(evaluation.interviewee_proposals, pk=pk)
    _attempt(request, lambda: q_services.withdraw_proposal(proposal, by=request.user), _("Förslaget är borttaget."))
    return redirect(_url("questionnaire", evaluation))


@login_required
@require_POST
def submit_questionnaire(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    _attempt(
        request,
        lambda: q_services.submit_questionnaire(evaluation, by=request.user),
        _("Frågeunderlaget är inskickat. Tack!"),
    )
    return redirect(_url("questionnaire", evaluation))


@login_required
@require_POST
def reopen_questionnaire(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    _attempt(
        request,
        lambda: q_services.reopen_questionnaire(evaluation, by=request.user),
        _("Frågeunderlaget är öppnat igen för kommunen."),
    )
    return redirect(_url("questionnaire", evaluation))


def _attempt(request: HttpRequest, action: Any, success: str) -> bool:
    try:
        action()
    except Errors as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


# --- Visit plan and memo (participants: team and administrators only) ---


@login_required
def visit(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    count = evaluation.interview_groups.count()
    form = InterviewGroupForm(
        request.POST or None, instance=InterviewGroup(evaluation=evaluation), initial={"count": count}
    )
    status = 200
    if request.method == "POST":
        _require_write(request, "evaluations.plan_visit", evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.save_interview_group(
                evaluation, by=request.user, expected_count=form.cleaned_data["count"], **form.group_values()
            )
        except StaleWriteError as exc:
            messages.error(request, str(exc))
            data = request.POST.copy()
            data["count"] = str(evaluation.interview_groups.count())
            form, status = InterviewGroupForm(data, instance=InterviewGroup(evaluation=evaluation)), 409
        except Errors as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Intervjugruppen är tillagd."))
            return redirect(_url("visit", evaluation))
    days = visit_services.visit_programme(evaluation)
    proposals = evaluation.interviewee_proposals.filter(accepted=False).select_related("group")
    record_personal_data_read(evaluation, request=request, what=PersonalDataKind.PARTICIPANTS)
    return render(
        request,
        "evaluations/visit.html",
        {"evaluation": evaluation, "days": days, "form": form, "proposals": proposals, "internal": True},
        status=status,
    )


def _group(
    request: HttpRequest, key: str, pk: int, perm: str = "evaluations.view_internal"
) -> tuple[Evaluation, InterviewGroup]:
    evaluation = permissions.get_evaluation_or_404(request.user, key, perm)
    return evaluation, get_object_or_404(evaluation.interview_groups, pk=pk)


@login_required
def visit_group(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation, group = _group(request, key, pk)
    form = InterviewGroupForm(request.POST or None, instance=group, initial={"revision": group.revision})
    status = 200
    if request.method == "POST":
        _require_write(request, "evaluations.plan_visit", evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.save_interview_group(
                evaluation,
                group=group,
                by=request.user,
                expected_revision=form.cleaned_data["revision"],
                **form.group_values(),
            )
        except StaleWriteError as exc:
            messages.error(request, str(exc))
            group.refresh_from_db()
            form = InterviewGroupForm(_based_on(request.POST, exc, field="revision"), instance=group)
            status = 409
        except Errors as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Intervjugruppen är sparad."))
            return redirect(_url("visit_group", evaluation, group.pk))
    record_personal_data_read(evaluation, request=request, what=PersonalDataKind.PARTICIPANTS)
    return render(
        request,
        "evaluations/visit_group.html",
        {
            "evaluation": evaluation,
            "group": group,
            "form": form,
            "person_form": PersonForm(prefix="person"),
            "participants": group.participants.all(),
            "proposals": group.proposals.all(),
            "internal": True,
        },
        status=status,
    )


@login_required
@require_POST
def delete_group(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation, group = _group(request, key, pk, "evaluations.plan_visit")
    if _attempt(request, lambda: visit_services.delete_interview_group(group), _("Intervjugruppen är borttagen.")):
        return redirect(_url("visit", evaluation))
    return redirect(_url("visit_group", evaluation, group.pk))


@login_required
@require_POST
def add_participant(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation, group = _group(request, key, pk, "evaluations.plan_visit")
    form = PersonForm(request.POST, prefix="person")
    if not form.is_valid():
        messages.error(request, _("Deltagaren måste ha ett namn."))
    else:
        _attempt(
            request,
            lambda: visit_services.add_participant(group, **form.cleaned_data),
            _("Deltagaren är tillagd."),
        )
    return redirect(_url("visit_group", evaluation, group.pk))


@login_required
@require_POST
def remove_participant(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.plan_visit")
    participant = get_object_or_404(Participant, pk=pk, group__evaluation=evaluation)
    group_pk = participant.group_id
    participant.delete()
    messages.success(request, _("Deltagaren är borttagen."))
    return redirect(_url("visit_group", evaluation, group_pk))


@login_required
@require_POST
def accept_proposal(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.plan_visit")
    proposal = get_object_or_404(IntervieweeProposal, pk=pk, evaluation=evaluation)
    _attempt(
        request,
        lambda: visit_services.accept_proposal(proposal),
        _("%(name)s är tillagd som deltagare.") % {"name": proposal.name},
    )
    return redirect(_url("visit_group", evaluation, proposal.group_id))


@login_required
def visit_memo(request: HttpRequest, key: str) -> HttpResponse:
    """The PM for the municipality: the programme. Names of participants only for the team."""
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    days = visit_services.visit_programme(evaluation)
    # the memo shows names to the team only
    if permissions.has_perm(request.user, "evaluations.view_internal", evaluation):
        record_personal_data_read(evaluation, request=request, what=PersonalDataKind.PARTICIPANTS)
    return render(
        request,
        "evaluations/visit_memo.html",
        {
            "evaluation": evaluation,
            "days": days,
            "team": evaluation.team.select_related("user").order_by("role"),
            "show_names": permissions.has_perm(request.user, "evaluations.view_internal", evaluation),
            "participants": visit_services.participant_count(days),
            "contact_view": request.user.role == Role.CONTACT,  # type: ignore[union-attr]
        },
    )


# --- Evidence (team and administrators only) ---

EVIDENCE_FORMS: dict[str, Any] = {
    EvidenceSource.INTERVIEW: InterviewNoteForm,
    EvidenceSource.DOCUMENT: DocumentReferenceForm,
    EvidenceSource.WEBSITE: WebsiteObservationForm,
}


def _evidence_counts(evaluation: Evaluation) -> dict[str, int]:
    return {
        source: evidence_services.MODELS[source].objects.filter(evaluation=evaluation).count()
        for source in EVIDENCE_FORMS
    }


def _evidence_forms(evaluation: Evaluation) -> dict[str, Any]:
    counts = _evidence_counts(evaluation)
    return {
        source: form(evaluation=evaluation, prefix=source, initial={"count": counts[source]})
        for source, form in EVIDENCE_FORMS.items()
    }


@login_required
def evidence(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    return _render_evidence(request, evaluation, _evidence_forms(evaluation))


def _render_evidence(request: HttpRequest, evaluation: Evaluation, forms: dict, status: int = 200) -> HttpResponse:
    record_personal_data_read(evaluation, request=request, what=PersonalDataKind.INTERVIEW_NOTES)
    return render(
        request,
        "evaluations/evidence.html",
        {
            "evaluation": evaluation,
            "note_form": forms[EvidenceSource.INTERVIEW],
            "document_form": forms[EvidenceSource.DOCUMENT],
            "website_form": forms[EvidenceSource.WEBSITE],
            "notes": evaluation.interview_notes.select_related("group", "created_by").prefetch_related("questions"),
            "documents": evaluation.document_references.prefetch_related("questions"),
            "websites": evaluation.website_observations.prefetch_related("questions"),
            "internal": True,
        },
        status=status,
    )


@login_required
@require_POST
def add_evidence(request: HttpRequest, key: str, source: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.record_evidence")
    if source not in EVIDENCE_FORMS:
        raise Http404
    forms = _evidence_forms(evaluation)
    form = forms[source] = EVIDENCE_FORMS[source](request.POST, evaluation=evaluation, prefix=source)
    if not form.is_valid():
        messages.error(request, _("Underlaget sparades inte: rätta felen i formuläret."))
        return _render_evidence(request, evaluation, forms)
    add: Any = {
        EvidenceSource.INTERVIEW: evidence_services.add_interview_note,
        EvidenceSource.DOCUMENT: evidence_services.add_document_reference,
        EvidenceSource.WEBSITE: evidence_services.add_website_observation,
    }[EvidenceSource(source)]
    values = form.evidence_values()
    try:
        add(evaluation, **values, by=request.user, expected_count=form.cleaned_data["count"])
    except StaleWriteError as exc:
        messages.error(request, str(exc))
        data = request.POST.copy()
        data[f"{source}-count"] = str(_evidence_counts(evaluation)[source])
        forms[source] = EVIDENCE_FORMS[source](data, evaluation=evaluation, prefix=source)
        return _render_evidence(request, evaluation, forms, status=409)
    except Errors as exc:
        messages.error(request, str(exc))
        return _render_evidence(request, evaluation, forms)
    messages.success(request, _("Underlaget är sparat."))
    return redirect(_url("evidence", evaluation))


@login_required
def edit_evidence(request: HttpRequest, key: str, source: str, pk: int) -> HttpResponse:
    """Change one piece of evidence. The form carries the revision it was opened on, so a save over
    someone else's newer change is refused (evidence_services.change_evidence)."""
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    if source not in EVIDENCE_FORMS:
        raise Http404
    try:
        item = evidence_services.evidence_item(evaluation, source=source, pk=pk)
    except evidence_services.EvidenceError:
        raise Http404 from None
    form_class = EVIDENCE_FORMS[source]
    status = 200
    if request.method == "POST":
        _require_write(request, "evaluations.record_evidence", evaluation)
        form = form_class(request.POST, evaluation=evaluation, prefix=source)
        if form.is_valid():
            try:
                evidence_services.change_evidence(
                    evaluation,
                    source=source,
                    pk=pk,
                    expected_revision=form.cleaned_data["revision"],
                    by=request.user,
                    **form.evidence_values(),
                )
            except StaleWriteError as exc:
                messages.error(request, str(exc))
                form = form_class(
                    _based_on(request.POST, exc, field=f"{source}-revision"), evaluation=evaluation, prefix=source
                )
                status = 409
            except Errors as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Underlaget är ändrat."))
                return redirect(_url("evidence", evaluation))
        else:
            messages.error(request, _("Underlaget sparades inte: rätta felen i formuläret."))
    else:
        written = [name for name in form_class.base_fields if name not in ("questions", "count", "revision")]
        initial = {name: getattr(item, name) for name in written}
        initial["questions"] = list(item.questions.values_list("pk", flat=True))
        initial["revision"] = item.revision
        form = form_class(initial=initial, evaluation=evaluation, prefix=source)
    if source == EvidenceSource.INTERVIEW:
        record_personal_data_read(evaluation, request=request, what=PersonalDataKind.INTERVIEW_NOTES)
    return render(
        request,
        "evaluations/evidence_edit.html",
        {"evaluation": evaluation, "form": form, "item": item, "source": EvidenceSource(source), "internal": True},
        status=status,
    )


@login_required
@require_POST
def delete_evidence(request: HttpRequest, key: str, source: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.record_evidence")
    _attempt(
        request,
        lambda: evidence_services.delete_evidence(evaluation, source=source, pk=pk),
        _("Underlaget är borttaget."),
    )
    return redirect(_url("evidence", evaluation))


@login_required
def coverage(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    rows = evidence_services.coverage(evaluation)
    areas: list[tuple[Any, list]] = []
    for row in rows:
        if not areas or areas[-1][0] != row.question.area:
            areas.append((row.question.area, []))
        areas[-1][1].append(row)
    return render(
        request,
        "evaluations/coverage.html",
        {
            "evaluation": evaluation,
            "areas": areas,
            "total": len(rows),
            "all_three": sum(1 for r in rows if r.sources == 3),
            "none": sum(1 for r in rows if r.sources == 0),
            "internal": True,
        },
    )


# --- Personal data (team and administrators see it; administrators and the lead remove it) ---


@login_required
def personal_data(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    return render(
        request,
        "evaluations/personal_data.html",
        {
            "evaluation": evaluation,
            "data": privacy.personal_data_of(evaluation),
            "may_erase": privacy.may_erase(request.user, evaluation),
            "retention_days": privacy.retention_days(),
            "internal": True,
        },
    )


@login_required
@require_POST
def erase_personal_data(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    if not privacy.may_erase(request.user, evaluation):
        messages.error(request, _("Bara huvudutvärderaren och administratörer kan ta bort personuppgifterna."))
    elif not EraseConfirmForm(request.POST).is_valid():
        messages.error(request, _("Personuppgifterna togs inte bort: kryssa i rutan som bekräftar borttagningen."))
    else:
        _attempt(
            request,
            lambda: privacy.erase_personal_data(evaluation, by=request.user),
            _("Personuppgifterna är borttagna. Poäng, texter och rapporten finns kvar."),
        )
    return redirect(_url("personal_data", evaluation))
