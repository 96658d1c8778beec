"""The made-up but realistic content of the Twente demo: organisations, courses, accounts."""

# (name, municipality CBS code, [(title, level, price in cents, months, description)])
PROVIDERS = [
    (
        "Zorgacademie Oost",
        "GM0153",
        [
            (
                "Helpende Zorg en Welzijn",
                2,
                320000,
                12,
                "Basiszorg en ondersteuning in het dagelijks leven van cliënten.",
            ),
            (
                "Verzorgende IG",
                3,
                495000,
                18,
                "Verzorgen, verplegen en begeleiden van cliënten in de ouderenzorg en thuiszorg.",
            ),
            (
                "Mbo-Verpleegkundige",
                4,
                680000,
                30,
                "Verpleegkundige zorg in ziekenhuis, wijk en verpleeghuis.",
            ),
            (
                "Doktersassistent",
                4,
                540000,
                24,
                "Assisteren in de huisartsenpraktijk: triage, spreekuur, administratie.",
            ),
            (
                "Begeleider Gehandicaptenzorg",
                3,
                460000,
                18,
                "Ondersteunen van mensen met een beperking in wonen, werken en vrije tijd.",
            ),
            (
                "Medicatie en voorbehouden handelingen",
                3,
                85000,
                3,
                "Module voor zij-instromers in de zorg.",
            ),
            (
                "Module Basiszorg en Persoonlijke Verzorging",
                2,
                145000,
                4,
                "Cliënten helpen bij wassen, aankleden, eten en drinken; observeren en "
                "rapporteren in het zorgdossier.",
            ),
        ],
    ),
    (
        "Techniek Academie Twente",
        "GM0164",
        [
            (
                "Monteur Elektrotechnische Installaties",
                2,
                410000,
                12,
                "Aanleggen en aansluiten van elektrische installaties in woningen en utiliteit.",
            ),
            (
                "Eerste Monteur Elektrotechnische Installaties",
                3,
                520000,
                18,
                "Zelfstandig installeren, storingzoeken en opleveren van installaties.",
            ),
            ("Panelenbouwer", 2, 385000, 12, "Bouwen en bedraden van schakel- en verdeelkasten."),
            (
                "Monteur Mechatronica",
                3,
                560000,
                18,
                "Monteren en afstellen van mechatronische systemen.",
            ),
            (
                "Technicus Mechatronica",
                4,
                640000,
                24,
                "Onderhoud, storingsanalyse en optimalisatie van productiesystemen.",
            ),
            (
                "Elektrotechnicus Energietransitie",
                4,
                610000,
                24,
                "Zonnepanelen, laadpalen en warmtepompen aansluiten en beheren.",
            ),
        ],
    ),
    (
        "Metaal Vakschool Almelo",
        "GM0141",
        [
            (
                "CNC-verspaner",
                2,
                395000,
                12,
                "Programmeren en bedienen van CNC-draai- en freesbanken.",
            ),
            (
                "Allround CNC-verspaner",
                3,
                495000,
                18,
                "Complexe werkstukken, CAM-programmering en kwaliteitscontrole.",
            ),
            (
                "Lasser MIG/MAG",
                2,
                280000,
                9,
                "Lassen van constructiestaal volgens lasmethodebeschrijving.",
            ),
            (
                "Constructiewerker",
                2,
                350000,
                12,
                "Samenstellen en lassen van metalen constructies.",
            ),
            (
                "Servicemonteur Werktuigbouw",
                3,
                470000,
                18,
                "Onderhoud en reparatie van industriële machines.",
            ),
            (
                "Operator B Procesindustrie",
                3,
                430000,
                18,
                "Bedienen en bewaken van productieprocessen.",
            ),
            (
                "Module CNC-programmeren en Verspanen",
                3,
                195000,
                5,
                "CNC-programma's schrijven, draaibanken en freesmachines instellen, meten en "
                "kwaliteitscontrole, voor ervaren operators.",
            ),
        ],
    ),
    (
        "ICT Vakschool Hengelo",
        "GM0164",
        [
            (
                "Medewerker ICT Support",
                3,
                420000,
                18,
                "Gebruikers ondersteunen, werkplekken en netwerken beheren.",
            ),
            ("Software Developer", 4, 690000, 30, "Webapplicaties bouwen, testen en onderhouden."),
            (
                "Netwerk- en Mediabeheerder",
                4,
                650000,
                24,
                "Netwerken, servers en cloudomgevingen beheren.",
            ),
            (
                "Cybersecurity Basis",
                4,
                195000,
                6,
                "Beveiligingsincidenten herkennen en basismaatregelen treffen.",
            ),
            ("Data-analyse met Python", 4, 175000, 4, "Data verzamelen, opschonen en analyseren."),
            (
                "Digitale Vaardigheden voor de Zorg",
                2,
                65000,
                2,
                "Werken met het elektronisch cliëntdossier en zorgdomotica.",
            ),
        ],
    ),
    (
        "Leren en Werken Oost",
        "GM0163",
        [
            (
                "Logistiek Medewerker",
                2,
                290000,
                12,
                "Ontvangen, opslaan en verzenden van goederen.",
            ),
            (
                "Medewerker Facilitaire Dienstverlening",
                2,
                260000,
                12,
                "Schoonmaak, catering en receptie in zorg en bedrijven.",
            ),
            (
                "NT2 Taal op de Werkvloer (B1)",
                2,
                150000,
                6,
                "Nederlands als tweede taal voor nieuwkomers, gericht op werk.",
            ),
            (
                "Pedagogisch Medewerker Kinderopvang",
                3,
                455000,
                18,
                "Begeleiden van kinderen in de kinderopvang.",
            ),
            (
                "Sociaal Werker",
                4,
                600000,
                30,
                "Ondersteunen van mensen bij problemen in hun dagelijks leven.",
            ),
            (
                "Veiligheid en Gezondheid op het Werk (VCA)",
                2,
                35000,
                1,
                "Basisveiligheid voor technische beroepen.",
            ),
        ],
    ),
]

