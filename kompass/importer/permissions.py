"""Who imports published reports on the web (django-rules): administrators; everyone else gets 404."""

from __future__ import annotations

import rules

from kompass.accounts.permissions import is_administrator

rules.add_perm("importer.import_reports", is_administrator)
