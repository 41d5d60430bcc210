"""The search index: one row per searchable published text, with what the filters need copied in.

Rows exist only for published evaluations (see signals.py). The full-text part is vendor-specific and
lives outside Django's model state (migration 0002): on PostgreSQL a stored, generated `document`
tsvector column (Swedish configuration) with a GIN index; on SQLite an external-content FTS5 table
`search_fts` over `heading_stems` and `stems`, kept in step by triggers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.search.enums import EntryKind, EntrySource, SizeClass


class SearchEntry(models.Model):
    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="search_entries")
    source = models.CharField(_("källa"), max_length=12, choices=EntrySource.choices)
    source_id = models.BigIntegerField(_("källans id"))
    kind = models.CharField(_("slag"), max_length=12, choices=EntryKind.choices)
    area = models.ForeignKey("criteria.Area", on_delete=models.CASCADE, related_name="+")
    subarea = models.ForeignKey("criteria.SubArea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.ForeignKey("criteria.CriteriaVersion", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    municipality = models.ForeignKey("municipalities.Municipality", on_delete=models.CASCADE, related_name="+")
    county = models.ForeignKey(
        "municipalities.County", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    size_class = models.CharField(_("storlek"), max_length=10, choices=SizeClass.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    heading = models.CharField(_("rubrik"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    # Swedish stems, space-separated: what the SQLite FTS5 table indexes (empty on PostgreSQL).
    heading_stems = models.TextField(blank=True, default="")
    stems = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("söktext")
        verbose_name_plural = _("söktexter")
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="unique_search_source")]
        indexes = [models.Index(fields=["evaluation", "kind"])]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.get_kind_display()}: {self.text[:60]}"
