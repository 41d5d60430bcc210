"""Report fixtures: the complete demo evaluation, and hostile text in every narrative field."""

import pytest

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.core.demo import ensure_demo_evaluation
from kompass.evaluations.enums import FindingKind

LONG_WORD = "Kommunkompassenutvärderingsrapportsammanfattningsavsnitt" * 5
HOSTILE = f'#set text(red) [x] $x^2$ \\ <script>alert("x")</script> {LONG_WORD} 😀 =SUM(A1) åäö'


@pytest.fixture
def demo(db, kk2020):
    evaluation, _created = ensure_demo_evaluation()
    return evaluation


@pytest.fixture
def hostile_demo(demo):
    area = demo.version.areas.get(number=1)
    AreaText.objects.filter(evaluation=demo, area=area).update(general_text=HOSTILE)
    SubAreaText.objects.filter(evaluation=demo, area=area, position=1).update(text=HOSTILE)
    Finding.objects.create(evaluation=demo, area=area, kind=FindingKind.STRENGTH, position=99, text=HOSTILE)
    return demo
