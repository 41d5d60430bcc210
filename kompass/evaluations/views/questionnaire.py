"""The questionnaire: the contact's answers per area, documents, interviewee proposals, submit and
reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompass.criteria.models import Question
from kompass.evaluations import permissions
from kompass.evaluations.enums import DocumentKind
from kompass.evaluations.forms import (
    DocumentUploadForm,
    ProposalForm,
    QuestionnaireAreaForm,
)
from kompass.evaluations.services import StaleWriteError
from kompass.evaluations.services import questionnaire as q_services
from kompass.evaluations.services.uploads import CONTENT_TYPES, UploadError
from kompass.evaluations.views.common import attempt, based_on, work_url

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
                based_on(request.POST, exc, field=f"revision-{exc.current.question_id}" if exc.current else ""),
                questions=questions,
                answers=answers,
            )
        except q_services.QuestionnaireError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Utkastet är sparat (%(n)s svar ändrade).") % {"n": changed})
            return redirect(work_url("questionnaire_area", evaluation, number))
    elif request.method == "POST":
        messages.error(request, _("Svaren sparades inte: %(errors)s") % {"errors": form.error_text()})
    return _render_area(request, evaluation, area, questions, editable, form, answers)


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
        return redirect(work_url("questionnaire", evaluation))
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
    return redirect(work_url("questionnaire", evaluation))


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
    attempt(request, lambda: q_services.delete_document(document, by=request.user), _("Dokumentet är borttaget."))
    return redirect(work_url("questionnaire", evaluation))


@login_required
@require_POST
def propose(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    form = ProposalForm(request.POST, evaluation=evaluation)
    if not form.is_valid():
        messages.error(request, _("Förslaget sparades inte: %(errors)s") % {"errors": form.error_text()})
    else:
        attempt(
            request,
            lambda: q_services.propose_interviewee(evaluation, **form.cleaned_data, by=request.user),
            _("Förslaget är sparat."),
        )
    return redirect(work_url("questionnaire", evaluation))


@login_required
@require_POST
def withdraw_proposal(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    proposal = get_object_or_404(evaluation.interviewee_proposals, pk=pk)
    attempt(request, lambda: q_services.withdraw_proposal(proposal, by=request.user), _("Förslaget är borttaget."))
    return redirect(work_url("questionnaire", evaluation))


@login_required
@require_POST
def submit_questionnaire(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    attempt(
        request,
        lambda: q_services.submit_questionnaire(evaluation, by=request.user),
        _("Frågeunderlaget är inskickat. Tack!"),
    )
    return redirect(work_url("questionnaire", evaluation))


@login_required
@require_POST
def reopen_questionnaire(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    attempt(
        request,
        lambda: q_services.reopen_questionnaire(evaluation, by=request.user),
        _("Frågeunderlaget är öppnat igen för kommunen."),
    )
    return redirect(work_url("questionnaire", evaluation))
