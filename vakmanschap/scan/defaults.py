"""The default questionnaire (version 1) and the instruments, written for this project.

Loaded by migration 0002 and by `vakmanschap scan_defaults`. Frozen: to change the content,
the fund copies the version in the admin and edits the copy.
Each dimension: (key, label nl, label en, advice nl, advice en, instrument keys,
[(statement nl, statement en, reverse)]).
"""

INSTRUMENTS = [
    (
        "training-cheque",
        "Scholingscheque van het Twents Fonds voor Vakmanschap",
        "Training cheque from the Twents Fonds voor Vakmanschap",
        "Het fonds betaalt een mbo-opleiding (tot niveau 4) richting een kansberoep voor uw medewerkers.",
        "The fund pays for vocational training (up to MBO level 4) towards a shortage occupation for your staff.",
        "https://www.twentsfondsvoorvakmanschap.nl/",
    ),
    (
        "development-advice",
        "Loopbaan- en ontwikkeladvies via het Leerwerkloket Twente",
        "Career and development advice through the Leerwerkloket Twente",
        "Een loopbaanadviseur brengt samen met uw medewerker wensen en mogelijkheden in kaart.",
        "A career advisor maps out wishes and possibilities together with your employee.",
        "https://twente.lerenenwerken.nl/",
    ),
    (
        "slim",
        "SLIM-subsidie: leren en ontwikkelen in het mkb",
        "SLIM subsidy: learning and development in SMEs",
        "Landelijke subsidie voor mkb-bedrijven, o.a. voor een doorlichting met opleidingsplan, "
        "ontwikkeladviezen en het invoeren van leren op de werkplek.",
        "National subsidy for SMEs, among other things for a review with a training plan, "
        "development advice and introducing learning at the workplace.",
        "https://www.uitvoeringvanbeleidszw.nl/subsidies-en-regelingen/slim-regeling",
    ),
]

TITLE = ("Scan sociale innovatie", "Social-innovation scan")

