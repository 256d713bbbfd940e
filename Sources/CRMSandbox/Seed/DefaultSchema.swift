import CRMModel

/// What a new sandbox database starts with (api-notes "Seeded defaults"): the three forms, the
/// default pipeline, the lost reasons and the "Support Request" case type. Ids are fixed so tests
/// and documentation can name them.
enum DefaultSchema {
    static let pipelineId = "727a1a94-dda3-4e68-92cb-343e3e3d4fbc"
    static let caseTypeId = "7e893fc4-9083-4e00-a283-564973ec2837"

    static func options(_ pairs: [(String, String)]) -> [FormOption] {
        pairs.map { FormOption(id: $0.0, label: $0.1) }
    }

    static func field(
        _ id: String, _ label: String, _ type: FieldType, required: Bool = false,
        options: [FormOption]? = nil, labelOptions: [String]? = nil
    ) -> FormField {
        FormField(
            id: FieldID(id), label: label, type: type, category: .default, required: required, options: options,
            labelOptions: labelOptions)
    }

    static let contactForm: [FormField] = [
        field("name", "Name", .text, required: true),
        field("email", "Email", .emailLabeled, labelOptions: ["Work", "Personal", "Other"]),
        field("phone", "Phone", .telLabeled, labelOptions: ["Work", "Mobile", "Home", "Other"]),
        field("organizationId", "Organization", .combobox),
        field("jobTitle", "Job Title", .text),
        field(
            "seniorityLevel", "Seniority Level", .dropdown,
            options: options([
                ("1_intern", "Intern"), ("2_junior", "Junior"), ("3_intermediate", "Intermediate"),
                ("4_senior", "Senior"),
                ("5_manager", "Manager"), ("6_director", "Director"), ("7_executive", "Executive"),
            ])),
        field(
            "department", "Department", .dropdown,
            options: options([
                ("engineering", "Engineering"), ("sales", "Sales"), ("marketing", "Marketing"),
                ("support", "Customer Support"),
                ("finance", "Finance"), ("hr", "Human Resources"), ("legal", "Legal"), ("operations", "Operations"),
                ("product", "Product"), ("it", "IT"), ("management", "Management"), ("other", "Other"),
            ])),
        field("linkedin", "LinkedIn", .url),
        field("owner", "Owner", .peoplePicker),
        field("note", "Note", .textArea),
    ]

    static let organizationForm: [FormField] = [
        field("name", "Name", .text, required: true),
        field("address", "Address", .text),
        field("email", "Email", .emailLabeled, labelOptions: ["Main", "Work", "Billing", "Support", "Other"]),
        field("phone", "Phone", .telLabeled, labelOptions: ["Main", "Office", "Work", "Mobile", "Fax", "Other"]),
        field("industry", "Industry", .text),
        field(
            "size", "Size", .dropdown,
            options: options([
                ("1_micro", "Micro"), ("2_small", "Small"), ("3_medium", "Medium"), ("4_large", "Large"),
                ("5_enterprise", "Enterprise"),
            ])),
        field(
            "annualRevenue", "Annual Revenue", .dropdown,
            options: options([
                ("1_lessThanOneMillion", "Less than 1 million"), ("2_oneToFiveMillion", "1 to 5 million"),
                ("3_fiveToTenMillion", "5 to 10 million"), ("4_tenToHundredMillion", "10 to 100 million"),
                ("5_hundredMillionToOneBillion", "100 million to 1 billion"),
                ("6_moreThanOneBillion", "More than 1 billion"),
            ])),
        field("website", "Website", .url),
        field("owner", "Owner", .peoplePicker),
        field("note", "Note", .textArea),
    ]

    static let opportunityForm: [FormField] = [
        field("title", "Title", .text, required: true),
        field("value", "Estimated Value", .monetary),
        field(
            "origin", "Origin", .dropdown,
            options: ["website", "referral", "partner", "inbound", "other"].map(FormOption.init)),
        field(
            "leadRating", "Lead Rating", .dropdown,
            options: options([("1_cold", "Cold"), ("2_warm", "Warm"), ("3_hot", "Hot")])),
        field("organizationId", "Organization", .combobox),
        field("contactId", "Contact", .combobox),
        field("owner", "Owner", .peoplePicker),
        field("followers", "Followers", .peoplePicker),
        field("participants", "Participants", .peoplePicker),
        field("note", "Note", .textArea),
    ]

    static let caseForm: [FormField] = [
        field("title", "Title", .text, required: true),
        field("description", "Description", .textArea),
        field("contactId", "Contact", .combobox),
        field("organizationId", "Organization", .combobox),
        field("assignee", "Assignee", .combobox),
        field(
            "priority", "Priority", .dropdown,
            options: options([("1_high", "High"), ("2_medium", "Medium"), ("3_low", "Low")])),
        field("expectedDate", "Expected Date", .date),
    ]

