"""Keep the search index current: other apps just save their models (publishing, editing and
unpublishing update the index at once). Raw saves (loaddata) are skipped; run `kompass reindex_search`."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.evaluations.models import Evaluation
from kompass.search import indexing


@receiver(post_save, sender=Evaluation, dispatch_uid="search_evaluation_saved")
def evaluation_saved(sender: Any, instance: Evaluation, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        indexing.sync_evaluation(instance)


@receiver(post_save, sender=AreaText, dispatch_uid="search_areatext_saved")
@receiver(post_save, sender=SubAreaText, dispatch_uid="search_subareatext_saved")
@receiver(post_save, sender=Finding, dispatch_uid="search_finding_saved")
def text_saved(sender: Any, instance: AreaText | SubAreaText | Finding, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        indexing.index_text(instance)


@receiver(post_delete, sender=AreaText, dispatch_uid="search_areatext_deleted")
@receiver(post_delete, sender=SubAreaText, dispatch_uid="search_subareatext_deleted")
@receiver(post_delete, sender=Finding, dispatch_uid="search_finding_deleted")
def text_deleted(sender: Any, instance: AreaText | SubAreaText | Finding, **kwargs: Any) -> None:
    indexing.unindex_text(instance)


@receiver(post_save, sender="importer.ImportRecord", dispatch_uid="search_report_imported")
def report_imported(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """The importer writes a report's texts with bulk_create (no per-row signals) and records the import
    last, in the same transaction: index the whole evaluation then."""
    if not raw:
        indexing.index_evaluation(Evaluation.objects.select_related("municipality").get(pk=instance.evaluation_id))