DIMENSIONS = [
    (
        "dynamisch-managen",
        "Dynamisch managen",
        "Dynamic management",
        "Plan elk kwartaal een kort teamoverleg over de vraag 'wat kan beter?' en laat zien wat er met de ideeën gebeurt.\n"
        "Geef leidinggevenden een training in coachend leidinggeven.\n"
        "Leg bij elke verandering uit waarom die nodig is en wat die voor de mensen betekent.",
        "Hold a short team meeting every quarter on 'what could be better?' and show what happens to the ideas.\n"
        "Give managers training in coaching leadership.\n"
        "With every change, explain why it is needed and what it means for the people involved.",
        ["development-advice", "slim"],
        [
            (
                "Leidinggevenden bespreken regelmatig met medewerkers hoe het werk beter kan.",
                "Managers regularly discuss with staff how the work can be done better.",
                False,
            ),
            (
                "Wij passen onze plannen snel aan als klanten of de markt daarom vragen.",
                "We quickly adapt our plans when customers or the market call for it.",
                False,
            ),
            (
                "Medewerkers krijgen de ruimte om zelf beslissingen over hun werk te nemen.",
                "Employees are given room to make their own decisions about their work.",
                False,
            ),
            (
                "Nieuwe ideeën stranden hier meestal op 'zo doen we het nu eenmaal'.",
                "New ideas here usually run aground on 'this is simply how we do things'.",
                True,
            ),
            (
                "De leiding legt uit waarom veranderingen nodig zijn.",
                "Management explains why changes are needed.",
                False,
            ),
        ],
    ),
    (
        "flexibel-organiseren",
        "Flexibel organiseren",
        "Flexible organising",
        "Laat teams binnen duidelijke kaders hun eigen rooster en werkverdeling maken.\n"
        "Leid medewerkers breder op, zodat ze in meer functies kunnen werken.\n"
        "Leg vast welke beslissingen een team zelf mag nemen, en houd je daaraan.",
        "Let teams make their own rota and division of work within clear limits.\n"
        "Train staff more broadly so that they can work in more roles.\n"
        "Agree which decisions a team may take itself, and stick to it.",
        ["slim", "training-cheque"],
        [
            (
                "Teams kunnen hun werk grotendeels zelf indelen.",
                "Teams can largely organise their own work.",
                False,
            ),
            (
                "Medewerkers kunnen gemakkelijk bijspringen in een ander team of een andere functie.",
                "Staff can easily help out in another team or another role.",
                False,
            ),
            (
                "Werktijden zijn af te stemmen op wat het werk én de medewerker nodig hebben.",
                "Working hours can be matched to what both the work and the employee need.",
                False,
            ),
            (
                "Voor kleine beslissingen moeten medewerkers vaak wachten op toestemming van hogerop.",
                "For small decisions, staff often have to wait for permission from higher up.",
                True,
            ),
            (
                "Taken en verantwoordelijkheden zijn zo verdeeld dat we snel kunnen schakelen.",
                "Tasks and responsibilities are divided so that we can switch quickly.",
                False,
            ),
        ],
    ),
    (
        "slimmer-werken",
        "Slimmer werken",
        "Working smarter",
        "Breng samen met de mensen op de werkvloer in kaart waar tijd verloren gaat, en schrap elke maand één verspilling.\n"
        "Betrek gebruikers vanaf het begin bij nieuwe systemen en machines.\n"
        "Train medewerkers in de digitale vaardigheden die het werk van morgen vraagt.",
        "Map out with the people on the shop floor where time is lost, and remove one kind of waste every month.\n"
        "Involve users from the start when introducing new systems and machines.\n"
        "Train staff in the digital skills that tomorrow's work requires.",
        ["training-cheque", "slim"],
        [
            (
                "We zoeken actief naar manieren om onnodig werk te schrappen.",
                "We actively look for ways to cut unnecessary work.",
                False,
            ),
            (
                "Nieuwe technologie voeren we in samen met de mensen die ermee moeten werken.",
                "We introduce new technology together with the people who will work with it.",
                False,
            ),
            (
                "Medewerkers weten hoe hun werk bijdraagt aan het resultaat van het bedrijf.",
                "Employees know how their work contributes to the company's results.",
                False,
            ),
            (
                "Er gaat veel tijd verloren aan dubbel werk, wachten of zoeken naar informatie.",
                "A lot of time is lost to duplicate work, waiting or searching for information.",
                True,
            ),
            (
                "Verbeterideeën van de werkvloer worden echt uitgevoerd.",
                "Improvement ideas from the shop floor are actually put into practice.",
                False,
            ),
        ],
    ),
    (
        "co-creatie",
        "Co-creatie",
        "Co-creation",
        "Kom naar de netwerkbijeenkomsten van het fonds en zoek een partnerbedrijf om kennis mee te delen.\n"
        "Start een project met een mbo- of hbo-instelling, bijvoorbeeld een praktijkopdracht voor studenten.\n"
        "Zet verbeterteams op met mensen uit verschillende afdelingen.",
        "Come to the fund's network meetings and find a partner company to share knowledge with.\n"
        "Start a project with a vocational college or university of applied sciences, for example a student assignment.\n"
        "Set up improvement teams with people from different departments.",
        ["slim", "development-advice"],
        [
            (
                "We werken met klanten of leveranciers samen aan nieuwe producten of diensten.",
                "We work with customers or suppliers on new products or services.",
                False,
            ),
            (
                "We werken samen met onderwijs- of kennisinstellingen in de regio.",
                "We work together with education or knowledge institutions in the region.",
                False,
            ),
            (
                "We delen kennis en ervaringen met andere bedrijven.",
                "We share knowledge and experience with other companies.",
                False,
            ),
            (
                "Problemen lossen we het liefst alleen op, zonder partners erbij te halen.",
                "We prefer to solve problems on our own, without bringing in partners.",
                True,
            ),
            (
                "Medewerkers van verschillende afdelingen werken samen aan verbeteringen.",
                "Employees from different departments work together on improvements.",
                False,
            ),
        ],
    ),
    (
        "leercultuur",
        "Leercultuur en leven lang ontwikkelen",
        "Learning culture and lifelong development",
        "Voer met elke medewerker een jaarlijks ontwikkelgesprek en leg de afspraken vast in een persoonlijk ontwikkelplan.\n"
        "Stel een leerbudget per medewerker beschikbaar en maak tijd vrij om te leren.\n"
        "Bied leerwerkplekken (BBL) aan en maak ervaren collega's praktijkopleider.",
        "Hold a yearly development conversation with every employee and record the agreements in a personal development plan.\n"
        "Give every employee a learning budget and make time for learning.\n"
        "Offer learning-work places (BBL) and make experienced colleagues workplace trainers.",
        ["training-cheque", "development-advice", "slim"],
        [
            (
                "Elke medewerker heeft minstens één keer per jaar een gesprek over zijn of haar ontwikkeling.",
                "Every employee has a conversation about their development at least once a year.",
                False,
            ),
            (
                "Er is tijd en geld om te leren, voor alle medewerkers.",
                "There is time and money for learning, for all employees.",
                False,
            ),
            (
                "Fouten zien we als een kans om van te leren.",
                "We see mistakes as a chance to learn.",
                False,
            ),
            (
                "Opleiden is hier vooral iets voor nieuwe of hoger opgeleide medewerkers.",
                "Training here is mainly for new or more highly educated staff.",
                True,
            ),
            (
                "Ervaren collega's dragen hun vakkennis actief over aan anderen.",
                "Experienced colleagues actively pass on their craft to others.",
                False,
            ),
            (
                "Wij bieden leerwerkplekken aan, bijvoorbeeld BBL-plaatsen of stages.",
                "We offer learning-work places, for example BBL places or internships.",
                False,
            ),
        ],
    ),
    (
        "duurzame-inzetbaarheid",
        "Duurzame inzetbaarheid",
        "Sustainable employability",
        "Bespreek werkvermogen en werkdruk in het jaarlijkse gesprek en pak knelpunten aan.\n"
        "Bied loopbaan- of ontwikkeladvies aan, zeker aan medewerkers in fysiek zwaar werk.\n"
        "Vraag parttimers of ze meer uren willen werken en bied de scholing aan die dat mogelijk maakt.",
        "Discuss work ability and workload in the yearly conversation and tackle the bottlenecks.\n"
        "Offer career or development advice, especially to employees in physically demanding work.\n"
        "Ask part-timers whether they want to work more hours and offer the training that makes it possible.",
        ["development-advice", "training-cheque", "slim"],
        [
            (
                "We praten met medewerkers over hoe ze gezond en met plezier kunnen blijven werken tot hun pensioen.",
                "We talk with employees about how they can keep working healthily and happily until they retire.",
                False,
            ),
            (
                "Het werk wordt aangepast als iemands gezondheid of situatie daarom vraagt.",
                "Work is adapted when someone's health or situation calls for it.",
                False,
            ),
            (
                "Medewerkers ervaren voortdurend een te hoge werkdruk.",
                "Employees constantly experience too much pressure of work.",
                True,
            ),
            (
                "Medewerkers worden aangemoedigd om ook buiten hun huidige functie te kijken.",
                "Employees are encouraged to look beyond their current job as well.",
                False,
            ),
            (
                "Parttimers die meer uren willen werken, krijgen daar de kans voor.",
                "Part-timers who want to work more hours get the chance to do so.",
                False,
            ),
        ],
    ),
]


