import CRMModel

/// An export layout recognised by its columns: which product wrote it, which entity its records
/// are, and where its names mean something else than in the common vocabulary (Salesforce's
/// `Title` is the job title, Outlook's the salutation).
struct KnownExport: Sendable {
    var product: String
    var entity: EntityKind
    /// Columns that together identify the layout (compared folded).
    var signature: [String]
    /// Column → role for this layout, before the common vocabulary; nil keeps a column as an extra.
    var roles: [String: ColumnRole?] = [:]
    /// The name of the extra holding the product's record id (`salesforceId`).
    var idName: String = "sourceId"
    /// The name of the extra holding the id of the record's organization.
    var accountIDName: String = "accountId"
    /// The extra the product's organizations are imported with (their own `idName`), when its
    /// records point at them by id: the organization is then found by that id (`byExternalId`).
    var organizationsKeyedBy: String?

    /// Known layouts, most specific first.
    static let all: [KnownExport] = [
        KnownExport(
            product: "Salesforce Opportunity (Data Loader / Data Export, API names)", entity: .opportunity,
            signature: ["Id", "IsDeleted", "StageName"],
            roles: ["Name": .dealName, "Description": .note, "Type": nil, "LeadSource": nil],
            idName: "salesforceId", accountIDName: "salesforceAccountId", organizationsKeyedBy: "salesforceId"),
        KnownExport(
            product: "Salesforce Lead (Data Loader / Data Export, API names)", entity: .lead,
            signature: ["Id", "IsDeleted", "IsConverted"],
            roles: [
                "Title": .jobTitle, "Name": .fullName, "Street": nil, "City": nil, "State": nil, "PostalCode": nil,
                "Country": nil,
                "LeadSource": nil, "Description": .note,
            ],
            idName: "salesforceId"),
        KnownExport(
            product: "Salesforce Contact (Data Loader / Data Export, API names)", entity: .contact,
            signature: ["Id", "IsDeleted", "AccountId", "LastName"],
            roles: ["Title": .jobTitle, "Name": .fullName, "Description": .note, "LeadSource": nil, "Department": nil],
            idName: "salesforceId", accountIDName: "salesforceAccountId", organizationsKeyedBy: "salesforceId"),
        KnownExport(
            product: "Salesforce Account (Data Loader / Data Export, API names)", entity: .organization,
            signature: ["Id", "IsDeleted", "BillingStreet"],
            roles: [
                "Name": .company, "Description": .note, "Fax": .phone(.fax), "Phone": .phone(.main), "ParentId": nil,
                "Type": nil,
                "Industry": nil,
            ],
            idName: "salesforceId"),
        KnownExport(
            product: "HubSpot companies export", entity: .organization, signature: ["Record ID", "Company name"],
            roles: ["Company name": .company, "City": .city], idName: "hubspotId"),
        KnownExport(
            product: "HubSpot contacts export", entity: .contact, signature: ["Record ID", "First Name", "Last Name"],
            idName: "hubspotId"),
        KnownExport(
            product: "Dynamics 365 contacts (Excel/CSV export)", entity: .contact,
            signature: ["(Do Not Modify) Contact", "(Do Not Modify) Row Checksum"],
            idName: "dynamicsId"),
        KnownExport(
            product: "Zoho CRM contacts export", entity: .contact, signature: ["Record Id", "Contact Owner"],
            idName: "zohoId"),
        KnownExport(
            product: "Pipedrive people export", entity: .contact, signature: ["Person - Name", "Person - ID"],
            idName: "pipedriveId"),
        KnownExport(
            product: "LinkedIn connections", entity: .contact,
            signature: ["First Name", "Last Name", "Company", "Position", "Connected On"]),
        KnownExport(
            product: "Mailchimp audience export", entity: .contact,
            signature: ["Email Address", "MEMBER_RATING", "OPTIN_TIME"],
            roles: ["LEID": .recordID, "EUID": nil], idName: "mailchimpId"),
        KnownExport(
            product: "Google Contacts (\"Google CSV\", before 2020)", entity: .contact,
            signature: ["Name", "Given Name", "Family Name", "Group Membership"], roles: ["Name": .fullName]),
        KnownExport(
            product: "Google Contacts (2020 and later)", entity: .contact,
            signature: ["First Name", "Last Name", "Phonetic First Name"]),
        KnownExport(
            product: "Gmail address book (2005)", entity: .contact,
            signature: ["Name", "E-mail", "Section 1 - Description"]),
        KnownExport(
            product: "Thunderbird address book", entity: .contact,
            signature: ["First Name", "Last Name", "Display Name", "Primary Email"],
            roles: [
                "Display Name": .fullName, "Nickname": nil, "Work Phone": .phone(.work), "Home Phone": .phone(.home),
            ]),
        KnownExport(
            product: "Outlook Express / Windows Address Book", entity: .contact,
            signature: ["Name", "Nickname", "E-mail Address", "Home Street"],
            roles: ["Nickname": nil, "Home Street": nil]),
        KnownExport(
            product: "Outlook (English)", entity: .contact,
            signature: ["First Name", "Last Name", "E-mail Address", "Business Phone"],
            roles: [
                "Title": nil, "Business Street": nil, "Business City": nil, "Business State": nil,
                "Business Postal Code": nil,
                "Business Country": nil,
            ]),
        KnownExport(
            product: "Outlook (German)", entity: .contact, signature: ["Vorname", "Nachname", "E-Mail-Adresse"],
            roles: [
                "Anrede": nil, "Straße geschäftlich": nil, "Ort geschäftlich": nil, "Region geschäftlich": nil,
                "Postleitzahl geschäftlich": nil, "Land/Region geschäftlich": nil,
            ]),
        KnownExport(
            product: "Outlook (French)", entity: .contact, signature: ["Prénom", "Nom", "Adresse de messagerie"]),
        KnownExport(product: "Outlook (Japanese)", entity: .contact, signature: ["名", "姓", "電子メール アドレス"]),
        KnownExport(
            product: "Apple Address Book (German, exported as CSV)", entity: .contact,
            signature: ["Vorname", "Ausspracheform Vorname", "Nachname"]),
        KnownExport(
            product: "Yahoo! Mail address book", entity: .contact,
            signature: ["First", "Middle", "Last", "Nickname", "Email"],
            roles: ["Nickname": nil]),
        KnownExport(
            product: "KDE address book", entity: .contact, signature: ["Formatted Name", "Family Name", "Given Name"]),
        KnownExport(
            product: "Lx-Office / kivitendo customers", entity: .organization,
            signature: ["customernumber", "greeting", "name"],
            roles: [
                "name": .company, "cp_givenname": nil, "cp_name": nil, "cp_email": nil, "cp_phone1": nil,
                "cp_phone2": nil,
                "cp_fax": nil, "department_1": nil, "email": .email(1), "phone": .phone(.main), "fax": .phone(.fax),
                "street": .street, "zipcode": .postalCode, "city": .city, "country": .country, "homepage": .website,
            ]),
        KnownExport(
            product: "Dynamics 365 Configuration Migration (CMT) data", entity: .contact,
            signature: ["fullname", "emailaddress1"],
            roles: [
                "fullname": .fullName, "emailaddress1": .email(1), "emailaddress2": .email(2),
                "emailaddress3": .email(3),
                "telephone1": .phone(.work), "mobilephone": .phone(.mobile), "telephone2": .phone(.home),
                "jobtitle": .jobTitle,
                "@id": .recordID,
            ], idName: "dynamicsId"),
        KnownExport(
            product: "Highrise people (XML)", entity: .contact, signature: ["first-name", "last-name", "company-name"],
            roles: ["title": .jobTitle, "background": .note, "id": .recordID], idName: "highriseId"),
    ]

    /// The first known layout whose every signature column the file has.
    static func recognise(_ columns: [String]) -> KnownExport? {
        let folded = Set(columns.map(ColumnVocabulary.fold))
        return all.first { known in known.signature.allSatisfy { folded.contains(ColumnVocabulary.fold($0)) } }
    }

    /// This layout's role for `column`: `.some(nil)` when it keeps the column as an extra.
    func role(of column: String) -> ColumnRole?? {
        let folded = ColumnVocabulary.fold(column)
        for (name, role) in roles where ColumnVocabulary.fold(name) == folded { return .some(role) }
        return nil
    }
}
