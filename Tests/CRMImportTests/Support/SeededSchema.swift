import CRMModel
@testable import CRMImport

/// The sandbox's seeded defaults (api-notes "Seeded defaults"), written in code so that mapping
/// and validation tests run without a server. `LiveSandboxTests` checks the same against the
/// sandbox's live forms.
enum SeededSchema {
    static func options(_ pairs: [(String, String)]) -> [FormOption] { pairs.map { FormOption(id: $0.0, label: $0.1) } }
    static func field(_ id: String, _ label: String, _ type: FieldType, required: Bool = false,
                      options: [FormOption]? = nil, labels: [String]? = nil) -> FormField {
        FormField(id: FieldID(id), label: label, type: type, category: .default, required: required, options: options, labelOptions: labels)
    }

    static let contactForm: [FormField] = [
        field("name", "Name", .text, required: true),
        field("email", "Email", .emailLabeled, labels: ["Work", "Personal", "Other"]),
        field("phone", "Phone", .telLabeled, labels: ["Work", "Mobile", "Home", "Other"]),
        field("organizationId", "Organization", .combobox),
        field("jobTitle", "Job Title", .text),
        field("seniorityLevel", "Seniority Level", .dropdown, options: options([
            ("1_intern", "Intern"), ("2_junior", "Junior"), ("3_intermediate", "Intermediate"), ("4_senior", "Senior"),
            ("5_manager", "Manager"), ("6_director", "Director"), ("7_executive", "Executive")])),
        field("department", "Department", .dropdown, options: options([
            ("engineering", "Engineering"), ("sales", "Sales"), ("marketing", "Marketing"), ("support", "Customer Support"),
            ("finance", "Finance"), ("hr", "Human Resources"), ("legal", "Legal"), ("operations", "Operations"),
            ("product", "Product"), ("it", "IT"), ("management", "Management"), ("other", "Other")])),
        field("linkedin", "LinkedIn", .url),
        field("owner", "Owner", .peoplePicker),
        field("note", "Note", .textArea),
    ]

    static let organizationForm: [FormField] = [
        field("name", "Name", .text, required: true),
        field("address", "Address", .text),
        field("email", "Email", .emailLabeled, labels: ["Main", "Work", "Billing", "Support", "Other"]),
        field("phone", "Phone", .telLabeled, labels: ["Main", "Office", "Work", "Mobile", "Fax", "Other"]),
        field("industry", "Industry", .text),
        field("size", "Size", .dropdown, options: options([("1_micro", "Micro"), ("2_small", "Small"), ("3_medium", "Medium"),
                                                          ("4_large", "Large"), ("5_enterprise", "Enterprise")])),
        field("annualRevenue", "Annual Revenue", .dropdown, options: options([
            ("1_lessThanOneMillion", "Less than 1 million"), ("2_oneToFiveMillion", "1 to 5 million"),
            ("3_fiveToTenMillion", "5 to 10 million"), ("4_tenToHundredMillion", "10 to 100 million"),
            ("5_hundredMillionToOneBillion", "100 million to 1 billion"), ("6_moreThanOneBillion", "More than 1 billion")])),
        field("website", "Website", .url),
        field("owner", "Owner", .peoplePicker),
        field("note", "Note", .textArea),
    ]

    static let opportunityForm: [FormField] = [
        field("title", "Title", .text, required: true),
        field("value", "Estimated Value", .monetary),
        field("origin", "Origin", .dropdown, options: ["website", "referral", "partner", "inbound", "other"].map { FormOption($0) }),
        field("leadRating", "Lead Rating", .dropdown, options: options([("1_cold", "Cold"), ("2_warm", "Warm"), ("3_hot", "Hot")])),
        field("organizationId", "Organization", .combobox),
        field("contactId", "Contact", .combobox),
        field("owner", "Owner", .peoplePicker),
        field("followers", "Followers", .peoplePicker),
        field("participants", "Participants", .peoplePicker),
        field("note", "Note", .textArea),
    ]

    static let pipeline = Pipeline(fields: [
        "id": "727a1a94-dda3-4e68-92cb-343e3e3d4fbc", "name": "Sales Pipeline", "isDefault": true,
        "stages": .array([("a19248d2-cde7-4f9c-99d3-06c5dedf625b", "Prospecting"), ("395f9a11-c7d5-4d91-b4bb-8c964cf8d329", "Qualified"),
                          ("9151e995-d3e5-4c8b-bda1-c18df07e0cf6", "Proposal"), ("24ae1547-01c5-44ef-880a-9508fad438a4", "Negotiation"),
                          ("e7859d14-853b-4c99-88b0-1b55340ce221", "Closing")].enumerated().map { index, stage in
            Stage(id: StageID(stage.0), label: stage.1, order: index + 1).json
        }),
    ])

    static let caseType: CaseType = {
        var type = CaseType(label: "Support Request", form: [
            field("title", "Title", .text, required: true),
            field("description", "Description", .textArea),
            field("contactId", "Contact", .combobox),
            field("organizationId", "Organization", .combobox),
            field("assignee", "Assignee", .combobox),
            field("priority", "Priority", .dropdown, options: options([("1_high", "High"), ("2_medium", "Medium"), ("3_low", "Low")])),
            field("expectedDate", "Expected Date", .date),
        ], workflow: Workflow(
            statuses: [WorkflowStatus(id: "open", label: "Open"), WorkflowStatus(id: "in-progress", label: "In Progress"),
                       WorkflowStatus(id: "resolved", label: "Resolved"), WorkflowStatus(id: "closed", label: "Closed")],
            transitions: [WorkflowTransition(id: "t1", label: "Start", source: "open", target: "in-progress")]))
        type.id = "7e893fc4-9083-4e00-a283-564973ec2837"
        return type
    }()

    static var snapshot: SchemaSnapshot {
        SchemaSnapshot(forms: [.contact: contactForm, .organization: organizationForm, .opportunity: opportunityForm],
                       tags: [:], pipelines: [pipeline], caseTypes: [caseType])
    }
}

/// Parses mapping text or fails the test with the diagnostics.
func parseMapping(_ yaml: String, file: String = "test.yaml") throws -> Mapping {
    try MappingParser.parse(yaml: yaml, file: file)
}

/// A CSV-like record from name/value pairs, at `line`.
func record(_ pairs: [(String, String)], line: Int = 2, file: String = "in.csv") -> SourceRecord {
    SourceRecord(provenance: SourceProvenance(file: file, line: line, record: line - 1),
                 fields: pairs.map { SourceField(name: $0.0, value: $0.1) })
}

/// The diagnostics a mapping text produces (empty when it parses).
func mappingDiagnostics(_ yaml: String) -> [MappingDiagnostic] {
    do {
        _ = try MappingParser.parse(yaml: yaml, file: "m.yaml")
        return []
    } catch {
        return error.diagnostics
    }
}
