# ruff: noqa: E501  (one line per area keeps the expected values readable)
"""What each test report under tests/importer/reports/ must give: every field, written out by hand."""

from decimal import Decimal
from pathlib import Path

REPORTS = Path(__file__).resolve().parent / "reports"

D = Decimal

# name: (identity, total, areas) — areas: number → (score, average, change, strengths, improvements)
EXPECTED = {
    "kk2002-gavle-2008.txt": {
        "identity": {
            "municipality_code": "2180",
            "year": 2008,
            "version": "kk2002",
            "ordinal": 1,
            "report_date": "2008-03-01",
            "report_date_precision": "month",
            "interviewees_text": "ett 30-tal personer",
            "interviewees": 30,
            "interviewees_approximate": True,
            "evaluators": [
                ("Leif Eldås", "SKL"),
                ("Bengt-Olof Knutsson", "SKL"),
                ("Anders Norrlid", "SKL"),
            ],
        },
        "total": (D("426.5"), D("426.5")),
        "areas": {
            1: (D(54), None, None, ["Fullmäktiges sammanträden annonseras i dagspressen och på webben", "Medborgarförslag"],
                ["Utveckla en samlad plan för medborgardialog", "Redovisa resultat för medborgarna"]),
            2: (D("62.5"), None, None, ["Servicegarantier inom äldreomsorgen"], ["Följa upp synpunkter och klagomål systematiskt"]),
            3: (D(71), None, None, ["Tydlig delegationsordning"], ["Ta fram färre och mätbara mål"]),
            4: (D(48), None, None, ["Chefer har ansvar för ekonomi och personal"], ["Sprida goda exempel mellan förvaltningarna"]),
            5: (D(52), None, None, ["Regelbunden ekonomisk uppföljning"], ["Koppla ihop ekonomi och verksamhet i rapporterna"]),
            6: (D(57), None, None, ["Medarbetarsamtal med alla anställda"], ["Utveckla lönesättningen"]),
            7: (D(31), None, None, ["Värdegrundsarbete"], ["Ta fram en strategi för kvalitetsutveckling"]),
            8: (D(51), None, None, ["Ett aktivt näringslivsråd"], ["Följa upp samverkan med föreningslivet"]),
        },
    },
    "kk2010-sundbyberg-2010.txt": {
        "identity": {
            "municipality_code": "0183",
            "year": 2010,
            "version": "kk2010",
            "ordinal": 2,
            "report_date": "2010-12-15",
            "report_date_precision": "day",
            "interviewees_text": "34 personer",
            "interviewees": 34,
            "interviewees_approximate": False,
            "evaluators": [("J. Henrik Bergström", "SKL"), ("Britt-Marie Hedlund", "Knivsta kommun")],
        },
        "total": (D(488), D(488)),
        "areas": {
            1: (D(66), None, None, ["En demokratiplan antagen av fullmäktige", "Webbsända sammanträden"],
                ["Utveckla återkopplingen efter dialoger", "Ta fram en plan mot korruption"]),
            2: (D(59), None, None, ["Brukarundersökningar i alla verksamheter"], ["Inför servicedeklarationer"]),
            3: (D(70), None, None, ["En tydlig styrmodell"], ["Färre mål i budgeten"]),
            4: (D(61), None, None, ["Chefsavtal för alla chefer"], ["Utveckla ledarutvecklingen"]),
            5: (D(55), None, None, ["Deltar i Kommunens kvalitet i korthet"], ["Koppla kostnader till kvalitet"]),
            6: (D(62), None, None, ["Medarbetarenkät vartannat år"], ["Utveckla mångfaldsarbetet"]),
            7: (D(57), None, None, ["Ett kvalitetsnätverk för chefer"], ["Sprida goda exempel"]),
            8: (D(58), None, None, ["Samverkan med näringslivet"], ["Följa upp miljömålen"]),
        },
    },
    "kk2016-sigtuna-2017-docplayer.txt": {
        "identity": {
            "municipality_code": "0191",
            "year": 2017,
            "version": "kk2016",
            "ordinal": 3,
            "report_date": "2017-10-02",
            "report_date_precision": "day",
            "interviewees_text": "drygt 40 personer",
            "interviewees": 40,
            "interviewees_approximate": True,
            "evaluators": [("Märit Melbi", "SKL"), ("Ingmar Kärrsten", "Halmstads kommun")],
        },
        "total": (D(548), D(548)),
        "areas": {
            1: (D(61), D(63), None,
                ["En av fullmäktige antagen demokratiplan", "Webbsända fullmäktigesammanträden", "Medborgardialoger i alla kommundelar"],
                ["Utveckla återkopplingen till invånarna efter dialoger", "Ta fram en plan för att motverka korruption", "Värdegrundsarbete"]),
            2: (D(68), D(60), None, ["Servicedeklarationer inom de flesta verksamheter", "Ett kontaktcenter med långa öppettider"],
                ["Följa upp servicedeklarationerna och redovisa utfallet för invånarna", "Sprida arbetet med bemötande till alla förvaltningar"]),
            3: (D(73), D(63), None, ["En sammanhållen styrmodell med få och mätbara mål"], ["Koppla mål och resurser tydligare i budgeten"]),
            4: (D(70), D(62), None, ["Chefsavtal med resultatmål för alla chefer", "Ett gemensamt ledarutvecklingsprogram"],
                ["Utveckla samarbetet mellan förvaltningarna"]),
            5: (D(64), D(58), None, ["Jämförelser med liknande kommuner"], ["Koppla kostnader till kvalitet i alla verksamheter"]),
            6: (D(66), D(61), None, ["Hög svarsfrekvens i medarbetarenkäten"], ["Ta fram en plan för kompetensförsörjning"]),
            7: (D(69), D(55), None, ["Ett gemensamt ledningssystem för kvalitet"], ["Sprida goda exempel mellan förvaltningarna"]),
            8: (D(77), D(66), None, ["Ett aktivt näringslivsråd", "Tydliga mål för hållbar utveckling"], ["Följa upp miljömålen i årsredovisningen"]),
        },
    },
    "kk2020-lulea-2022-pdfslide.txt": {
        "identity": {
            "municipality_code": "2580",
            "year": 2022,
            "version": "kk2020",
            "ordinal": 4,
            "report_date": "2022-11-01",
            "report_date_precision": "month",
            "interviewees_text": "cirka 45 personer",
            "interviewees": 45,
            "interviewees_approximate": True,
            "evaluators": [("Anna Eklöf", "SKR"), ("Linda Persson Melin", "SKR")],
        },
        "total": (D(506), D(506)),
        "areas": {
            1: (D(71), D(63), None, ["Medborgardialoger inför alla stora beslut", "Fullmäktige sänds och textas"],
                ["Utveckla e-förslag", "Redovisa jämförelser med andra kommuner"]),
            2: (D(64), D(62), None, ["Ett starkt samarbete med universitetet"], ["Ta fram en näringslivsstrategi med mätbara mål"]),
            3: (D(58), D(60), None, ["Uppföljningen sker varje månad och redovisas för fullmäktige", "Internkontrollen är väl utvecklad"],
                ["Färre mål och tydligare indikatorer"]),
            4: (D(62), D(59), None, ["Jämförelser i alla verksamheter"], ["Koppla kostnad till kvalitet"]),
            5: (D(60), D(61), None, ["Servicedeklarationer i flera verksamheter"], ["Återkoppla synpunkter till brukarna"]),
            6: (D(55), D(57), None, ["Ett nätverk för kvalitetsutvecklare"], ["Ta fram ett gemensamt ledningssystem"]),
            7: (D(67), D(64), None, ["Hög svarsfrekvens i medarbetarenkäten"], ["Utveckla kompetensförsörjningen"]),
            8: (D(69), D(66), None, ["Ett ledarprogram för alla nya chefer"], ["Följa upp medarbetarskapet"]),
        },
    },
    "page-kramfors-2013.txt": {
        "identity": {
            "municipality_code": "2282",
            "year": 2013,
            "version": "kk2010",
            "ordinal": 3,
            "report_date": None,
            "report_date_precision": "",
            "interviewees_text": "",
            "interviewees": None,
            "interviewees_approximate": False,
            "evaluators": [],
        },
        "total": (D(448), D(447)),
        "areas": {
            n: (D(score), None, D(change), [], [])
            for n, score, change in (
                (1, 58, 7), (2, 56, 11), (3, 73, 11), (4, 53, 19), (5, 58, 6), (6, 45, 18), (7, 44, 5), (8, 60, 7)
            )
        },
    },
}  # fmt: skip
