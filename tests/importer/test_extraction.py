from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompass.importer.extraction import NotAReport, extract_report, parse_people
from kompass.importer.lists import split_items
from tests.importer import samples

SEED_SCORES = {1: 58, 2: 69, 3: 82, 4: 65, 5: 68, 6: 64, 7: 74}
# Counted by hand in the seed (area 2's table is broken across pages 10–11: its fifth strength ends and its
# sixth stands on page 11 before the sixth improvement point).
SEED_STRENGTHS = {1: 5, 2: 6, 3: 7, 4: 4, 5: 5, 6: 3, 7: 6}
SEED_IMPROVEMENTS = {1: 6, 2: 6, 3: 3, 4: 2, 5: 2, 6: 4, 7: 2}
SEED_HEADINGS = {
    1: [
        "Strategi for demokratiutveckling och information",
        "Information till medborgare",
        "Dialog och medborgarmedverkan",
        "Etik motverkan av korruption",
    ],
    2: [
        "Strategi för brukarorientering",
        "Tillgänglighet och bemötande",
        "Information om service och tjänster",
        "Valfrihet",
        "Brukarundersökningar",
        "Deklarationer och synpunkts-/klagomålshantering",
    ],
    3: [
        "System för styrning och uppföljning",
        "Politiska mål",
        "Uppföljning och rapportering",
        "Ansvarsfördelning politiker/tjänstemän",
        "Samspel och dialog",
    ],
    4: [
        "Strategi för ledarskap, ansvar och delegation",
        "Enheternas ansvar",
        "Tvärsektoriellt samarbete",
        "Personligt ansvar och uppdrag för chefer",
        "Kommunledningens kommunikation",
        "Ledarutveckling",
    ],
    5: [
        "Strategi för resultatstyrning och effektivitetsutveckling",
        "Kostnader och resultat i budgetprocessen",
        "Arbetsprocesser, uppföljning och kontroll",
        "Kommunikation kring resurser och resultat",
        "Jämförelser",
        "Extern samverkan",
    ],
    6: [
        "Personalstrategi",
        "Rekrytering",
        "Kompetens- och medarbetarutveckling",
        "Individuell lönesättning",
        "Arbetsmiljöarbete",
        "Mångfald",
    ],
    7: [
        "Strategiskt kvalitetsarbete",
        "Verktyg för kvalitets-/verksamhetsutveckling",
        "Lärande genom omvärldsspaning och samverkan",
        "Kreativitet och innovationer",
        "IT-stöd",
    ],
}


_extracted: dict[str, object] = {}


@pytest.fixture
def seed(db):
    """The seed's extraction, computed once per module (it reads only the registry and the criteria)."""
    if "seed" not in _extracted:
        _extracted["seed"] = extract_report(samples.SEED.read_text(encoding="utf-8"), source_name="vasteras-2012.txt")
    return _extracted["seed"]


def test_seed_areas_one_to_seven_have_the_published_scores(seed):
    assert {a.number: a.score for a in seed.areas} == {n: Decimal(p) for n, p in SEED_SCORES.items()}


def test_seed_subarea_headings_are_exactly_as_printed(seed):
    assert {a.number: a.headings for a in seed.areas} == SEED_HEADINGS


def test_seed_strengths_and_improvements_have_the_hand_counted_number_of_items(seed):
    assert {a.number: len(a.strengths) for a in seed.areas} == SEED_STRENGTHS
    assert {a.number: len(a.improvements) for a in seed.areas} == SEED_IMPROVEMENTS


def test_seed_list_items_are_split_where_the_report_had_bullets(seed):
    area1, area2 = seed.area(1), seed.area(2)
    assert area1.strengths[0] == "Plan/strategi för demokratiutveckling respektive information"
    assert area1.strengths[2] == "Medborgarna kan följa KF-sammanträdena via webben, lokal-tv och lokalradion."
    assert area2.strengths[0].endswith("bemötandes betydelse Alltid bästa möte")
    assert area2.strengths[4] == "Kommunen erbjuder stor valfrihet inom ramen för det egna serviceutbudet."
    assert area2.strengths[5] == "Alla verksamheter i kommunen genomför regelbundet brukarundersökning."
    assert area2.improvements[5].startswith("Fortsätta utveckla system kring synpunkt- och klagomålshantering")
    assert seed.area(6).improvements[0].startswith("Koppla Kommunövergripande strategi")