def load_defaults(Questionnaire, Dimension, Item, Instrument) -> bool:
    """Create instruments and questionnaire version 1 unless present. Model classes are passed
    in so a data migration can use its historical models. Returns True if it created v1."""
    instruments = {}
    for key, name_nl, name_en, desc_nl, desc_en, url in INSTRUMENTS:
        instruments[key], _created = Instrument.objects.get_or_create(
            key=key,
            defaults={
                "name_nl": name_nl,
                "name_en": name_en,
                "description_nl": desc_nl,
                "description_en": desc_en,
                "url": url,
            },
        )
    if Questionnaire.objects.filter(version=1).exists():
        return False
    questionnaire = Questionnaire.objects.create(
        version=1,
        title_nl=TITLE[0],
        title_en=TITLE[1],
        is_published=True,
        notes="Default version shipped with Vakmanschap.",
    )
    for order, (key, label_nl, label_en, advice_nl, advice_en, instrument_keys, items) in enumerate(
        DIMENSIONS
    ):
        dimension = Dimension.objects.create(
            questionnaire=questionnaire,
            key=key,
            order=order,
            label_nl=label_nl,
            label_en=label_en,
            advice_nl=advice_nl,
            advice_en=advice_en,
        )
        dimension.instruments.set([instruments[k] for k in instrument_keys])
        Item.objects.bulk_create(
            [
                Item(dimension=dimension, order=i, text_nl=nl, text_en=en, reverse=reverse)
                for i, (nl, en, reverse) in enumerate(items)
            ]
        )
    return True
