"""The one Dutch catalogue of validation rules: rule code -> (severity, message, fix).

Every rule the validation can raise is here, with a Dutch message (placeholders in braces are
filled per finding: {veld}, {waarde}, {verwacht}, {tabblad}, …) and a Dutch fix a region can act
on. tests/submissions/test_catalogue.py fails for a rule used in the code without an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "fout"
WARNING = "waarschuwing"


@dataclass(frozen=True)
class Rule:
    severity: str
    message: str
    fix: str


CATALOGUE: dict[str, Rule] = {
    # -- the file itself -------------------------------------------------------------------------
    "BESTAND_TE_GROOT": Rule(
        ERROR,
        "Het bestand is {waarde}; het maximum is {verwacht}.",
        "Verwijder overbodige tabbladen, afbeeldingen en opmaak, of lever per tabblad een CSV-bestand aan.",
    ),
    "BESTAND_LEEG": Rule(
        ERROR,
        "Het bestand is leeg (0 bytes).",
        "Sla het ingevulde sjabloon opnieuw op en lever het opnieuw aan.",
    ),
    "BESTANDSNAAM_ONVEILIG": Rule(
        ERROR,
        "De bestandsnaam bevat tekens die niet zijn toegestaan: {waarde}.",
        "Gebruik in de bestandsnaam alleen letters, cijfers, spaties, punt, koppelteken, liggend streepje en haakjes.",
    ),
    "FORMAAT_ONBEKEND": Rule(
        ERROR,
        "Bestanden met de extensie '{waarde}' worden niet verwerkt.",
        "Lever het sjabloon aan als .xlsx, als CSV-bestanden (één per tabblad) of als JSON (zie de handleiding).",
    ),
    "GEEN_XLSX": Rule(
        ERROR,
        "Het bestand heeft de extensie .xlsx maar is geen Excel-werkmap ({waarde}).",
        "Open het sjabloon in Excel en kies 'Opslaan als' > 'Excel-werkmap (*.xlsx)'. Een CSV-bestand moet de extensie .csv hebben.",
    ),
    "OUD_XLS": Rule(
        ERROR,
        "Het bestand is een oud Excel-bestand (.xls, Excel 97-2003).",
        "Kies in Excel 'Opslaan als' > 'Excel-werkmap (*.xlsx)' en lever dat bestand aan.",
    ),
    "MACRO": Rule(
        ERROR,
        "Het bestand bevat macro's ({waarde}). Bestanden met macro's worden uit veiligheidsoverwegingen niet verwerkt.",
        "Sla het bestand op als 'Excel-werkmap (*.xlsx)' (zonder macro's) en lever het opnieuw aan.",
    ),
    "ZIP_BOM": Rule(
        ERROR,
        "Het bestand pakt uit tot {waarde}; dat is meer dan toegestaan ({verwacht}). Het lijkt beschadigd of bewust opgeblazen.",
        "Gebruik een nieuw, leeg sjabloon (`sto template`) en vul dat opnieuw in.",
    ),
    "XLSX_ONLEESBAAR": Rule(
        ERROR,
        "De Excel-werkmap kan niet worden gelezen: {waarde}.",
        "Open het bestand in Excel, controleer of het goed opent en sla het opnieuw op als .xlsx.",
    ),
    "CSV_ONLEESBAAR": Rule(
        ERROR,
        "Het CSV-bestand kan niet worden gelezen: {waarde}.",
        "Sla het tabblad op als 'CSV UTF-8 (door komma's gescheiden)' en lever het opnieuw aan.",
    ),
    "JSON_ONGELDIG": Rule(
        ERROR,
        "Het JSON-bestand is ongeldig: {waarde}.",
        "Controleer de opbouw tegen het voorbeeld in de handleiding: een object met 'meta' en 'tabbladen'.",
    ),
    "TABBLADNAAM_ONVEILIG": Rule(
        ERROR,
        "Het tabblad '{tabblad}' heeft een naam met tekens die niet zijn toegestaan.",
        "Gebruik de tabbladnamen van het sjabloon; verwijder of hernoem extra tabbladen (alleen letters, cijfers, spatie en liggend streepje).",
    ),
    "TABBLAD_ONBEKEND": Rule(
        WARNING,
        "Het tabblad '{tabblad}' hoort niet bij dit sjabloon en is genegeerd.",
        "Verwijder het tabblad als het niet nodig is; gegevens daarop worden niet verwerkt.",
    ),
    "VERBORGEN_TABBLAD": Rule(
        ERROR,
        "Het verplichte tabblad '{tabblad}' is verborgen.",
        "Maak het tabblad zichtbaar (rechtsklik op een tabblad > Zichtbaar maken) en controleer de inhoud.",
    ),
    "SAMENGEVOEGDE_CELLEN": Rule(
        ERROR,
        "Tabblad '{tabblad}' bevat samengevoegde cellen ({waarde}).",
        "Hef de samenvoeging op (Start > Samenvoegen en centreren > Samenvoeging van cellen opheffen) en zet elke waarde in een eigen cel.",
    ),
    # -- which template --------------------------------------------------------------------------
    "META_ONTBREEKT": Rule(
        ERROR,
        "Het bestand is niet gemaakt met het sjabloon: de sjabloongegevens ({waarde}) ontbreken.",
        "Maak een nieuw sjabloon met `sto template <type> --region <regio>` (of vraag het aan bij het programmabureau) en vul dat in.",
    ),
    "TYPE_ONBEKEND": Rule(
        ERROR,
        "Het soort indiening '{waarde}' is onbekend.",
        "Gebruik een sjabloon voor: {verwacht}.",
    ),
    "TEMPLATE_VERSIE": Rule(
        ERROR,
        "Het sjabloon heeft versie {waarde}; alleen versie {verwacht} wordt verwerkt.",
        "Maak een nieuw sjabloon (versie {verwacht}) en neem uw gegevens daarin over.",
    ),
    "TABBLAD_ONTBREEKT": Rule(
        ERROR,
        "Het verplichte tabblad '{tabblad}' ontbreekt.",
        "Gebruik het sjabloon zonder tabbladen te verwijderen of te hernoemen.",
    ),
    "TABBLAD_LEEG": Rule(
        ERROR,
        "Tabblad '{tabblad}' bevat geen gegevens; minstens {verwacht} regel(s) verwacht.",
        "Vul het tabblad in vanaf rij 2 (rij 1 bevat de kolomnamen).",
    ),
    "TE_VEEL_RIJEN": Rule(
        ERROR,
        "Tabblad '{tabblad}' heeft meer dan {verwacht} regels.",
        "Controleer of er per ongeluk gegevens ver onder de tabel staan, of splits de aanlevering.",
    ),
    "KOLOM_ONTBREEKT": Rule(
        ERROR,
        "In tabblad '{tabblad}' ontbreekt de kolom '{veld}'.",
        "Zet de kolomnamen van het sjabloon terug in rij 1 (niet hernoemen, niet verwijderen).",
    ),
    "KOLOM_DUBBEL": Rule(
        ERROR,
        "In tabblad '{tabblad}' staat de kolom '{veld}' twee keer.",
        "Verwijder een van de twee kolommen.",
    ),
    "KOLOM_ONBEKEND": Rule(
        WARNING,
        "In tabblad '{tabblad}' staat een onbekende kolom '{veld}'; die is genegeerd.",
        "Verwijder de kolom als die niet nodig is; gegevens daarin worden niet verwerkt.",
    ),
    # -- values ----------------------------------------------------------------------------------
    "VERPLICHT": Rule(
        ERROR,
        "'{veld}' is verplicht maar leeg (of bevat een formule zonder opgeslagen uitkomst).",
        "Vul een waarde in. Staat er een formule, open het bestand dan in Excel en sla het op, zodat de uitkomst wordt bewaard.",
    ),
    "GEEN_BEDRAG": Rule(
        ERROR,
        "'{veld}' moet een bedrag zijn; gevonden: {waarde}.",
        "Vul alleen een getal in, zonder tekst of euroteken, bv. 12500 of 12500,50.",
    ),
    "GEEN_GETAL": Rule(
        ERROR,
        "'{veld}' moet een getal zijn; gevonden: {waarde}.",
        "Vul alleen een getal in, bv. 1,5 of 2.",
    ),
    "GEEN_GEHEEL_GETAL": Rule(
        ERROR,
        "'{veld}' moet een geheel getal zijn; gevonden: {waarde}.",
        "Vul een geheel getal in, zonder decimalen of tekst.",
    ),
    "GEEN_JAAR": Rule(
        ERROR,
        "'{veld}' moet een jaartal zijn; gevonden: {waarde}.",
        "Vul een jaartal in van vier cijfers, bv. 2021.",
    ),
    "GEEN_DATUM": Rule(
        ERROR,
        "'{veld}' moet een datum zijn; gevonden: {waarde}.",
        "Vul een datum in als 2021-10-29 of 29-10-2021.",
    ),
    "GEEN_TIJDSTIP": Rule(
        ERROR,
        "'{veld}' moet een datum en tijd zijn; gevonden: {waarde}.",
        "Vul datum en tijd in als 2021-10-29 14:30 (Nederlandse tijd).",
    ),
    "NEGATIEF": Rule(
        ERROR,
        "'{veld}' mag niet negatief zijn; gevonden: {waarde}.",
        "Vul een bedrag of aantal van 0 of meer in; een correctie verwerkt u in het bedrag zelf.",
    ),
    "TE_GROOT": Rule(
        ERROR,
        "'{veld}' is onwaarschijnlijk groot: {waarde} (maximum {verwacht}).",
        "Controleer het bedrag (euro's, geen centen) en het aantal nullen.",
    ),
    "FTE_BEREIK": Rule(
        ERROR,
        "'{veld}' moet tussen 0 en {verwacht} fte liggen; gevonden: {waarde}.",
        "Vul het aantal fte in (bv. 0,8), niet het aantal personen of uren.",
    ),
    "JAAR_BUITEN_PERIODE": Rule(
        ERROR,
        "Jaar {waarde} valt buiten de periode {verwacht}.",
        "Vul alleen jaren van de periode in.",
    ),
    "CODELIJST": Rule(
        ERROR,
        "'{waarde}' is geen toegestane waarde voor '{veld}'. Toegestaan: {verwacht}.",
        "Kies een waarde uit de keuzelijst in het sjabloon.",
    ),
    "FORMAAT_BRIN6": Rule(
        ERROR,
        "'{waarde}' is geen BRIN6 (vier tekens BRIN en twee cijfers, bv. 00AA00).",
        "Vul de zescijferige vestigingscode uit DUO in (BRIN en vestigingsnummer, bv. 12AB00).",
    ),
    "FORMAAT_INSTELLING": Rule(
        ERROR,
        "'{waarde}' is geen mbo-instellingscode (vier tekens, bv. 25LP).",
        "Vul de instellingscode (BRIN) van de mbo-instelling in.",
    ),
    "FORMAAT_KVK": Rule(
        ERROR,
        "'{waarde}' is geen KvK-nummer (8 cijfers).",
        "Vul het KvK-nummer van 8 cijfers in (zonder spaties of punten).",
    ),
    "FORMAAT_BG": Rule(
        ERROR,
        "'{waarde}' is geen BEVOEGD GEZAG NUMMER (5 cijfers).",
        "Vul het bevoegd-gezagnummer van 5 cijfers in, zoals DUO het publiceert.",
    ),
    "FORMAAT_REGIO": Rule(
        ERROR,
        "'{waarde}' is geen geldig regio-id.",
        "Gebruik het DUS-I-registratienummer van de regio zoals het in het sjabloon staat.",
    ),
    "CODE_ONTBREEKT": Rule(
        ERROR,
        "Bij een deelnemer van het type '{verwacht}' is '{veld}' verplicht.",
        "Vul de BRIN6, instellingscode of het KvK-nummer van de deelnemer in.",
    ),
    "FORMULE_TEKST": Rule(
        ERROR,
        "'{veld}' begint met =, +, - of @ en lijkt een formule: {waarde}.",
        "Verwijder het teken aan het begin of zet er een spatie voor; teksten mogen niet als formule beginnen.",
    ),
    "DUBBEL": Rule(
        ERROR,
        "Deze regel staat dubbel in tabblad '{tabblad}' (zelfde {verwacht}: {waarde}).",
        "Verwijder de dubbele regel of tel de bedragen samen in één regel.",
    ),
    "DATUM_VOLGORDE": Rule(
        ERROR,
        "'{veld}' ({waarde}) ligt voor de begindatum ({verwacht}).",
        "Controleer de begin- en einddatum.",
    ),
    "DATUM_BUITEN_PERIODE": Rule(
        ERROR,
        "'{veld}' ({waarde}) valt buiten de periode {verwacht}.",
        "Vul een datum binnen de periode in.",
    ),
    # -- identification and references (errors for submissions, unlike DUO files) ---------------
    "PERIODE_ONBEKEND": Rule(
        ERROR,
        "'{waarde}' is geen periode voor dit soort indiening. Toegestaan: {verwacht}.",
        "Kies de periode uit de keuzelijst van het sjabloon.",
    ),
    "REGIO_VERSCHIL": Rule(
        ERROR,
        "Het regio-id in het bestand ({waarde}) verschilt van het regio-id van het sjabloon ({verwacht}).",
        "Gebruik het sjabloon van uw eigen regio en wijzig het regio-id niet.",
    ),
    "REGIO_ONBEKEND": Rule(
        ERROR,
        "Regio '{waarde}' is niet geregistreerd voor de periode {verwacht}.",
        "Lever eerst de registratie van de regio aan (sjabloon registratie), of controleer het regio-id.",
    ),
    "VOORGANGER_ONBEKEND": Rule(
        WARNING,
        "Voorganger '{waarde}' is (nog) niet geregistreerd als regio in de periode {verwacht}.",
        "Controleer het regio-id van de voorganger in de vorige periode.",
    ),
    "REGIO_TYPE_PERIODE": Rule(
        ERROR,
        "Het regiotype '{waarde}' bestaat niet in de periode {verwacht}.",
        "Kies een regiotype van deze periode: {verwacht}.",
    ),
    "BRIN6_ONBEKEND": Rule(
        ERROR,
        "Vestiging {waarde} komt niet voor in de adreslijsten van DUO ({verwacht}).",
        "Controleer de BRIN6 in de DUO-adreslijst (vestigingscode van 6 tekens) en corrigeer de code.",
    ),
    "INSTELLING_ONBEKEND": Rule(
        ERROR,
        "Mbo-instelling {waarde} komt niet voor in de adreslijst mbo-instellingen van DUO.",
        "Controleer de instellingscode van de mbo-instelling in de DUO-adreslijst.",
    ),
    "PENVOERDER_GEEN_VMBO": Rule(
        ERROR,
        "Bevoegd gezag {waarde} is geen bevoegd gezag van een vmbo-vestiging (ONDERWIJSSTRUCTUUR met VBO) in de adreslijst van DUO.",
        "De penvoerder moet het bevoegd gezag van een vmbo-school in de regio zijn; controleer het nummer.",
    ),
    "DUO_ONTBREEKT": Rule(
        ERROR,
        "De controle '{veld}' kan nog niet worden uitgevoerd: de DUO-adreslijst {waarde} is nog niet in het warehouse geladen.",
        "U hoeft niets te doen: de aanlevering wordt automatisch opnieuw gecontroleerd zodra de DUO-adreslijst is geladen. Neem contact op met het programmabureau als dit blijft staan.",
    ),
    "LID_ANDERE_REGIO": Rule(
        WARNING,
        "Vestiging {waarde} is voor deze periode ook door een andere regio als deelnemer opgegeven.",
        "Een vmbo-vestiging hoort bij één regio; overleg met het programmabureau welke regio de vestiging opgeeft.",
    ),
    # -- internal consistency ----------------------------------------------------------------------
    "TOTAAL_KLOPT_NIET": Rule(
        ERROR,
        "'{veld}' is {waarde}, maar de som van tabblad '{tabblad}' is {verwacht}.",
        "Maak het totaal gelijk aan de som van de regels (of corrigeer de regels).",
    ),
    "VERLENGING_ONVOLLEDIG": Rule(
        ERROR,
        "De aanvraag voor 2024 mist '{veld}' op tabblad '{tabblad}'.",
        "Vul op tabblad 'verlenging' één regel in met alles wat de wijzigingsregeling vraagt: de wijzigingen in het activiteitenplan, de activiteiten vóór 1 augustus 2024, het regionale doel voor dekking en kwaliteit en de reservering voor het plan 2025 en later.",
    ),
    "FTE_DEEL_TE_GROOT": Rule(
        ERROR,
        "'{veld}' is {waarde}, meer dan de {verwacht} fte van dezelfde regel.",
        "Vul hier alleen het deel van de fte van die regel in (ten hoogste de waarde in kolom fte).",
    ),
    "GEEN_VMBO_DEELNEMER": Rule(
        ERROR,
        "Er staat geen vmbo-vestiging tussen de deelnemers.",
        "Een regio bestaat uit minstens één vmbo-vestiging (deelnemer_type vmbo met BRIN6).",
    ),
    # -- timeliness --------------------------------------------------------------------------------
    "TE_LAAT": Rule(
        WARNING,
        "Ingediend op {waarde}, na de deadline van {verwacht} (23:59 Nederlandse tijd).",
        "De gegevens zijn verwerkt. Neem contact op met het programmabureau over de te late indiening.",
    ),
    "INGEDIEND_TOEKOMST": Rule(
        ERROR,
        "De indiendatum {waarde} ligt na het moment van ontvangst ({verwacht}).",
        "Vul de werkelijke datum en tijd van indienen in.",
    ),
    "LADEN_MISLUKT": Rule(
        ERROR,
        "Het opslaan in het warehouse is mislukt ({waarde}); er is niets van deze aanlevering opgeslagen.",
        "Controleer de waarden op onzichtbare of ongeldige tekens en lever opnieuw aan; neem contact op met het programmabureau als dit blijft gebeuren.",
    ),
    # -- the grant administrator's export --------------------------------------------------------
    "EXPORT_ONBEKEND": Rule(
        ERROR,
        "De kolommen van dit CSV-bestand passen bij geen bekende export van de subsidieverstrekker ({waarde}).",
        "Lever de export 'beschikkingen' of 'betalingen' aan met de kolommen uit docs/submissions.md.",
    ),
}


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def render(code: str, **params: object) -> tuple[str, str, str]:
    """(severity, message, fix) for a rule, placeholders filled (missing ones become '?')."""
    rule = CATALOGUE[code]
    values = _Defaulting({k: "" if v is None else str(v) for k, v in params.items()})
    return rule.severity, rule.message.format_map(values), rule.fix.format_map(values)
