import CRMClient
import CRMModel
import Foundation
import Testing

/// A contacts form with one custom field of every type, for the type rules.
private let everyTypeForm: JSONValue = [
    "fields": [
        ["id": "f_text", "label": "Text", "category": "custom", "type": "text"],
        ["id": "f_area", "label": "Area", "category": "custom", "type": "text-area"],
        ["id": "f_email", "label": "Email", "category": "custom", "type": "email"],
        [
            "id": "f_emails", "label": "Emails", "category": "custom", "type": "email_labeled",
            "labelOptions": ["Work", "Other"],
        ],
        ["id": "f_tel", "label": "Tel", "category": "custom", "type": "tel"],
        [
            "id": "f_tels", "label": "Tels", "category": "custom", "type": "tel_labeled",
            "labelOptions": ["Mobile", "Other"],
        ],
        ["id": "f_url", "label": "Url", "category": "custom", "type": "url"],
        ["id": "f_number", "label": "Number", "category": "custom", "type": "number"],
        ["id": "f_date", "label": "Date", "category": "custom", "type": "date"],
        ["id": "f_dates", "label": "Dates", "category": "custom", "type": "date-range"],
        ["id": "f_datetime", "label": "Datetime", "category": "custom", "type": "datetime"],
        ["id": "f_datetimes", "label": "Datetimes", "category": "custom", "type": "datetime-range"],
        ["id": "f_time", "label": "Time", "category": "custom", "type": "time"],
        ["id": "f_times", "label": "Times", "category": "custom", "type": "time-range"],
        [
            "id": "f_dropdown", "label": "Dropdown", "category": "custom", "type": "dropdown",
            "options": [["id": "opt-a", "label": "Alpha"], ["id": "opt-b", "label": "Beta"]],
        ],
        ["id": "f_money", "label": "Money", "category": "custom", "type": "monetary"],
        ["id": "f_people", "label": "People", "category": "custom", "type": "people-picker"],
        ["id": "f_tags", "label": "Tags", "category": "custom", "type": "tag-picker"],
        ["id": "f_combo", "label": "Combo", "category": "custom", "type": "combobox"],
    ]
]

@Suite struct ValidationTests {
    @Test func everyFieldTypeAcceptsGoodValues() async throws {
        try await withSandbox { sandbox in
            try await sandbox.expect(200, "PUT", "/directory/forms/contacts", json: everyTypeForm)
            let contact = try await sandbox.create(
                .contact,
                [
                    "name": "All types",
                    "customFields": [
                        "f_text": "Text", "f_area": "Long\ntext", "f_email": " a@b.example ",
                        "f_emails": [["label": "work", "value": "x@y.example"]],
                        "f_tel": "+1 (555) 123-4567 ext. 12", "f_tels": [["value": "555-0100", "primary": true]],
                        "f_url": "johndoe.com", "f_number": "1", "f_date": "2024-02-29",
                        "f_dates": ["start": "2025-02-20", "end": "2025-02-21"], "f_datetime": "2025-02-20T09:27",
                        "f_datetimes": ["start": "2025-02-20T09:27", "end": "2025-02-21T09:27"], "f_time": "09:28",
                        "f_times": ["start": "23:00", "end": "01:00"], "f_dropdown": ["Beta", "opt-a"],
                        "f_money": ["amount": "12.5", "code": "EUR"],
                        "f_people": [["id": "u1", "name": "Ann", "extra": "dropped"]],
                        "f_tags": [["label": "Tag3", "color": "#FF7A00"]], "f_combo": "42",
                        "undefined_key": ["anything": true],
                    ],
                ])
            let custom = contact["customFields"]?.objectValue ?? [:]
            #expect(custom["f_email"] == "a@b.example")
            #expect(custom["f_emails"] == [["label": "Work", "value": "x@y.example", "primary": true]])
            #expect(custom["f_number"] == 1)
            #expect(custom["f_dropdown"] == ["opt-b", "opt-a"])
            #expect(custom["f_money"] == ["amount": 12.5, "code": "EUR"])
            #expect(custom["f_people"] == [["id": "u1", "name": "Ann"]])
            #expect(custom["undefined_key"] == ["anything": true])
        }
    }

