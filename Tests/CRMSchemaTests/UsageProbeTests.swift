import CRMModel
import Testing

@testable import CRMSchema

@Suite struct UsageProbeTests {
    func probe(_ test: UsageProbe.Test, caseTypeID: String? = nil) -> UsageProbe {
        UsageProbe(
            address: .form(.contacts), subject: "", entity: .contact, caseTypeID: caseTypeID, test: test,
            consequence: "")
    }

    @Test func valuesAreFoundAsDefaultMembersOrCustomFields() {
        let record: JSONObject = ["name": "Ada", "jobTitle": "", "customFields": ["size": 38, "empty": []]]
        #expect(probe(.hasValue(field: "name")).matches(record))
        #expect(probe(.hasValue(field: "size")).matches(record))
        #expect(!probe(.hasValue(field: "empty")).matches(record))
        #expect(probe(.lacksValue(field: "jobTitle")).matches(record))
        #expect(probe(.lacksValue(field: "missing")).matches(record))
    }

    @Test func dropdownValuesMatchAsStringsArraysOrOptionObjects() {
        #expect(probe(.hasOption(field: "d", option: "a")).matches(["d": "a"]))
        #expect(probe(.hasOption(field: "d", option: "a")).matches(["customFields": ["d": ["b", "a"]]]))
        #expect(probe(.hasOption(field: "d", option: "a")).matches(["d": ["id": "a", "label": "A"]]))
        #expect(!probe(.hasOption(field: "d", option: "a")).matches(["d": "ab"]))
    }

    @Test func tagsMatchByIDOrLabelAndStatusesByIDOrLabel() {
        #expect(probe(.hasTag(id: "t1", label: "vip")).matches(["tags": [["id": "t1", "label": "gold"]]]))
        #expect(probe(.hasTag(id: nil, label: "vip")).matches(["tags": ["VIP"]]))
        #expect(!probe(.hasTag(id: "t1", label: "vip")).matches(["tags": [["id": "t2", "label": "gold"]]]))
        #expect(probe(.inStatus(id: "in-progress", label: "In Progress")).matches(["status": "in progress"]))
    }

    @Test func caseProbesOnlyCountCasesOfTheirType() {
        let probe = probe(.anyRecord, caseTypeID: "ct1")
        #expect(probe.matches(["caseTypeId": "ct1"]))
        #expect(!probe.matches(["caseTypeId": "ct2"]))
    }
}
