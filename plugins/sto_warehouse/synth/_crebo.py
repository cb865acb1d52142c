"""The synthetic crebo catalogue: SBB sectorkamers, mbo domains, dossiers and kwalificaties.

Data, not logic. The eight sectorkamer names are spelled as DOMAIN.md §1.4 gives them; dossier
and kwalificatie names are modelled on the real qualification structure (not a copy of it).
Per dossier: (sectorkamer, hoofdgroep, domein, dossier, ((niveau, kwalificatie), ...)).
"""

from __future__ import annotations

TGO = "Techniek en gebouwde omgeving"
MTLM = "Mobiliteit, transport, logistiek en maritiem"
CII = "Creatieve industrie en ICT"
VGG = "Voedsel, groen en gastvrijheid"
HANDEL = "Handel"
ZDV = "Zakelijke dienstverlening en veiligheid"
ZWS = "Zorg, welzijn en sport"
SV = "Specialistisch vakmanschap"
SECTORKAMERS = (TGO, MTLM, CII, VGG, HANDEL, ZDV, ZWS, SV)

# HOOFDGROEP CODE / NAAM: the old mbo sectors.
HOOFDGROEPEN = {"E": ("1", "Economie"), "L": ("2", "Landbouw"), "T": ("3", "Techniek"),
                "Z": ("4", "Zorg en welzijn")}  # fmt: skip

