"""Words the demo is made of: industries, departments and titles, deals, campaigns, touchpoints."""
from __future__ import annotations

import unicodedata

INDUSTRIES = ("Maschinenbau", "Banken", "Versicherungen", "Pharma", "Medizintechnik", "Software",
              "Detailhandel", "Logistik", "Energie", "Bau", "Gesundheitswesen", "Telekommunikation",
              "Nahrungsmittel", "Uhren", "Chemie", "Beratung", "Öffentliche Verwaltung", "Tourismus",
              "Immobilien", "Bildung", "Elektrotechnik", "Verkehr")
# Words that make a company name sound like its industry ("Keller Logistik AG").
INDUSTRY_WORDS = {"Maschinenbau": "Maschinenbau", "Banken": "Privatbank", "Versicherungen": "Versicherungen",
                  "Pharma": "Pharma", "Medizintechnik": "Medical", "Software": "Informatik",
                  "Detailhandel": "Handel", "Logistik": "Logistik", "Energie": "Energie", "Bau": "Bau",
                  "Gesundheitswesen": "Klinik", "Telekommunikation": "Telecom", "Nahrungsmittel": "Food",
                  "Uhren": "Uhren", "Chemie": "Chemie", "Beratung": "Consulting",
                  "Öffentliche Verwaltung": "Werke", "Tourismus": "Hotels", "Immobilien": "Immobilien",
                  "Bildung": "Akademie", "Elektrotechnik": "Elektro", "Verkehr": "Transport"}
LEGAL_FORMS = {"de_CH": ("AG", "AG", "GmbH", "Holding AG"), "fr_CH": ("SA", "SA", "Sàrl"),
               "it_IT": ("SA", "SA", "Sagl"), "de_DE": ("GmbH", "AG", "GmbH & Co. KG", "SE"),
               "de_AT": ("GmbH", "AG", "GesmbH")}
# Tokens left out of web domains ("Keller Logistik AG" -> keller-logistik.ch).
LEGAL_TOKENS = frozenset("ag gmbh sa sarl sagl se kg co holding gesmbh".split())
ACCOUNT_TYPES = (("customer", 45), ("prospect", 30), ("partner", 10), ("supplier", 10), ("competitor", 3),
                 ("other", 2))

# Department -> (title of its head, titles of its staff), in the base (masculine) form that
# `gendered` turns feminine where German does. The first department is the top.
DEPARTMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Geschäftsleitung": ("CEO", ("Assistent der Geschäftsleitung", "Stabschef", "Leiter Strategie")),
    "Finanzen": ("CFO", ("Controller", "Leiter Buchhaltung", "Treasury Manager", "Finanzanalyst")),
    "Informatik": ("CIO", ("IT-Projektleiter", "Systemengineer", "Enterprise-Architekt", "Leiter Applikationen",
                           "Datenschutzbeauftragter", "Head of Data")),
    "Einkauf": ("Leiter Einkauf", ("Einkäufer", "Category Manager", "Strategischer Einkäufer")),
    "Verkauf": ("Verkaufsleiter", ("Key Account Manager", "Verkaufsberater", "Leiter Innendienst")),
    "Marketing": ("CMO", ("Marketing Manager", "Leiter Kommunikation", "Produktmanager")),
    "Personal": ("Leiter HR", ("HR Business Partner", "Personalfachmann", "Leiter Ausbildung")),
    "Produktion": ("COO", ("Produktionsleiter", "Werkleiter", "Qualitätsmanager", "Leiter Technik")),
    "Logistik": ("Leiter Logistik", ("Disponent", "Supply Chain Manager", "Lagerleiter")),
    "Recht": ("General Counsel", ("Jurist", "Compliance Officer")),
    "Forschung & Entwicklung": ("CTO", ("Entwicklungsleiter", "Projektingenieur", "Laborleiter")),
    "Kundendienst": ("Leiter Kundendienst", ("Servicetechniker", "Teamleiter Support")),
}
DEPARTMENT_NAMES = tuple(DEPARTMENTS)
TEAMS = ("Team Nord", "Team Süd", "Digital", "Projekte", "Betrieb", "Strategie")
SECOND_JOB_TITLES = ("Beirat", "Berater (Mandat)", "Projektleiter (Mandat)", "Dozent", "Interim Manager")

USER_TITLES = {"admin": "CRM-Administrator", "manager": "Verkaufsleiter", "rep": "Account Manager",
               "viewer": "Business Analyst"}
DEMO_DOMAIN = "demo.graphcrm.ch"

