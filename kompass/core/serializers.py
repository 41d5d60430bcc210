"""The serialisation of backups (`core/backup.py`): Django's JSON Lines (one object a line, so `loaddata`
reads a large backup as a stream instead of parsing all of it at once), except that times keep their
microseconds. Django's JSON encoder cuts them to milliseconds, so a restored row would differ from the
saved one (a timestamp of 12:00:00.000417 came back as 12:00:00). Read back by Django's own JSON Lines
deserialiser, which parses the full ISO 8601 form."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers.jsonl import Deserializer  # noqa: F401  (a serialisation module needs both)
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db.models import Field, Model


class Serializer(JSONLSerializer):
    def _value_from_field(self, obj: Model, field: Field) -> Any:
        value = field.value_from_object(obj)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return super()._value_from_field(obj, field)  # type: ignore[misc]  # not in django-stubs
