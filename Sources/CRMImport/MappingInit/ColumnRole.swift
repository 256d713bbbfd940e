/// What a source column holds, as far as proposing a mapping is concerned.
enum ColumnRole: Hashable, Sendable {
    case firstName, middleName, lastName, suffix, fullName
    /// An e-mail address; the number orders several (1 is the primary one).
    case email(Int)
    case phone(PhoneKind)
    case company, jobTitle, department, note, tags, birthday, website, linkedin, industry
    case street, city, region, postalCode, country
    /// The exporting system's id of the record: the first match key.
    case recordID
    /// The exporting system's id of the organization a record belongs to.
    case accountID
    /// Deal and lead columns.
    case dealName, amount, stage, closeDate, leadSource

    enum PhoneKind: String, Sendable, CaseIterable {
        case work = "Work", mobile = "Mobile", home = "Home", other = "Other", main = "Main", fax = "Fax"
    }

    /// The name an extra of this role is given.
    var extraName: String {
        switch self {
        case .firstName: "firstName"
        case .middleName: "middleName"
        case .lastName: "lastName"
        case .suffix: "suffix"
        case .fullName: "fullName"
        case .email(let n): n == 1 ? "email" : "email\(n)"
        case .phone(let kind): kind.rawValue.lowercased() + "Phone"
        case .company: "company"
        case .jobTitle: "jobTitle"
        case .department: "department"
        case .note: "note"
        case .tags: "tags"
        case .birthday: "birthDate"
        case .website: "website"
        case .linkedin: "linkedin"
        case .industry: "industry"
        case .street: "street"
        case .city: "city"
        case .region: "region"
        case .postalCode: "postalCode"
        case .country: "country"
        case .recordID: "sourceId"
        case .accountID: "accountId"
        case .dealName: "dealName"
        case .amount: "amount"
        case .stage: "stage"
        case .closeDate: "closeDate"
        case .leadSource: "leadSource"
        }
    }
}