PRODUCTS = ("CRM-Einführung", "Lizenzerweiterung", "Datenmigration", "Schulungspaket", "Wartungsvertrag",
            "Cloud-Umstellung", "Analytics-Projekt", "Integration ERP", "Rahmenvertrag", "Pilotprojekt",
            "Support Premium", "Beratungsmandat")
OPEN_STAGES = (("Prospecting", 10), ("Qualification", 20), ("Needs Analysis", 25), ("Value Proposition", 30),
               ("Id. Decision Makers", 40), ("Perception Analysis", 50), ("Proposal/Price Quote", 65),
               ("Negotiation/Review", 80))
CLOSED_STAGES = (("Closed Won", 100), ("Closed Lost", 0))
FULL_COMMITTEE = ("Decision Maker", "Economic Buyer", "Technical Buyer", "Evaluator", "Influencer",
                  "Executive Sponsor", "Business User")

CAMPAIGN_KINDS = (("Event", "Kundenanlass {city}"), ("Webinar", "Webinar Datenqualität"),
                  ("Newsletter", "Newsletter {quarter}"), ("Messe", "Swiss CRM Forum"),
                  ("Direct Mail", "Mailing Neujahr"), ("Event", "Golfturnier {city}"),
                  ("Webinar", "Webinar KI im Vertrieb"), ("Event", "Roadshow {city}"))

ACTIVITY_KINDS = (("email", 34), ("call", 26), ("meeting", 20), ("note", 10), ("event", 10))
SUBJECTS = {
    "email": ("Offerte {product}", "Unterlagen zum Termin", "Rückfrage Vertrag", "Einladung {event}",
              "Zusammenfassung Besprechung", "Angebot nachgereicht"),
    "call": ("Kurzer Austausch", "Nachfassen Offerte", "Terminvereinbarung", "Klärung Anforderungen",
             "Erstgespräch", "Budgetfrage"),
    "meeting": ("Workshop {product}", "Quartalsgespräch", "Kick-off", "Präsentation Lösung",
                "Mittagessen", "Vertragsverhandlung"),
    "event": ("{event}", "Kundenanlass", "Messebesuch", "Fachtagung"),
    "note": ("Notiz: Organigramm aktualisiert", "Notiz: neuer Ansprechpartner", "Notiz: Budget 2026",
             "Notiz: Entscheid vertagt"),
}
DURATIONS = {"call": (5, 45), "meeting": (30, 120), "event": (90, 480)}

INTERESTS = ("Golf", "Skifahren", "Wandern", "Segeln", "Jazz", "Fussball", "Eishockey", "Wein", "Kunst",
             "Oper", "Velofahren", "Laufen", "Kochen", "Fotografie", "Schach", "Tennis")
KNOWS_SOURCES = ("Studium", "früherer Arbeitgeber", "Verein", "Konferenz", "LinkedIn", "Nachbarschaft",
                 "Militärdienst", "Projekt")
KNOWS_NOTES = ("kennen sich gut", "per du", "gemeinsames Projekt 2019", "spielen zusammen Golf")
SALUTATIONS = {"de": ("Herr", "Frau"), "fr": ("Monsieur", "Madame"), "it": ("Signor", "Signora"),
               "en": ("Mr", "Ms")}
TARGET_NAMES = {"User": "Touchpoints {name}", "Account": "Key Account {name}", "Person": "Kontaktpflege {name}"}

_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


_FEMININE = (("Personalfachmann", "Personalfachfrau"), ("beauftragter", "beauftragte"),
             ("Strategischer", "Strategische"), ("Stabschef", "Stabschefin"), ("Beirat", "Beirätin"))
_FEMININE_ENDINGS = ("leiter", "käufer", "berater", "techniker", "ingenieur", "analyst", "jurist",
                     "architekt", "disponent", "assistent", "controller", "manager", "dozent", "administrator")


def gendered(title: str, female: bool) -> str:
    """Return a job title in the feminine form for women ("Leiter Einkauf" -> "Leiterin Einkauf")."""
    if not female:
        return title
    for male, female_form in _FEMININE:
        title = title.replace(male, female_form)
    words = title.split(" ")
    for i, word in enumerate(words):
        if word.lower().endswith(_FEMININE_ENDINGS) and word not in ("Key", "Account"):
            words[i] = word + "in"
    return " ".join(words)


def ascii_slug(text: str, sep: str = "") -> str:
    """Return `text` as lower-case ASCII letters and digits for e-mails and domains (Müller -> mueller)."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode()
    words = ["".join(ch for ch in word if ch.isalnum()) for word in text.lower().replace("-", " ").split()]
    return sep.join(word for word in words if word)
