# ruff: noqa: E501  (scraped reports arrive as very long lines; the samples keep that layout)
"""Report texts written for the tests, in layouts other than the seed's."""

from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "kompass" / "importer" / "data" / "vasteras-2012.txt"

# kk2020: area names of the 2020 criteria, scores as percent, with change and national average in the
# heading, decimal comma, items as bullets, a "Kommuner att titta närmare på" list, a points overview
# and short facts.
KK2020_FALUN = """KommunKompassen
ANALYS AV FALU KOMMUN 2021
Utvärderare: Anna Andersson, SKR och Bertil Berg, Borlänge kommun
Sveriges Kommuner och Regioner 2021-11-15 2 (12)
1 Vad är Kommunkompassen?
Kommunkompassen är ett verktyg för utvärdering och analys av kommuners sätt att arbeta.
2 Falu kommun i förhållande till Kommunkompassen
Utvärderingen av Falu kommun genomfördes i oktober 2021 och var kommunens andra utvärdering enligt
Kommunkompassens kriterier. Totalpoäng: 426,5 av 800.
Sveriges Kommuner och Regioner 2021-11-15 3 (12)
Område 1 Samspel mellan förtroendevalda och medborgare 58 %
Allmänt
Kommunen arbetar med medborgardialog på flera sätt och har en plan som fullmäktige antagit.
Strategi för demokrati och medborgardialog
Det finns en demokratiplan från 2019. Den följs upp varje år i årsredovisningen och är känd av
cheferna.
Medborgardialog och delaktighet
Dialogerna är många men återkopplingen till invånarna är ojämn.
Styrkor
• Demokratiplanen är antagen av fullmäktige
• Fullmäktiges möten sänds och arkiveras på webben
• Medborgarpanelen används inför större beslut
Förbättringsmöjligheter
• Återkoppla resultatet av varje dialog
• Publicera jämförelser med andra kommuner
Kommuner att titta närmare på: Nacka, Upplands Väsby
Område 2 Samhällsutveckling – 62,5 poäng
Allmänt
Kommunen samverkar i regionen och med näringslivet.
Styrkor
• Ett aktivt näringslivsråd
Förbättringsmöjligheter
• Tydligare mål för hållbar utveckling
Område 3 Styrning och kontroll 73 (63)
Allmänt
Styrmodellen är tydlig.
Styrkor
• En sammanhållen styrmodell
Förbättringsmöjligheter
• Färre mål och fler mått
Område 4 Effektivitet 68 (+16)
Allmänt
Effektiviteten jämförs med liknande kommuner.
Styrkor
• Jämförelser med liknande kommuner i alla verksamheter
Förbättringsmöjligheter
• Koppla kostnad till kvalitet
Översikt av poängfördelning
Område 1 Samspel mellan förtroendevalda och medborgare 58 av 100
Strategi för demokrati och medborgardialog 14 av 20
Information och insyn i beslutsprocessen 12 av 20
Medborgardialog och delaktighet 10,5 av 20
Område 2 Samhällsutveckling 62,5 av 100
Näringsliv och arbetsmarknad 15 av 20
Kortfakta om Falu kommun
Invånare: 59 000
Anställda: 4 600
Politisk majoritet: S, C, KD
"""

# kk2016: the 2016 names of areas 2 and 7, "Poäng 71" after the Rubriker, run-together lists as in
# scraped text, a word hyphenated across a page break.
KK2016_TRANAS = """KommunKompassen ANALYS AV TRANÅS KOMMUN 2017 Utvärderare: Lars Strid, senior konsult (SKL) och Anders Bergenek, Halmstad Sveriges Kommuner och Landsting 2017-05-10
2 Sveriges Kommuner och Landsting (25) Utvärderingen av Tranås kommun genomfördes i mars 2017 och var kommunens fjärde utvärdering enligt Kommunkompassen.
3 Sveriges Kommuner och Landsting (25) Område 2 Brukarfokus, tillgänglighet och bemötande Rubriker Strategi för brukarorientering Tillgänglighet och bemötande Valfrihet Poäng 71 Allmänt Brukarna står i centrum. Strategi för brukarorientering Kommunen har en strategi som antogs 2015 och som följs upp lö-
4 Sveriges Kommuner och Landsting (25) pande. Valfrihet Det finns valfrihet i hemtjänsten. Styrkor Kommunen har en antagen strategi för brukarorientering Valfrihet finns inom hemtjänsten och förskolan. Förbättringsmöjligheter Inför servicedeklarationer i alla verksamheter Mät bemötandet regelbundet. Område 7 Ständiga förbättringar Rubriker Strategiskt kvalitetsarbete IT-stöd Poäng 66 Allmänt Kvalitetsarbetet är under uppbyggnad. Styrkor Kommunen deltar i nätverk för kvalitetsutveckling. Förbättringsmöjligheter Skapa ett gemensamt ledningssystem för kvalitet.
"""

NOT_A_REPORT = """Protokoll från kommunstyrelsens sammanträde
§ 1 Val av justerare. Kommunstyrelsen beslutar att utse Anna Andersson att justera protokollet.
§ 2 Budget 2024. Ärendet bordläggs till nästa sammanträde.
"""

UNKNOWN_MUNICIPALITY = """KommunKompassen ANALYS AV GRÖNKÖPINGS KOMMUN 2015 Utvärderare: Lars Strid, SKL
Område 1 Offentlighet och demokrati Rubriker Information till medborgare Poäng 55 Allmänt Text. Styrkor En stark sida. Förbättringsmöjligheter En svag sida.
"""