ADVICE_ORGANISATION = ("Leerwerkloket Twente", "GM0153")
# A second advice organisation: its advisors never see the Leerwerkloket's participants.
SECOND_ADVICE_ORGANISATION = ("Werkplein Hengelo", "GM0164")
FUND = ("Twents Fonds voor Vakmanschap – backoffice gemeente Enschede", "GM0153")

# (name, KvK number, municipality)
EMPLOYERS = [
    ("Zorggroep Noord-Oost Twente", "91000011", "GM0147"),
    ("Ziekenhuisgroep Twente Zuid", "91000012", "GM0153"),
    ("Thuiszorg Tubbergen-Dinkelland", "91000013", "GM1774"),
    ("Machinefabriek Hof van Twente", "91000014", "GM1735"),
    ("Installatiebedrijf Rijssen-Holten", "91000015", "GM1742"),
    ("Kunststoftechniek Oldenzaal", "91000016", "GM0173"),
    ("Metaalbewerking Wierden", "91000017", "GM0189"),
    ("Softwarehuis Hengelo", "91000018", "GM0164"),
    ("Logistiek Centrum Almelo", "91000019", "GM0141"),
    ("Kinderopvang Losser", "91000020", "GM0168"),
]

DEMO_PASSWORD = "demo"

# (e-mail, full name, role, organisation key: "advice" | "advice2" | "fund" | provider index |
# employer index). Two of each staff role (in different organisations, or two fund officers) so
# that every four-eyes path and every organisation boundary can be tried.
ACCOUNTS = [
    ("deelnemer@demo.local", "Sanne de Vries", "participant", None),
    ("adviseur@demo.local", "Mehmet Yılmaz", "advisor", "advice"),
    ("adviseur2@demo.local", "Ilse ter Horst", "advisor", "advice2"),
    ("fonds@demo.local", "Anke Oude Luttikhuis", "fund_officer", "fund"),
    ("fonds2@demo.local", "Bart Wessels", "fund_officer", "fund"),
    ("financien@demo.local", "Gerrit Nijhuis", "finance_officer", "fund"),
    ("financien2@demo.local", "Nicole Bosch", "finance_officer", "fund"),
    ("opleider@demo.local", "Lotte Brinkman", "provider_staff", ("provider", 0)),
    ("opleider2@demo.local", "Ruud Kuipers", "provider_staff", ("provider", 1)),
    ("werkgever@demo.local", "Joost Kamphuis", "employer_staff", ("employer", 3)),
    ("werkgever2@demo.local", "Esther Nijenhuis", "employer_staff", ("employer", 0)),
    ("monitor@demo.local", "Fatima El Amrani", "monitor", None),
    ("admin@demo.local", "Beheerder Demo", "administrator", None),
]