    /// The form a record kind is validated against by default (cases: their case type's form).
    static func form(for formEntity: EntityKind) -> [FormField] {
        switch formEntity {
        case .contact: return contactForm
        case .organization: return organizationForm
        case .lead, .opportunity: return opportunityForm
        case .case: return caseForm
        }
    }

    static let pipeline: Pipeline = {
        var pipeline = Pipeline(fields: [:])
        pipeline.id = PipelineID(pipelineId)
        pipeline.name = "Sales Pipeline"
        pipeline.isDefault = true
        pipeline.stages = [
            Stage(id: "a19248d2-cde7-4f9c-99d3-06c5dedf625b", label: "Prospecting", order: 1, probability: 10),
            Stage(id: "395f9a11-c7d5-4d91-b4bb-8c964cf8d329", label: "Qualified", order: 2, probability: 25),
            Stage(id: "9151e995-d3e5-4c8b-bda1-c18df07e0cf6", label: "Proposal", order: 3, probability: 50),
            Stage(id: "24ae1547-01c5-44ef-880a-9508fad438a4", label: "Negotiation", order: 4, probability: 75),
            Stage(id: "e7859d14-853b-4c99-88b0-1b55340ce221", label: "Closing", order: 5, probability: 90),
        ]
        return pipeline
    }()

    static let lostReasons: [(id: String, label: String)] = [
        ("too_expensive", "Too expensive"), ("chose_competitor", "Chose a competitor"), ("no_budget", "No budget"),
        ("no_decision", "No decision"), ("not_a_fit", "Not a fit"), ("bad_timing", "Bad timing"), ("other", "Other"),
    ]

    static func workflowStatus(_ id: String, _ label: String, x: Int, sla: Bool, color: String) -> WorkflowStatus {
        var status = WorkflowStatus(id: id, label: label, color: color, recordResolutionSLA: sla)
        status.fields["position"] = ["x": .integer(Int64(x)), "y": 100]
        return status
    }

    static func transition(
        _ id: String, _ label: String, _ source: String, _ target: String, comment: Bool, users: [String]
    ) -> WorkflowTransition {
        var transition = WorkflowTransition(id: id, label: label, source: source, target: target)
        transition.fields["data"] = [
            "isEditing": false, "recordComment": .bool(comment), "authorizedUsers": .array(users.map(JSONValue.string)),
        ]
        return transition
    }

    static let workflow = Workflow(
        statuses: [
            workflowStatus("open", "Open", x: 100, sla: false, color: "#1E88E5"),
            workflowStatus("in-progress", "In Progress", x: 300, sla: true, color: "#FB8C00"),
            workflowStatus("resolved", "Resolved", x: 500, sla: true, color: "#43A047"),
            workflowStatus("closed", "Closed", x: 700, sla: false, color: "#757575"),
        ],
        transitions: [
            transition(
                "e13aa3a8-af17-43b9-95cc-3c566cd4858f", "Start", "open", "in-progress", comment: false,
                users: ["owner", "assignee"]),
            transition(
                "fb659176-910d-465c-9956-401b19dd66e8", "Resolve", "open", "resolved", comment: true,
                users: ["owner", "assignee"]),
            transition(
                "f93e8057-3325-44dd-8430-5cd96868287a", "Resolve", "in-progress", "resolved", comment: true,
                users: ["owner", "assignee"]),
            transition(
                "79edbd6f-6cd9-41af-8581-a7c35d4b030a", "Close", "open", "closed", comment: true,
                users: ["owner", "assignee", "requestor"]),
            transition(
                "0ce943e4-65b4-4310-82e0-8586c33b3417", "Close", "in-progress", "closed", comment: true,
                users: ["owner", "assignee", "requestor"]),
            transition(
                "bec59f40-ccf0-4b1f-87dd-687f375eab9b", "Close", "resolved", "closed", comment: true,
                users: ["owner", "assignee", "requestor"]),
            transition(
                "265ce821-bed1-4619-a84b-84f7efba4303", "Reopen", "resolved", "in-progress", comment: true,
                users: ["owner", "assignee", "requestor"]),
            transition(
                "ece6b53e-a802-4f40-b437-818974dae976", "Reopen", "closed", "open", comment: true,
                users: ["owner", "assignee", "requestor"]),
        ])

    static func caseType(tenantId: String, now: String) -> CaseType {
        var caseType = CaseType(label: "Support Request", form: caseForm, workflow: workflow)
        caseType.id = CaseTypeID(caseTypeId)
        caseType.tenantId = tenantId
        caseType.creator = SandboxUsers.api
        caseType.owner = SandboxUsers.api
        caseType.lastUpdatedBy = SandboxUsers.api
        caseType.createdOn = now
        caseType.updatedOn = now
        return caseType
    }
}

/// The user the sandbox names when a body names none (api-notes #13).
enum SandboxUsers {
    static let api = User(id: "api", name: "API", email: "api@sandbox.invalid")
}