/// Column names real exports use for each role, in the languages they are written in (Outlook,
/// Google, Thunderbird, Apple, KDE, Yahoo, LinkedIn, Salesforce, HubSpot, Zoho, Pipedrive,
/// Dynamics, Mailchimp, Lx-Office), compared folded (`ColumnVocabulary.fold`).
enum ColumnVocabulary {
    static let names: [(ColumnRole, [String])] = [
        (
            .firstName,
            [
                "First Name", "FirstName", "Given Name", "Vorname", "Prénom", "Nombre", "Nome", "Voornaam", "名",
                "First", "cp_givenname",
                "Person - First name",
            ]
        ),
        (
            .middleName,
            [
                "Middle Name", "MiddleName", "Additional Name", "Additional Names", "Weitere Vornamen",
                "Deuxième prénom", "ミドル ネーム", "Middle",
            ]
        ),
        (
            .lastName,
            [
                "Last Name", "LastName", "Family Name", "Surname", "Nachname", "Nom", "Apellidos", "Cognome",
                "Achternaam", "姓", "Last", "cp_name",
                "Person - Last name",
            ]
        ),
        (.suffix, ["Suffix", "Name Suffix", "敬称"]),
        (
            .fullName,
            [
                "Name", "Full Name", "Display Name", "Formatted Name", "Anzeigename", "Contact Name", "Person - Name",
                "Nickname",
            ]
        ),
        (
            .email(1),
            [
                "E-mail Address", "Email Address", "Email", "E-mail", "Primary Email", "E-Mail-Adresse", "E-Mail",
                "Adresse de messagerie",
                "電子メール アドレス", "cp_email", "Section 1 - Email", "Person - Email", "Person - Email - Work", "Emails",
                "Mail",
            ]
        ),
        (
            .email(2),
            [
                "E-mail 2 Address", "Email 2 Address", "Secondary Email", "E-Mail 2: Adresse",
                "Adresse de messagerie 2", "電子メール 2 アドレス",
                "Alternate Email 1", "Secondary Email Address",
            ]
        ),
        (
            .email(3),
            [
                "E-mail 3 Address", "Email 3 Address", "E-Mail 3: Adresse", "Adresse de messagerie 3", "電子メール 3 アドレス",
                "Alternate Email 2",
            ]
        ),
        (
            .phone(.work),
            [
                "Business Phone", "Work Phone", "Phone", "Telefon geschäftlich", "Téléphone (bureau)", "会社電話",
                "Office Phone",
                "Work", "Phone Number", "Telefon", "cp_phone1", "Person - Phone", "Person - Phone - Work",
                "Company Phone", "Phone Number 1",
            ]
        ),
        (
            .phone(.mobile),
            [
                "Mobile Phone", "MobilePhone", "Mobile", "Cell Phone", "Cellular Number", "Mobile Number",
                "Mobiltelefon", "Tél. mobile",
                "携帯電話", "Handy", "Person - Phone - Mobile",
            ]
        ),
        (
            .phone(.home),
            [
                "Home Phone", "HomePhone", "Home", "Telefon (privat)", "Telefon privat", "Téléphone (domicile)", "自宅電話",
                "Private Phone",
            ]
        ),
        (
            .phone(.other),
            [
                "Other Phone", "OtherPhone", "Weiteres Telefon", "Téléphone (autre)", "Business Phone 2", "Pager",
                "Pager Number",
                "AssistantPhone", "cp_phone2",
            ]
        ),
        (.phone(.main), ["Company Main Phone", "Primary Phone", "Haupttelefon", "Main Phone"]),
        (
            .phone(.fax),
            ["Fax", "Business Fax", "Fax Number", "Fax geschäftlich", "Télécopie (bureau)", "Work Fax", "cp_fax"]
        ),
        (
            .company,
            [
                "Company", "Company Name", "Organization", "Organisation", "Organization Name", "Firma", "Société",
                "Empresa", "会社名",
                "Associated Company", "Account Name", "Employer", "Organization 1 - Name", "Work Company",
                "Organisation Name",
            ]
        ),
        (
            .jobTitle,
            [
                "Job Title", "JobTitle", "Position", "Profession", "役職", "Organization 1 - Title", "Job title",
                "Work Title", "Role",
            ]
        ),
        (.department, ["Department", "Abteilung", "Service", "部署", "Organization 1 - Department", "department_1"]),
        (.note, ["Notes", "Note", "Notizen", "Comments", "Comment", "Description", "Bemerkungen", "メモ", "Custom 1"]),
        (
            .tags,
            [
                "Categories", "Category", "Kategorien", "Catégories", "Group Membership", "Labels", "Tags", "Groups",
                "分類",
            ]
        ),
        (.birthday, ["Birthday", "Birthdate", "Geburtstag", "Anniversaire", "Date of Birth", "誕生日", "Birth Date"]),
        (
            .website,
            [
                "Web Page", "Website", "Web Site", "Webseite", "URL", "Personal Web Page", "Business Web Page",
                "Company Domain Name", "Homepage",
                "Web Page 1", "Website 1 - Value", "Web Address",
            ]
        ),
        (.linkedin, ["LinkedIn", "LinkedIn URL", "LinkedIn Profile", "Profile URL"]),
        (.industry, ["Industry", "Branche", "Industrie"]),
        (
            .street,
            [
                "Street", "BillingStreet", "Business Street", "MailingStreet", "Street Address", "Straße geschäftlich",
                "Address",
            ]
        ),
        (
            .city,
            ["City", "BillingCity", "Business City", "MailingCity", "Ort geschäftlich", "Town", "Agile Location City"]
        ),
        (
            .region,
            [
                "State", "BillingState", "Business State", "MailingState", "Region geschäftlich", "State/Province",
                "Province",
            ]
        ),
        (
            .postalCode,
            [
                "Postal Code", "Zip", "ZIP Code", "BillingPostalCode", "Business Postal Code", "MailingPostalCode",
                "Postleitzahl geschäftlich",
                "Postcode", "Agile Location Zip",
            ]
        ),
        (
            .country,
            [
                "Country", "BillingCountry", "Business Country", "MailingCountry", "Land/Region geschäftlich",
                "Country/Region",
            ]
        ),
        (
            .recordID,
            [
                "Id", "ID", "Record ID", "Record Id", "Contact ID", "Contact Id", "(Do Not Modify) Contact",
                "(Do Not Modify) Account",
                "customernumber", "LEID", "Person - ID", "Organization - ID",
            ]
        ),
        (.accountID, ["AccountId", "Account ID", "Company ID", "Associated Company ID"]),
        (.dealName, ["Opportunity Name", "Deal Name", "Deal - Title"]),
        (.amount, ["Amount", "Deal Value", "Value", "Deal - Value", "Estimated Value"]),
        (.stage, ["StageName", "Stage", "Deal Stage", "Deal - Stage"]),
        (.closeDate, ["CloseDate", "Close Date", "Expected Close Date", "Deal - Expected close date"]),
        (.leadSource, ["LeadSource", "Lead Source", "Source", "Original Source"]),
    ]

    /// Folded name → role.
    static let byName: [String: ColumnRole] = {
        var map: [String: ColumnRole] = [:]
        for (role, names) in names {
            for name in names where map[fold(name)] == nil { map[fold(name)] = role }
        }
        return map
    }()

    /// Lower-cased letters and digits only: `E-mail Address`, `email address` and
    /// `EmailAddress` are one name.
    static func fold(_ name: String) -> String {
        String(
            name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(
                Character.init))
    }

    /// The role a column name says it has, by the vocabulary; nil when none.
    static func role(of name: String) -> ColumnRole? {
        byName[fold(name)]
    }

    /// A role guessed from words in a name the vocabulary does not know (`Primary E-mail (Work)`,
    /// `Customer Phone`), with the word that decided it.
    static func guess(_ name: String) -> (ColumnRole, String)? {
        let folded = fold(name)
        let hints: [(String, ColumnRole)] = [
            ("email", .email(1)), ("mail", .email(1)), ("mobile", .phone(.mobile)), ("cell", .phone(.mobile)),
            ("fax", .phone(.fax)),
            ("phone", .phone(.other)), ("telefon", .phone(.other)), ("firstname", .firstName),
            ("givenname", .firstName),
            ("lastname", .lastName), ("surname", .lastName), ("familyname", .lastName), ("company", .company),
            ("organization", .company),
            ("organisation", .company), ("jobtitle", .jobTitle), ("position", .jobTitle), ("department", .department),
            ("note", .note), ("comment", .note), ("birth", .birthday), ("website", .website), ("linkedin", .linkedin),
            ("url", .website),
        ]
        for (word, role) in hints where folded.contains(word) { return (role, word) }
        return nil
    }
}
