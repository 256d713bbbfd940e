import CRMModel

/// A fixed set of records, with what makes each format's writer work: columns that first appear
/// on a later page, nulls, numbers, booleans, custom fields, quotes, separators and line breaks,
/// non-ASCII text, a note long enough to fold, e-mail and phone labels with and without a vCard
/// type, and organizations named for ORG and `parentcustomerid`. Server-set values are fixed, so
/// the files rendered from it are the same on every run.
enum ExportFixture {
    static let timestamp = "2026-01-02T03:04:05.678Z"

    static let organizationNames = ["1": "Northwind Traders", "2": "Contoso, \"Ltd\""]

    static let organizations: [JSONObject] = [
        [
            "id": "1", "name": "Northwind Traders", "website": "https://northwind.example", "address": "1 Main St",
            "email": [["label": "Main", "value": "info@northwind.example", "primary": true]],
            "phone": [["label": "Fax", "value": "+14155550199", "primary": false]],
            "tags": [["id": "t1", "label": "Partner"]], "createdOn": "2026-01-01T00:00:00Z",
        ],
        ["id": "2", "name": "Contoso, \"Ltd\"", "note": "Two\nlines", "createdOn": "2026-01-01T00:00:01Z"],
    ]

    static let contacts: [JSONObject] = [
        [
            "id": "1", "name": "Amelia Hart", "jobTitle": "Purchasing Lead", "organizationId": "1",
            "note": "Met at the fair;\nprefers e-mail, not calls", "isArchived": false,
            "email": [
                ["label": "Personal", "value": "amelia@home.example", "primary": false],
                ["label": "Work", "value": "amelia.hart@northwind.example", "primary": true],
            ],
            "phone": [["label": "Mobile", "value": "+14155550101", "primary": true]],
            "tags": [["id": "t2", "label": "VIP"], ["id": "t3", "label": "Fair 2026"]],
            "owner": ["id": "u1", "name": "Sam Owner"], "createdOn": "2026-01-01T10:00:00Z",
            "updatedOn": "2026-01-02T10:00:00Z",
        ],
        [
            "id": "2", "name": "Zoë Ångström-Duval", "organizationId": "2", "linkedin": "https://linkedin.example/zoe",
            "email": [["label": "Work", "value": "zoe@example.org", "primary": true]],
            "phone": [["label": "Home", "value": "+33142685300", "primary": false]], "jobTitle": nil,
            "updatedOn": "2026-01-02T11:00:00Z",
        ],
        [
            "id": "3", "name": "Bo Li",
            "email": [["label": "Other", "value": "bo.li@example.net", "primary": false]],
            "customFields": ["cf_budget": ["amount": 1250.5, "code": "EUR"], "cf_rank": 7],
            "note": .string(String(repeating: "Long note with words, commas; and ünïcödé. ", count: 4)),
        ],
        [
            "id": "4", "name": "Chidi \"CJ\" Anagonye",
            "email": [
                ["label": "Work", "value": "cj@example.com", "primary": false],
                ["label": "Assistant", "value": "assist@example.com", "primary": true],
                ["label": "Work", "value": "cj2@example.com", "primary": false],
            ],
            "phone": [
                ["label": "Fax", "value": "+1", "primary": false], ["label": "Pager", "value": "+2", "primary": false],
                ["label": "Main", "value": "+3", "primary": false],
                ["label": "Car", "value": "+4", "primary": false],
            ],
            "tags": [], "organizationId": "99",
        ],
        ["id": "10", "name": "Single"],
    ]

    static let leads: [JSONObject] = [
        [
            "id": "5", "title": "Big deal", "contactId": "1", "value": ["amount": 5000, "code": "USD"],
            "isArchived": true,
        ],
        ["id": "6", "title": "Tab\there", "contactId": "2", "customFields": ["cf_x": [1, 2, 3]]],
    ]

    static func records(_ entity: EntityKind) -> [JSONObject] {
        switch entity {
        case .organization: return organizations
        case .contact: return contacts
        case .lead: return leads
        default: return []
        }
    }
}