def test_seed_identity_evaluators_version_and_ordinal(seed):
    assert (seed.municipality_code, seed.year, seed.version, seed.ordinal) == ("1980", 2012, "kk2010", 3)
    assert [(p.name, p.organisation) for p in seed.evaluators] == [
        ("Christine Feuk", "SKL"),
        ("Britt-Marie Hedlund", "SKL"),
        ("Åsa Franzén", "SKL"),
    ]
    assert seed.report_date == "2012-12-01"


def test_seed_reports_area_eight_and_the_total_as_not_in_the_text(seed):
    assert "Område 8 finns inte i texten" in seed.missing
    assert "Totalpoängen finns inte i texten" in seed.missing
    assert seed.total is None and seed.area(8) is None


def test_seed_takes_nothing_from_the_trailing_list_of_other_documents(seed):
    everything = repr(seed.as_dict())
    for trailing in ("Tyresö", "TRANÅS", "Personalpolitiskt program", "Kalix", "Östermalms"):
        assert trailing not in everything
    last = "System som sammanlänkar olika system (personal, ekonomi, mål/resultat m.m.)"
    assert seed.area(7).improvements[-1] == last


def test_seed_texts_per_subarea_and_municipalities_worth_looking_at(seed):
    area1 = seed.area(1)
    assert area1.general_text.startswith("En kommun är en politiskt styrd organisation")
    assert [(s.heading, s.subarea_number) for s in area1.sections] == [
        ("Strategi for demokratiutveckling och information", 1),
        ("Information till medborgarna", 2),
        ("Medborgardialog och deltagande", 3),
        ("Motverka korruption", 4),
    ]
    assert [len(a.sections) for a in seed.areas] == [4, 6, 2, 6, 6, 6, 5]
    assert seed.area(2).sections[5].heading == (
        "Systemför service-/kvalitetsdeklarationer och synpunkts- /klagomålshantering"
    )
    assert [(r.name, r.code) for r in area1.references] == [("Nacka", "0182"), ("Upplands Väsby", "0114")]
    assert [r.name for r in seed.area(4).references] == ["Kungsbacka", "Eskilstuna"]
    assert "pande" not in seed.area(3).sections[0].text.split()  # "lö-" + page header + "pande" joined


def test_kk2020_layout_with_percent_decimal_comma_change_and_average(db):
    report = extract_report(samples.KK2020_FALUN, source_name="falun.txt")
    assert (report.municipality_code, report.year, report.version, report.ordinal) == ("2080", 2021, "kk2020", 2)
    assert [(a.number, a.score, a.change, a.average) for a in report.areas] == [
        (1, Decimal(58), None, None),
        (2, Decimal("62.5"), None, None),
        (3, Decimal(73), None, Decimal(63)),
        (4, Decimal(68), Decimal(16), None),
    ]
    assert report.total == Decimal("426.5")
    assert [(p.name, p.organisation) for p in report.evaluators] == [
        ("Anna Andersson", "SKR"),
        ("Bertil Berg", "Borlänge kommun"),
    ]
    area1 = report.area(1)
    assert area1.strengths == [
        "Demokratiplanen är antagen av fullmäktige",
        "Fullmäktiges möten sänds och arkiveras på webben",
        "Medborgarpanelen används inför större beslut",
    ]
    assert [r.name for r in area1.references] == ["Nacka", "Upplands Väsby"]
    assert [(s.heading, s.subarea_number) for s in area1.sections] == [
        ("Strategi för demokrati och medborgardialog", 1),
        ("Medborgardialog och delaktighet", 4),
    ]


def test_points_overview_and_short_facts_are_read(db):
    report = extract_report(samples.KK2020_FALUN, source_name="falun.txt")
    assert [(r.area_number, r.subarea_number, r.points, r.max_points) for r in report.overview] == [
        (1, None, Decimal(58), Decimal(100)),
        (1, 1, Decimal(14), Decimal(20)),
        (1, 2, Decimal(12), Decimal(20)),
        (1, 4, Decimal("10.5"), Decimal(20)),
        (2, None, Decimal("62.5"), Decimal(100)),
        (2, 2, Decimal(15), Decimal(20)),
    ]
    assert report.facts == {"Invånare": "59 000", "Anställda": "4 600", "Politisk majoritet": "S, C, KD"}