    @Test func everyFieldTypeRejectsBadValuesAllReportedAtOnce() async throws {
        try await withSandbox { sandbox in
            try await sandbox.expect(200, "PUT", "/directory/forms/contacts", json: everyTypeForm)
            let answer = try await sandbox.expect(
                400, "POST", "/directory/contacts",
                json: [
                    "name": "Bad types",
                    "customFields": [
                        "f_text": 5, "f_area": ["no"], "f_email": "not-an-email",
                        "f_emails": [["label": "Home", "value": "a@b.example"]],
                        "f_tel": "johndoe@me.com",
                        "f_tels": [["value": "555-0100", "primary": true], ["value": "5550100", "primary": true]],
                        "f_url": "ftp://files.example.com", "f_number": "12abc", "f_date": "2023-02-29",
                        "f_dates": ["start": "2025-02-21", "end": "2025-02-20"], "f_datetime": "2025-02-20t09:27",
                        "f_datetimes": ["start": "2025-02-20T09:27"], "f_time": "24:00",
                        "f_times": "09:00-10:00", "f_dropdown": "Gamma", "f_money": ["amount": -1, "code": "usd"],
                        "f_people": [["name": "no id"]], "f_tags": [["color": "red"]], "f_combo": "",
                    ],
                ])
            #expect(answer["code"] == "validation_failed")
            let details = errorDetails(answer)
            let expected: [String: String] = [
                "customFields.f_text": "invalid_type", "customFields.f_area": "invalid_type",
                "customFields.f_email": "invalid_format", "customFields.f_emails[0].label": "unknown_option",
                "customFields.f_tel": "invalid_format", "customFields.f_tels[1].value": "duplicate",
                "customFields.f_tels": "duplicate", "customFields.f_url": "invalid_format",
                "customFields.f_number": "invalid_format", "customFields.f_date": "invalid_format",
                "customFields.f_dates.end": "invalid_format", "customFields.f_datetime": "invalid_format",
                "customFields.f_datetimes.end": "required", "customFields.f_time": "invalid_format",
                "customFields.f_times": "invalid_type", "customFields.f_dropdown": "unknown_option",
                "customFields.f_money.amount": "invalid_format", "customFields.f_money.code": "invalid_format",
                "customFields.f_people[0].id": "required", "customFields.f_tags[0].label": "required",
                "customFields.f_tags[0].color": "invalid_format", "customFields.f_combo": "invalid_type",
            ]
            for (field, reason) in expected {
                #expect(details[field] == reason, "\(field)")
            }
            #expect(details.count == expected.count, "\(details)")
        }
    }

    @Test func requiredFieldsOnCreateAndWhenCleared() async throws {
        try await withSandbox { sandbox in
            let missing = try await sandbox.expect(400, "POST", "/directory/contacts", json: ["jobTitle": "x"])
            #expect(errorDetails(missing) == ["name": "required"])
            let blank = try await sandbox.expect(400, "POST", "/directory/contacts", json: ["name": "   "])
            #expect(errorDetails(blank) == ["name": "required"])
            let id = try await sandbox.create(.contact, ["name": "Ann"])["id"]?.stringValue ?? ""
            let cleared = try await sandbox.expect(400, "PATCH", "/directory/contacts/\(id)", json: ["name": nil])
            #expect(errorDetails(cleared) == ["name": "required"])
            try await sandbox.expect(200, "PATCH", "/directory/contacts/\(id)", json: ["note": "name untouched"])

            // A form PUT makes a custom field required: enforced from the next request on.
            try await sandbox.expect(
                200, "PUT", "/directory/forms/contacts",
                json: [
                    "fields": [
                        ["id": "badge", "label": "Badge", "category": "custom", "type": "text", "required": true]
                    ]
                ])
            let noBadge = try await sandbox.expect(400, "POST", "/directory/contacts", json: ["name": "Bob"])
            #expect(errorDetails(noBadge) == ["customFields.badge": "required"])
            _ = try await sandbox.create(.contact, ["name": "Bob", "customFields": ["badge": "B-1"]])
            // name cannot be made optional
            let optionalName = try await sandbox.expect(
                400, "PUT", "/directory/forms/contacts",
                json: [
                    "fields": [
                        ["id": "name", "label": "Name", "category": "default", "type": "text", "required": false]
                    ]
                ])
            #expect(errorDetails(optionalName) == ["fields[0].required": "not_allowed"])
        }
    }

