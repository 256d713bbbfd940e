import CRMClient
import CRMImport
import CRMModel
import Foundation

/// The import a user would script without crmkit, in Swift so that only the strategy differs
/// from `crmkit import`: one request at a time, for each row `GET /directory/contacts?email=…`
/// and then `POST` a new contact, or `PATCH` the one whose address equals the row's. It does less
/// than crmkit (no organization links, no phone normalisation, no journal, no plan), so the
/// speed-up measured against it is, if anything, understated. scripts/sequential-import.py is the
/// same loop in Python with `requests`.
struct SequentialUpsert {
    struct Result {
        var rows = 0
        var created = 0
        var updated = 0
        var failed = 0
        var requests = 0
        var firstFailure: String?
        var wall: Duration = .zero
        var clientCPU = CPUTime(user: 0, system: 0)

        var rowsPerSecond: Double { Double(rows) / max(durationSeconds(wall), 1e-9) }
    }

    let client: CRMClient

    /// Upserts the first `limit` rows of the sample CSV at `path`.
    func run(path: String, limit: Int) async throws -> Result {
        var reader = try SourceReaders.open(path: path, format: .csv)
        var result = Result()
        let cpuBefore = CPUTime.ofSelf()
        let start = ContinuousClock.now
        while result.rows < limit, let event = try reader.next() {
            guard case .record(let record) = event else { continue }
            result.rows += 1
            do {
                try await upsert(record, &result)
            } catch let error as CRMError {
                result.failed += 1
                if result.firstFailure == nil {
                    result.firstFailure = "line \(record.provenance.line): \(error.description)"
                }
            }
        }
        result.wall = ContinuousClock.now - start
        result.clientCPU = CPUTime.ofSelf() - cpuBefore
        return result
    }

    private func upsert(_ record: SourceRecord, _ result: inout Result) async throws {
        let body = try JSONEncoder().encode(JSONValue.object(Self.body(record)))
        let email = record.first("Email") ?? ""
        var existing: String?
        if !email.isEmpty {
            let response = try await client.send(.GET, "/directory/contacts", query: [("email", email)])
            result.requests += 1
            existing = Self.exactMatch(in: response.body, email: email)
        }
        if let existing {
            _ = try await client.send(.PATCH, "/directory/contacts/\(existing)", body: body)
            result.updated += 1
        } else {
            _ = try await client.send(.POST, "/directory/contacts", body: body)
            result.created += 1
        }
        result.requests += 1
    }

    /// The contact a row becomes, built the way a script would: straight from the columns.
    static func body(_ record: SourceRecord) -> JSONObject {
        func column(_ name: String) -> String { (record.first(name) ?? "").trimmingCharacters(in: .whitespaces) }
        var body: JSONObject = [
            "name": .string([column("First Name"), column("Last Name")].filter { !$0.isEmpty }.joined(separator: " "))
        ]
        if !column("Email").isEmpty {
            body["email"] = [["label": "Work", "value": .string(column("Email")), "primary": true]]
        }
        var phones: [JSONValue] = []
        if !column("Phone").isEmpty { phones.append(["label": "Work", "value": .string(column("Phone"))]) }
        if !column("Mobile").isEmpty { phones.append(["label": "Mobile", "value": .string(column("Mobile"))]) }
        if !phones.isEmpty { body["phone"] = .array(phones) }
        if !column("Title").isEmpty { body["jobTitle"] = .string(column("Title")) }
        if !column("Notes").isEmpty { body["note"] = .string(column("Notes")) }
        return body
    }

    /// The id of the listed contact holding exactly `email` (the API's filter is a substring
    /// search, so a script has to check).
    static func exactMatch(in listBody: Data, email: String) -> String? {
        guard let list = try? JSONDecoder().decode(JSONValue.self, from: listBody) else { return nil }
        let wanted = email.lowercased()
        for item in list["items"]?.arrayValue ?? [] {
            let addresses = item["email"]?.arrayValue ?? []
            guard addresses.contains(where: { $0["value"]?.stringValue?.lowercased() == wanted }) else { continue }
            if let id = item["id"] { return id.stringValue ?? id.int64Value.map(String.init) }
        }
        return nil
    }
}
