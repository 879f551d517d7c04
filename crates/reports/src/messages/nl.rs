//! The Dutch column of [`super::MESSAGES`]: the same codes in the same order
//! (a test holds them together), written as a Dutch supervisor would.

pub const DUTCH: &[(&str, &str)] = &[
    // Laag 1: vorm.
    (
        "invalid_json",
        "De melding is geen geldige JSON volgens dit schema.",
    ),
    (
        "wrong_type",
        "Dit veld heeft een verkeerd type of een onverwachte waarde.",
    ),
    ("unknown_field", "Dit veld hoort niet bij het meldingsschema."),
    ("missing_field", "Dit verplichte veld ontbreekt."),
    // Laag 2: kenmerken en notaties.
    (
        "iban_format",
        "Een IBAN bestaat uit twee letters, twee controlecijfers en ten hoogste 30 letters of cijfers.",
    ),
    (
        "iban_length",
        "De IBAN heeft niet de lengte die voor het land geldt.",
    ),
    (
        "iban_checksum",
        "De controlecijfers van de IBAN kloppen niet (ISO 13616 mod 97).",
    ),
    (
        "bic_format",
        "De BIC bestaat uit 8 of 11 tekens: bank, land, vestigingsplaats en eventueel filiaal.",
    ),
    (
        "imo_check_digit",
        "Het IMO-nummer bestaat uit zeven cijfers met een geldig controlecijfer.",
    ),
    ("mmsi_format", "Het MMSI-nummer bestaat uit negen cijfers."),
    (
        "attachment_too_large",
        "Een bijlage mag ten hoogste 25 MiB groot zijn; splits de bijlage of stuur een samenvatting mee.",
    ),
    (
        "exposure_explanation",
        "Bij een treffer via eigendom of zeggenschap moet worden toegelicht hoe: de eigenaren, de ketens en de percentages.",
    ),
    (
        "lei_checksum",
        "De LEI bestaat uit 20 letters en cijfers met geldige controlecijfers (ISO 17442).",
    ),
    ("kvk_format", "Het KvK-nummer bestaat uit precies acht cijfers."),
    (
        "identifier_invalid",
        "Het kenmerk voldoet niet aan de notatie die voor deze soort kenmerk geldt.",
    ),
    (
        "currency_unknown",
        "De valuta moet een ISO 4217-code van drie hoofdletters zijn.",
    ),
    (
        "country_unknown",
        "Het land moet een ISO 3166-1 alpha-2-code zijn.",
    ),
    (
        "hs_code_format",
        "De goederencode bestaat uit 6 tot 10 cijfers (HS, GN of TARIC).",
    ),
    (
        "sha256_format",
        "De SHA-256-hash bestaat uit 64 hexadecimale tekens.",
    ),
    ("date_format", "Noteer de datum als JJJJ-MM-DD."),
    (
        "datetime_format",
        "Datum en tijd moeten voldoen aan RFC 3339, bijvoorbeeld 2026-01-31T14:00:00Z.",
    ),
    (
        "birth_date_format",
        "Noteer de geboortedatum als JJJJ-MM-DD, JJJJ-MM of JJJJ.",
    ),
    (
        "link_report_id",
        "Het nummer van de gekoppelde melding moet een UUID zijn die het Meldpunt heeft uitgegeven.",
    ),
    ("score_range", "De matchscore moet tussen 0 en 1 liggen."),
    (
        "position_range",
        "De breedtegraad moet binnen ±90 en de lengtegraad binnen ±180 liggen.",
    ),
    ("name_empty", "Een naam mag niet leeg zijn."),
    ("names_missing", "Een betrokkene moet ten minste één naam hebben."),
    // Laag 2: waarden en data.
    (
        "detected_at_future",
        "Het tijdstip van ontdekking ligt in de toekomst.",
    ),
    (
        "value_negative",
        "Een waarde of bedrag mag niet negatief zijn.",
    ),
    (
        "frozen_before_detection",
        "De datum van bevriezing ligt vóór de datum van ontdekking; controleer beide data.",
    ),
    (
        "event_end_before_start",
        "De gebeurtenis eindigt voordat zij begint.",
    ),
    // Laag 2: per soort melding.
    (
        "asset_required",
        "Bij deze soort melding hoort ten minste één tegoed.",
    ),
    (
        "confirmed_match_required",
        "Een bevestigde treffer vereist een betrokkene met een lijstovereenkomst die als bevestigd is aangemerkt.",
    ),
    (
        "list_match_required",
        "Een mogelijke treffer vereist een betrokkene met een lijstovereenkomst.",
    ),
    (
        "transaction_required",
        "Een melding van een poging tot transactie bevat ten minste één transactie.",
    ),
    (
        "clause_breach_goods_required",
        "Een melding van een schending van de no-Russia-clausule noemt de goederen waarvoor de clausule ontbrak.",
    ),
    (
        "vessel_subject_required",
        "Een scheepsgebeurtenis vereist een schip als betrokkene, met een IMO- of MMSI-nummer.",
    ),
    (
        "vessel_event_required",
        "Een melding van een scheepsgebeurtenis bevat ten minste één scheepsgebeurtenis.",
    ),
    (
        "reporter_forbidden",
        "Een klokkenluidersmelding mag niet prijsgeven wie de melder is.",
    ),
    (
        "reporter_required",
        "Bij deze soort melding moet de meldende organisatie worden vermeld.",
    ),
    (
        "indicator_required",
        "Een melding van vermoedelijke omzeiling noemt ten minste één indicator.",
    ),
    // XML-invoer.
    ("xml_too_large", "Het XML-document is groter dan 8 MiB."),
    (
        "xml_not_utf8",
        "Het XML-document moet in UTF-8 zijn gecodeerd; deze byte is dat niet.",
    ),
    (
        "xml_encoding",
        "De XML-declaratie noemt een andere tekencodering dan UTF-8.",
    ),
    ("xml_syntax", "Het document is geen welgevormde XML."),
    (
        "xml_doctype",
        "Een DOCTYPE is niet toegestaan: een melding mag geen entiteiten of DTD declareren.",
    ),
    (
        "xml_processing_instruction",
        "Verwerkingsinstructies zijn in een melding niet toegestaan.",
    ),
    (
        "xml_too_deep",
        "De elementen zijn dieper genest dan in een melding mogelijk is.",
    ),
    (
        "xml_namespace",
        "Het element staat niet in de meldingsnamespace urn:meldpunt:report:1.",
    ),
    (
        "xml_unknown_element",
        "Dit element hoort op deze plaats niet bij het meldingsschema.",
    ),
    (
        "xml_duplicate_element",
        "Dit element mag hier maar één keer voorkomen.",
    ),
    (
        "xml_unknown_attribute",
        "Dit attribuut hoort niet bij het meldingsschema.",
    ),
    (
        "xml_missing_attribute",
        "Dit element moet het attribuut hebben dat tussen haakjes staat.",
    ),
    (
        "xml_unexpected_text",
        "Hier is geen tekst toegestaan, alleen onderliggende elementen.",
    ),
    (
        "xml_truncated",
        "Het document eindigt voordat alle elementen zijn gesloten; mogelijk is het afgebroken.",
    ),
    ("xml_empty", "Het document bevat geen meldingselement."),
    (
        "xml_too_many_elements",
        "Het document bevat meer dan 100.000 elementen, meer dan een melding ooit nodig heeft.",
    ),
    // CSV-opgaven van bevroren tegoeden.
    ("csv_too_large", "Het CSV-bestand is groter dan 8 MiB."),
    (
        "csv_not_utf8",
        "Het CSV-bestand moet in UTF-8 zijn gecodeerd; deze byte is dat niet.",
    ),
    (
        "csv_empty",
        "Het CSV-bestand heeft geen kopregel of geen gegevensregels.",
    ),
    ("csv_syntax", "Het CSV-bestand is op deze regel niet leesbaar."),
    (
        "csv_unknown_column",
        "Deze kolom hoort niet bij het formaat van de opgave van bevroren tegoeden.",
    ),
    (
        "csv_missing_column",
        "In de kopregel ontbreekt een kolom die het opgaveformaat vereist.",
    ),
    (
        "csv_duplicate_column",
        "Deze kolom staat twee keer in de kopregel.",
    ),
    (
        "csv_field_count",
        "Deze regel heeft een ander aantal velden dan de kopregel.",
    ),
    (
        "csv_value_missing",
        "Deze kolom moet op elke regel een waarde hebben.",
    ),
    (
        "csv_number",
        "Dit moet een getal zijn, bijvoorbeeld 1250.50 of 1250,50, zonder scheidingstekens voor duizendtallen.",
    ),
    (
        "csv_too_many_rows",
        "Het bestand bevat meer dan 1.000 regels met tegoeden, het maximum voor één melding.",
    ),
    (
        "csv_subject_conflict",
        "Deze betrokkene kwam eerder voor met een andere lijstvermelding.",
    ),
    (
        "csv_envelope",
        "De standaardwaarden voor de envelop moeten een JSON-object zijn.",
    ),
    // Omvang.
    ("narrative_too_long", "De tekst is langer dan 64 KiB."),
    ("name_too_long", "De naam is langer dan 1.000 tekens."),
    ("too_many_items", "De lijst telt meer dan 1.000 onderdelen."),
];