    @Test func labeledValuesRules() async throws {
        try await withSandbox { sandbox in
            let contact = try await sandbox.create(
                .contact,
                [
                    "name": "Ann", "email": [["value": "a@x.example"], ["label": "work", "value": "b@x.example"]],
                ])
            #expect(
                contact["email"] == [
                    ["label": "Other", "value": "a@x.example", "primary": true],
                    ["label": "Work", "value": "b@x.example", "primary": false],
                ])
            let bad = try await sandbox.expect(
                400, "POST", "/directory/contacts",
                json: [
                    "name": "Ann",
                    "email": [["value": "a@x.example", "primary": true], ["value": "A@X.example", "primary": true]],
                    "phone": [["label": "Pager", "value": "123"], "555"],
                ])
            #expect(
                errorDetails(bad) == [
                    "email[1].value": "duplicate", "email": "duplicate", "phone[0].label": "unknown_option",
                    "phone[1]": "invalid_type",
                ])
        }
    }

    @Test func defaultDropdownsMatchIdOrLabelAndStoreTheId() async throws {
        try await withSandbox { sandbox in
            let organization = try await sandbox.create(
                .organization, ["name": "Acme", "size": "Small", "annualRevenue": "4_tenToHundredMillion"])
            #expect(organization["size"] == "2_small")
            let bad = try await sandbox.expect(
                400, "POST", "/directory/organizations", json: ["name": "Acme", "size": ["2_small"]])
            #expect(errorDetails(bad) == ["size": "invalid_type"])
        }
    }

    @Test func referencesMustExist() async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.expect(
                400, "POST", "/pipeline/leads", json: ["title": "x", "organizationId": "456", "contactId": "1"])
            #expect(errorDetails(answer) == ["organizationId": "unknown_reference", "contactId": "unknown_reference"])
        }
    }

    @Test(arguments: [
        "{\"name\": \"A\",}", "{\"name\": \"A\" // comment\n}", "{\"name\": ", "{'name': 'A'}", "{\"name\": \"A\"} x",
        "\u{FEFF}{}", "{\"n\": 01}",
    ])
    func malformedJSONIs400(body: String) async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.expect(400, "POST", "/directory/contacts", rawBody: body)
            #expect(answer["code"] == "malformed_json")
        }
    }

    @Test func wrongBodyShapesAre400() async throws {
        try await withSandbox { sandbox in
            for body in ["[{\"name\": \"A\"}]", "\"A\"", "42", "null", ""] {
                let answer = try await sandbox.expect(400, "POST", "/directory/contacts", rawBody: body)
                #expect(answer["code"] == "bad_request", "\(body)")
            }
            let deep = String(repeating: "[", count: 100_000)
            let answer = try await sandbox.expect(400, "POST", "/directory/contacts", rawBody: deep)
            #expect(answer["code"] == "malformed_json")
        }
    }

    @Test func unknownIdsPathsAndMethods() async throws {
        try await withSandbox { sandbox in
            for path in [
                "/directory/contacts/1", "/directory/contacts/abc", "/pipeline/leads/-1", "/cases/types/cases/nope",
                "/pipeline/pipelines/opportunities/nope", "/pipeline/lead/1/archive", "/nothing",
            ] {
                let answer = try await sandbox.expect(404, "GET", path)
                #expect(answer["code"] == "not_found", "\(path)")
            }
            try await sandbox.expect(404, "PATCH", "/directory/tags/contacts/nope", json: ["label": "x"])
            let response = try await sandbox.send("DELETE", "/directory/contacts")
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, POST")
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await withSandbox { sandbox in
            let note = String(repeating: "x", count: 4 * 1024 * 1024 + 10)
            let answer = try await sandbox.expect(
                413, "POST", "/directory/contacts", rawBody: "{\"name\":\"A\",\"note\":\"\(note)\"}")
            #expect(answer["code"] == "payload_too_large")
        }
    }

    @Test func invalidQueryParametersAre400() async throws {
        try await withSandbox { sandbox in
            for (name, value) in [
                ("size", "0"), ("size", "1001"), ("page", "0"), ("page", "x"), ("sort", "up"), ("orderBy", "email"),
            ] {
                let answer = try await sandbox.expect(400, "GET", "/directory/contacts", query: [(name, value)])
                #expect(answer["code"] == "bad_request", "\(name)=\(value)")
            }
            let orderBy = try await sandbox.expect(400, "GET", "/directory/contacts", query: [("orderBy", "email")])
            #expect(orderBy["message"]?.stringValue?.contains("jobTitle") == true)
            try await sandbox.expect(400, "GET", "/pipeline/leads", query: [("isArchived", "yes")])
            try await sandbox.expect(400, "GET", "/cases/cases", query: [("createdAfterDate", "yesterday")])
        }
    }
}