DOSSIERS = (
    (TGO, "T", "Bouw en infra", "Bouw", ((2, "Basismedewerker bouw"), (3, "Allround timmerman"),
     (3, "Allround metselaar"), (4, "Middenkaderfunctionaris bouw"),
     (4, "Middenkaderfunctionaris uitvoering bouw"))),
    (TGO, "T", "Bouw en infra", "Infra", ((2, "Basismedewerker infra"),
     (3, "Allround medewerker wegen"), (3, "Allround medewerker riolering"),
     (4, "Middenkaderfunctionaris infra"))),
    (TGO, "T", "Afbouw, hout en onderhoud", "Afbouw", ((1, "Assistent bouwen, wonen en onderhoud"),
     (2, "Schilder"), (3, "Gezel schilder"), (2, "Stukadoor"), (3, "Allround stukadoor"))),
    (TGO, "T", "Afbouw, hout en onderhoud", "Meubel en interieur", ((2, "Meubelmaker"),
     (3, "Allround meubelmaker"), (4, "Ontwerpend meubelmaker"), (2, "Interieurbouwer"),
     (3, "Allround interieurbouwer"))),
    (TGO, "T", "Afbouw, hout en onderhoud", "Onderhoud en beheer", (
     (2, "Medewerker onderhoud gebouwen"), (3, "Allround medewerker onderhoud"),
     (4, "Vakspecialist technisch beheer"))),
    (TGO, "T", "Techniek en procesindustrie", "Elektrotechnische installaties", (
     (2, "Monteur elektrotechnische installaties"),
     (3, "Eerste monteur elektrotechnische installaties"),
     (4, "Technicus elektrotechnische installaties"))),
    (TGO, "T", "Techniek en procesindustrie", "Werktuigkundige installaties", (
     (2, "Monteur werktuigkundige installaties"),
     (3, "Eerste monteur werktuigkundige installaties"),
     (4, "Technicus werktuigkundige installaties"), (4, "Technicus utiliteitsinstallaties"))),
    (TGO, "T", "Techniek en procesindustrie", "Metaal", ((2, "Basismedewerker metaal"),
     (2, "Lasser"), (3, "Allround lasser"), (3, "Constructiewerker"), (4, "Technicus metaal"))),
    (TGO, "T", "Techniek en procesindustrie", "Mechatronica", ((2, "Monteur mechatronica"),
     (3, "Eerste monteur mechatronica"), (4, "Technicus mechatronica"),
     (4, "Technicus engineering"))),
    (TGO, "T", "Techniek en procesindustrie", "Industriële installaties", (
     (2, "Monteur industriële installaties"), (3, "Eerste monteur industriële installaties"),
     (4, "Technicus industriële installaties"))),
    (TGO, "T", "Techniek en procesindustrie", "Procestechniek", ((2, "Operator A"),
     (3, "Operator B"), (4, "Operator C"), (4, "Procestechnoloog"))),
    (TGO, "T", "Techniek en procesindustrie", "Laboratorium", ((2, "Laboratoriumassistent"),
     (3, "Laboratoriummedewerker"), (4, "Laborant"), (4, "Analist"))),
    (TGO, "T", "Techniek en procesindustrie", "Energietechniek", (
     (3, "Monteur duurzame energie"), (4, "Technicus duurzame energie"),
     (4, "Energietechnicus"))),
    (TGO, "T", "Bouw en infra", "Bouwkunde en ontwerp", ((4, "Bouwkundig tekenaar"),
     (4, "Werkvoorbereider installaties"), (4, "Engineer"))),
    (TGO, "T", "Techniek en procesindustrie", "Verspanen", ((2, "Verspaner"),
     (3, "Allround verspaner"), (4, "CNC-specialist verspanen"))),
    (TGO, "T", "Techniek en procesindustrie", "Koudetechniek", (
     (3, "Eerste monteur koudetechniek"), (4, "Technicus koudetechniek"))),
    (MTLM, "T", "Mobiliteit en voertuigen", "Personenauto's", ((2, "Autotechnicus"),
     (3, "Eerste autotechnicus"), (4, "Technisch specialist personenauto's"))),
    (MTLM, "T", "Mobiliteit en voertuigen", "Bedrijfsauto's", ((2, "Bedrijfsautotechnicus"),
     (3, "Eerste bedrijfsautotechnicus"), (4, "Technisch specialist bedrijfsauto's"))),
    (MTLM, "T", "Mobiliteit en voertuigen", "Carrosserie", ((2, "Autoschadehersteller"),
     (3, "Allround autoschadehersteller"), (3, "Autospuiter"), (4, "Schadeherstelspecialist"))),
    (MTLM, "T", "Mobiliteit en voertuigen", "Tweewielers", ((2, "Fietstechnicus"),
     (2, "Motorfietstechnicus"), (3, "Eerste fietstechnicus"), (3, "Eerste motorfietstechnicus"))),
    (MTLM, "T", "Mobiliteit en voertuigen", "Mobiele werktuigen", (
     (2, "Monteur mobiele werktuigen"), (3, "Eerste monteur mobiele werktuigen"),
     (4, "Technisch specialist mobiele werktuigen"))),
    (MTLM, "E", "Transport, scheepvaart en logistiek", "Logistiek", ((1, "Assistent logistiek"),
     (2, "Logistiek medewerker"), (3, "Logistiek teamleider"), (4, "Logistiek supervisor"))),
    (MTLM, "E", "Transport, scheepvaart en logistiek", "Wegvervoer", (
     (2, "Chauffeur wegvervoer"), (3, "Vakman goederenvervoer over de weg"),
     (4, "Planner wegvervoer"))),
    (MTLM, "E", "Transport, scheepvaart en logistiek", "Openbaar vervoer", (
     (2, "Chauffeur openbaar vervoer"), (3, "Medewerker openbaar vervoer"))),
    (MTLM, "T", "Transport, scheepvaart en logistiek", "Binnenvaart", ((2, "Matroos binnenvaart"),
     (3, "Schipper binnenvaart"), (4, "Kapitein binnenvaart"))),
    (MTLM, "T", "Transport, scheepvaart en logistiek", "Koopvaardij", (
     (3, "Maritiem officier kleine handelsvaart"), (4, "Stuurman werktuigkundige koopvaardij"),
     (4, "Maritiem officier werktuigkundige"))),
    (MTLM, "E", "Transport, scheepvaart en logistiek", "Havens", ((2, "Havenmedewerker"),
     (3, "Havenoperator"), (4, "Havenlogistiek specialist"))),
    (MTLM, "T", "Mobiliteit en voertuigen", "Luchtvaart", ((2, "Aircraft maintenance mechanic"),
     (3, "Vliegtuigonderhoudstechnicus"), (4, "Luchtvaartdienstverlener"))),
    (CII, "E", "ICT", "Software development", ((4, "Software developer"),
     (4, "Applicatieontwikkelaar"))),
    (CII, "E", "ICT", "IT systems and devices", ((2, "Medewerker ICT support"),
     (3, "Allround medewerker IT systems and devices"), (4, "Expert IT systems and devices"))),
    (CII, "E", "ICT", "Netwerkbeheer", ((4, "Netwerk- en mediabeheerder"),
     (4, "Expert netwerk- en telecommunicatie"))),
    (CII, "E", "ICT", "Cybersecurity", ((4, "Expert cybersecurity"),)),
    (CII, "E", "Media en vormgeving", "Mediavormgeving", ((4, "Mediavormgever"),
     (4, "Interactieve mediavormgever"))),
    (CII, "E", "Media en vormgeving", "AV-productie", (
     (3, "Medewerker podium- en evenemententechniek"), (4, "AV-specialist"),
     (4, "Podium- en evenemententechnicus"))),
    (CII, "T", "Media en vormgeving", "Grafische techniek", ((2, "Medewerker printmedia"),
     (3, "Allround medewerker printmedia"), (4, "Allround medewerker grafische technieken"))),
    (CII, "E", "Media en vormgeving", "Mode", ((2, "Medewerker mode en maatkleding"),
     (3, "Allround medewerker mode"), (4, "Specialist mode"), (4, "Productmanager mode"))),
    (CII, "E", "Media en vormgeving", "Ruimtelijke vormgeving", ((4, "Ruimtelijk vormgever"),
     (4, "Medewerker creatieve productie"))),
    (CII, "E", "Media en vormgeving", "Fotografie", ((4, "Fotograaf"),
     (4, "Vormgever productpresentatie"))),
    (CII, "E", "Media en vormgeving", "Podiumkunsten", ((4, "Artiest drama"),
     (4, "Artiest muziek"), (4, "Artiest dans"))),
    (VGG, "E", "Horeca en bakkerij", "Keuken", (
     (1, "Assistent horeca, voeding of voedingsindustrie"), (2, "Kok"),
     (3, "Zelfstandig werkend kok"), (4, "Gespecialiseerd kok"))),
    (VGG, "E", "Horeca en bakkerij", "Bediening", ((2, "Gastheer/-vrouw"),
     (3, "Zelfstandig werkend gastheer/-vrouw"), (4, "Leidinggevende bediening"))),
    (VGG, "E", "Horeca en bakkerij", "Horecamanagement", ((4, "Manager/ondernemer horeca"),
     (4, "Leidinggevende keuken"))),
    (VGG, "E", "Horeca en bakkerij", "Bakkerij", ((2, "Bakker"), (3, "Zelfstandig werkend bakker"),
     (4, "Allround banketbakker"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Voedingsindustrie", (
     (2, "Productiemedewerker food"), (3, "Operator food"),
     (4, "Specialist voedingsmiddelentechnologie"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Groene ruimte", (
     (2, "Medewerker groene ruimte"), (3, "Vakbekwaam medewerker groene ruimte"),
     (4, "Opzichter uitvoerder groene ruimte"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Dierverzorging", ((2, "Dierverzorger"),
     (3, "Vakbekwaam medewerker dierenzorg"), (4, "Dierenartsassistent paraveterinair"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Veehouderij", ((2, "Medewerker veehouderij"),
     (3, "Vakbekwaam medewerker veehouderij"), (4, "Manager veehouderij"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Teelt", ((2, "Medewerker teelt"),
     (3, "Vakbekwaam medewerker teelt"), (4, "Manager teelt"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Bloem en design", (
     (2, "Medewerker bloem, groen en styling"), (3, "Vakbekwaam bloembinder"),
     (4, "Vakexpert bloem, groen en styling"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Natuur en water", (
     (3, "Medewerker natuur en water"), (4, "Coördinator natuur en water"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Hovenier", ((2, "Medewerker hovenier"),
     (3, "Vakbekwaam hovenier"), (4, "Hovenier-ondernemer"))),
    (VGG, "E", "Toerisme en recreatie", "Leisure", ((2, "Recreatiemedewerker"),
     (3, "Zelfstandig medewerker leisure"), (4, "Leidinggevende leisure and hospitality"),
     (4, "Medewerker travel en hospitality"))),
    (VGG, "E", "Toerisme en recreatie", "Facilitaire dienstverlening", (
     (2, "Medewerker facilitaire dienstverlening"), (3, "Facilitair medewerker"),
     (4, "Facilitair leidinggevende"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Verkoop en retail", (
     (1, "Assistent verkoop/retail"), (2, "Verkoper"), (3, "Eerste verkoper"),
     (4, "Manager retail"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Ondernemen in retail", ((4, "Ondernemer retail"),
     (4, "Retailmanager"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Commercie", ((4, "Commercieel medewerker"),
     (4, "Medewerker marketing en communicatie"), (4, "Accountmanager"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Groothandel", ((2, "Medewerker groothandel"),
     (3, "Medewerker binnendienst"), (4, "Manager groothandel"))),
    (HANDEL, "E", "Handel en ondernemerschap", "E-commerce", ((3, "Webshopmedewerker"),
     (4, "Medewerker e-commerce"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Internationale handel", (
     (4, "International business"), (4, "Medewerker internationale handel"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Vakspecialisten verkoop", (
     (3, "Verkoopspecialist fashion"), (3, "Verkoopspecialist wonen"), (4, "Juwelier"))),
    (ZDV, "E", "Economie en administratie", "Financiële administratie", (
     (2, "Administratief medewerker"), (3, "Financieel administratief medewerker"),
     (4, "Bedrijfsadministrateur"), (4, "Assistent accountant"))),
    (ZDV, "E", "Economie en administratie", "Secretariaat", ((3, "Secretarieel medewerker"),
     (4, "Management assistant"), (4, "Office manager"))),
    (ZDV, "E", "Economie en administratie", "Juridische dienstverlening", (
     (4, "Juridisch medewerker personeel en arbeid"),
     (4, "Juridisch medewerker zakelijke dienstverlening"),
     (4, "Juridisch medewerker openbaar bestuur"))),
    (ZDV, "E", "Economie en administratie", "Human resources", ((4, "HR-medewerker"),)),
    (ZDV, "E", "Economie en administratie", "Klantcontact", ((2, "Klantcontactmedewerker"),
     (3, "Medewerker klantcontactcenter"), (4, "Teamleider klantcontact"))),
    (ZDV, "E", "Veiligheid en sport", "Beveiliging", ((2, "Beveiliger"),
     (3, "Coördinator beveiliging"), (4, "Particulier onderzoeker"))),
    (ZDV, "E", "Veiligheid en sport", "Veiligheid en vakmanschap", (
     (3, "Aankomend onderofficier"), (4, "Medewerker veiligheid en vakmanschap"))),
    (ZDV, "E", "Veiligheid en sport", "Brandweer", ((3, "Manschap brandweer"),
     (4, "Brandweerspecialist"))),
    (ZDV, "E", "Economie en administratie", "Ondernemerschap", ((4, "Ondernemer"),
     (4, "Bedrijfsleider"))),
    (ZDV, "E", "Economie en administratie", "Financiële dienstverlening", (
     (4, "Medewerker makelaardij"), (4, "Assurantieadviseur"))),
    (ZDV, "E", "Economie en administratie", "Evenementen", ((4, "Evenementenorganisator"),
     (4, "Medewerker marketing events"))),
    (ZWS, "Z", "Zorg en welzijn", "Zorg", ((1, "Assistent dienstverlening en zorg"),
     (2, "Helpende zorg en welzijn"), (3, "Verzorgende-IG"), (4, "Mbo-verpleegkundige"))),
    (ZWS, "Z", "Zorg en welzijn", "Maatschappelijke zorg", (
     (3, "Begeleider gehandicaptenzorg"), (3, "Begeleider specifieke doelgroepen"),
     (4, "Persoonlijk begeleider gehandicaptenzorg"),
     (4, "Persoonlijk begeleider specifieke doelgroepen"))),
    (ZWS, "Z", "Zorg en welzijn", "Pedagogisch werk", (
     (3, "Pedagogisch medewerker kinderopvang"), (4, "Pedagogisch medewerker jeugdzorg"),
     (4, "Onderwijsassistent"), (4, "Gespecialiseerd pedagogisch medewerker"))),
    (ZWS, "Z", "Zorg en welzijn", "Sociaal werk", ((4, "Sociaal werker"),
     (4, "Medewerker maatschappelijke zorg"))),
    (ZWS, "Z", "Zorg en welzijn", "Apotheek", ((4, "Apothekersassistent"), (4, "Farmakundige"))),
    (ZWS, "Z", "Zorg en welzijn", "Doktersassistent", ((4, "Doktersassistent"),
     (4, "Tandartsassistent"), (4, "Medisch secretaresse"))),
    (ZWS, "Z", "Veiligheid en sport", "Sport en bewegen", ((3, "Sport- en bewegingsleider"),
     (4, "Coördinator sport-, bewegings- en gezondheidsactiviteiten"),
     (4, "Coördinator buurt, onderwijs en sport"), (4, "Trainer-coach"))),
    (ZWS, "Z", "Uiterlijke verzorging", "Haarverzorging", ((2, "Kapper"), (3, "Allround kapper"),
     (4, "Salonmanager"))),
    (ZWS, "Z", "Uiterlijke verzorging", "Schoonheidsverzorging", ((3, "Schoonheidsspecialist"),
     (4, "Allround schoonheidsspecialist"))),
    (ZWS, "Z", "Zorg en welzijn", "Thuiszorg", ((2, "Medewerker thuiszorg"),
     (3, "Verzorgende thuiszorg"))),
    (SV, "T", "Specialistisch vakmanschap", "Uurwerktechniek", ((4, "Uurwerktechnicus"),)),
    (SV, "T", "Specialistisch vakmanschap", "Edelsmeden", ((3, "Goudsmid"),
     (4, "Allround goudsmid"))),
    (SV, "T", "Specialistisch vakmanschap", "Optiek", ((3, "Optiekmedewerker"), (4, "Opticien"))),
    (SV, "T", "Specialistisch vakmanschap", "Orthopedische techniek", (
     (3, "Orthopedisch schoentechnicus"), (4, "Orthopedisch technicus"), (4, "Audicien"))),
    (SV, "T", "Specialistisch vakmanschap", "Tandtechniek", ((4, "Tandtechnicus"),)),
    (SV, "T", "Specialistisch vakmanschap", "Restauratie", ((3, "Allround restauratiemedewerker"),
     (4, "Specialist restauratie"))),
    (SV, "T", "Specialistisch vakmanschap", "Instrumentenbouw", ((4, "Instrumentmaker"),
     (4, "Piano- en orgeltechnicus"))),
    (SV, "T", "Specialistisch vakmanschap", "Glas en keramiek", ((3, "Glazenier"),
     (4, "Keramist"))),
    (SV, "T", "Specialistisch vakmanschap", "Stoffering", ((3, "Stoffeerder"),
     (4, "Allround stoffeerder"))),
    (SV, "T", "Specialistisch vakmanschap", "Schoenherstel", ((2, "Schoenhersteller"),
     (3, "Allround schoenhersteller"))),
    (SV, "T", "Specialistisch vakmanschap", "Rietdekken", ((2, "Rietdekker"),
     (3, "Allround rietdekker"))),
    (SV, "T", "Specialistisch vakmanschap", "Natuursteen", ((3, "Natuursteenbewerker"),
     (4, "Allround natuursteenbewerker"))),
    (SV, "T", "Specialistisch vakmanschap", "Smeden", ((3, "Smid"), (4, "Allround smid"))),
    (TGO, "T", "Afbouw, hout en onderhoud", "Dakdekken", ((2, "Dakdekker"),
     (3, "Allround dakdekker"))),
    (TGO, "T", "Afbouw, hout en onderhoud", "Isoleren", ((2, "Isolatiemonteur"),
     (3, "Allround isolatiemonteur"))),
    (MTLM, "T", "Transport, scheepvaart en logistiek", "Spoorwegen", (
     (2, "Medewerker spoorwegen"), (3, "Monteur spoorwegen"), (4, "Machinist"))),
    (CII, "E", "ICT", "Game development", ((4, "Game developer"), (4, "Game artist"))),
    (CII, "E", "Media en vormgeving", "Film en televisie", ((3, "Medewerker film en televisie"),
     (4, "Allround medewerker film en televisie"))),
    (VGG, "L", "Voedsel, natuur en leefomgeving", "Paardenhouderij", (
     (2, "Medewerker paardensport"), (3, "Vakbekwaam medewerker paardenhouderij"),
     (4, "Manager paardenhouderij"))),
    (VGG, "E", "Horeca en bakkerij", "Slagerij", ((2, "Slager"),
     (3, "Zelfstandig werkend slager"), (4, "Ondernemer slagerij"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Autoverkoop", ((3, "Verkoper automotive"),
     (4, "Verkoopadviseur automotive"))),
    (HANDEL, "E", "Handel en ondernemerschap", "Tuincentra", (
     (2, "Verkoopmedewerker tuincentrum"), (3, "Verkoopspecialist tuincentrum"))),
    (ZDV, "E", "Economie en administratie", "Receptie", (
     (2, "Medewerker secretariaat en receptie"), (3, "Allround receptionist"))),
    (ZDV, "E", "Veiligheid en sport", "Toezicht en veiligheid", (
     (2, "Medewerker toezicht en veiligheid"), (3, "Handhaver toezicht en veiligheid"))),
    (ZWS, "Z", "Zorg en welzijn", "Voetzorg", ((3, "Pedicure"), (4, "Medisch pedicure"))),
    (ZWS, "Z", "Zorg en welzijn", "Welzijn", ((2, "Helpende welzijn"), (3, "Woonbegeleider"),
     (4, "Activiteitenbegeleider"))),
)  # fmt: skip

# Kwalificaties whose name starts with one of these also lead to the plain beroep.
BEROEP_PREFIXES = (
    "Allround ",
    "Eerste ",
    "Zelfstandig werkend ",
    "Vakbekwaam ",
    "Gespecialiseerd ",
)