def test_kk2016_area_names_choose_kk2016_and_hyphenation_across_a_page_is_joined(db):
    report = extract_report(samples.KK2016_TRANAS, source_name="tranas.txt")
    assert (report.municipality_code, report.version, report.ordinal) == ("0687", "kk2016", 4)
    assert [(a.number, a.name, a.score) for a in report.areas] == [
        (2, "Brukarfokus, tillgänglighet och bemötande", Decimal(71)),
        (7, "Ständiga förbättringar", Decimal(66)),
    ]
    assert report.area(2).sections[0].text == "Kommunen har en strategi som antogs 2015 och som följs upp löpande."
    improvements = ["Inför servicedeklarationer i alla verksamheter", "Mät bemötandet regelbundet."]
    assert report.area(2).improvements == improvements


def test_evaluators_with_roles_and_their_own_organisations_are_kept_apart():
    people = parse_people("Lars Strid, senior konsult (SKL) och Anders Bergenek, Halmstad")
    assert [(p.name, p.organisation, p.role) for p in people] == [
        ("Lars Strid", "SKL", "senior konsult"),
        ("Anders Bergenek", "Halmstad", ""),
    ]
    people = parse_people("Lars Strid, SKL Ewa Luvö, Borås kommun")
    assert [(p.name, p.organisation) for p in people] == [("Lars Strid", "SKL"), ("Ewa Luvö", "Borås kommun")]


def test_run_together_items_split_at_a_new_capitalised_item_but_not_at_acronyms():
    text = "Plan för demokrati Kommunen sänder KF-mötena på webben Uppföljning sker i Nacka varje år."
    assert split_items(text) == [
        "Plan för demokrati",
        "Kommunen sänder KF-mötena på webben",
        "Uppföljning sker i Nacka varje år.",
    ]


def test_a_text_that_is_not_a_report_is_refused(db):
    with pytest.raises(NotAReport, match="inte ut att vara en Kommunkompassen-rapport"):
        extract_report(samples.NOT_A_REPORT, source_name="protokoll.txt")


def test_a_report_for_a_municipality_outside_the_registry_is_refused(db):
    with pytest.raises(NotAReport, match="finns inte i kommunregistret"):
        extract_report(samples.UNKNOWN_MUNICIPALITY, source_name="gronkoping.txt")


_SEED_PART = samples.SEED.read_text(encoding="utf-8")[:20000]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cut=st.integers(min_value=0, max_value=len(_SEED_PART)),
    length=st.integers(min_value=0, max_value=3000),
    junk=st.text(max_size=200),
)
def test_mutated_report_texts_never_raise_an_unhandled_exception(db, cut, length, junk):
    mutated = _SEED_PART[:cut] + junk + _SEED_PART[cut + length :]
    try:
        extract_report(mutated, source_name="mutated.txt")
    except NotAReport:
        pass


def test_a_heading_joining_several_rubriker_with_slashes_is_taken_whole(seed):
    area3 = next(a for a in seed.areas if a.number == 3)
    first = area3.sections[0]
    assert first.heading == "System för styrning/uppföljning/ Tydliga politiska mål/ Uppföljning och rapportering"
    assert first.text.startswith("Visionen Västerås 2026")
    assert first.subarea_number == 1


def test_seed_date_is_a_month_interviewees_as_printed_and_nothing_disagrees(seed):
    assert (seed.report_date, seed.report_date_text, seed.report_date_precision) == (
        "2012-12-01",
        "december 2012",
        "month",
    )
    assert (seed.interviewees_text, seed.interviewees, seed.interviewees_approximate) == (
        "ett 40-tal personer",
        40,
        True,
    )
    assert seed.conflicts == [] and [a.conflicts for a in seed.areas] == [[]] * 7
    assert [[s.place for s in a.sightings] for a in seed.areas] == [["områdesavsnittet"]] * 7