@Suite struct FormDefinitionTests {
    @Test func nullOptionalMembersAreDroppedAndDefinitionsChecked() async throws {
        try await withSandbox { sandbox in
            let form = try await sandbox.expect(
                200, "PUT", "/directory/forms/contacts",
                json: [
                    "fields": [
                        [
                            "id": "c1", "label": "C1", "type": "text", "options": nil, "labelOptions": nil,
                            "required": nil,
                        ]
                    ]
                ])
            let custom = form["items"]?.arrayValue?.last ?? .null
            #expect(custom == ["id": "c1", "label": "C1", "type": "text", "category": "custom", "required": false])
            let bad = try await sandbox.expect(
                400, "PUT", "/directory/forms/contacts",
                json: [
                    "fields": [
                        ["id": "d1", "label": "D", "type": "dropdown"],
                        ["id": "e1", "label": "E", "type": "email_labeled", "labelOptions": ["Work", "work"]],
                        ["id": "o1", "label": "O", "type": "dropdown", "options": [["id": "only-id"]]],
                        ["id": "name", "label": "Name", "type": "text"],
                        ["id": "email", "label": "Email", "category": "default", "type": "text"],
                        ["id": "c1", "label": "again", "type": "text"], ["id": "c1", "label": "twice", "type": "text"],
                    ]
                ])
            #expect(
                errorDetails(bad) == [
                    "fields[0].options": "required", "fields[1].labelOptions": "duplicate",
                    "fields[2].options[0]": "invalid_type", "fields[3].id": "duplicate",
                    "fields[4].type": "not_allowed",
                    "fields[6].id": "duplicate",
                ])
        }
    }
}

extension FormDefinitionTests {
    @Test func formOrderFollowsThePutAndUnlistedDefaultsKeepTheirPlace() async throws {
        try await withSandbox { sandbox in
            let form = try await sandbox.expect(
                200, "PUT", "/directory/forms/organizations",
                json: [
                    "fields": [
                        ["id": "c1", "label": "C1", "type": "text"],
                        ["id": "address", "label": "Street address", "category": "default", "type": "text"],
                        ["id": "name", "label": "Company", "category": "default", "type": "text", "required": true],
                    ]
                ])
            let ids = form["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            // current: name, address, email, phone, industry, size, annualRevenue, website, owner, note
            #expect(
                ids == [
                    "c1", "address", "email", "phone", "industry", "size", "annualRevenue", "website", "owner", "note",
                    "name",
                ])
            #expect(form["items"]?.arrayValue?.first { $0["id"] == "name" }?["label"] == "Company")
        }
    }
}
