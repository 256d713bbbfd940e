import Testing
@testable import CRMImport

/// CSV records are rows of the batch they were parsed in (`CSVRowBatch`): across batch
/// boundaries every record keeps its values, names and place, and a row's issues come right
/// before it.
@Suite struct CSVRowBatchTests {
    /// 1,300 rows (three batches of 512 at most); every 250th row ragged, short or long.
    static func file() -> String {
        var text = "id,name,note\n"
        for row in 1...1_300 {
            if row % 250 == 0 {
                text += row % 500 == 0 ? "\(row),short\n" : "\(row),long,note \(row),extra \(row)\n"
            } else {
                text += "\(row),Name \(row),\(row % 3 == 0 ? "NULL" : "note \(row)")\n"
            }
        }
        return text
    }

    @Test func recordsKeepTheirValuesAfterLaterBatchesAreRead() throws {
        var options = ReadOptions()
        options.nullTokens = ["NULL"]
        var reader = try CSVReader(bytes: Array(Self.file().utf8), name: "rows.csv", options: options)
        var records: [SourceRecord] = []
        var events: [String] = []
        while let event = try reader.next() {
            switch event {
            case .record(let record):
                records.append(record)
                events.append("record \(record.provenance.line)")
            case .issue(let issue): events.append("issue \(issue.provenance.line)")
            }
        }
        #expect(records.count == 1_300)
        // Read once all batches are done: values come from batches long since handed out.
        for (index, record) in records.enumerated() {
            let row = index + 1
            #expect(record.provenance.line == row + 1)
            #expect(record.first("id") == String(row))
            if row % 250 == 0 { continue }
            #expect(record["name"] == "Name \(row)")
            #expect(record.first("note") == (row % 3 == 0 ? nil : "note \(row)"), "a null token is absent")
            #expect(record.names == (row % 3 == 0 ? ["id", "name"] : ["id", "name", "note"]))
        }
        let long = records[249], short = records[499]
        #expect(long.first("_4") == "extra 250")
        #expect(long.fields.map(\.name) == ["id", "name", "note", "_4"])
        #expect(short.fields.map(\.name) == ["id", "name"])
        #expect(short.first("note") == nil)
        // Each ragged row's warning comes right before it.
        for row in stride(from: 250, through: 1_300, by: 250) {
            let position = try #require(events.firstIndex(of: "record \(row + 1)"))
            #expect(events[position - 1] == "issue \(row + 1)")
        }
        #expect(events.filter { $0.hasPrefix("issue") }.count == 5)
    }

    /// A row's fields, looked up by position, by name and as a list, agree with each other.
    @Test func lookupsByPositionNameAndListAgree() throws {
        let (records, _) = try readAll("First Name,Last Name,E-mail\nAda,Lovelace,ada@example.org\n", .csv)
        let record = try #require(records.first)
        #expect(record.value(at: 1, named: "Last Name") == "Lovelace")
        #expect(record.value(at: 1, named: "E-mail") == "ada@example.org", "a wrong position falls back to the name")
        #expect(record.firstIgnoringCase("e-mail") == "ada@example.org")
        #expect(record.all("First Name") == ["Ada"])
        #expect(record.fields(named: "E-mail").map(\.value) == ["ada@example.org"])
        #expect(!record.isEmpty)
        let copy = SourceRecord(provenance: record.provenance, fields: record.fields)
        #expect(copy == record)
        #expect(copy.hashValue == record.hashValue)
    }

    /// A row's file is its batch's; its line and number its own, also once its fields are replaced.
    @Test func provenanceOfARow() throws {
        var reader = try CSVReader(bytes: Array("a,b\n1,2\n\n3,4\n".utf8), name: "people.csv")
        var records: [SourceRecord] = []
        while let event = try reader.next() { if case .record(let record) = event { records.append(record) } }
        #expect(
            records.map(\.provenance) == [
                SourceProvenance(file: "people.csv", line: 2, record: 1),
                SourceProvenance(file: "people.csv", line: 4, record: 2),
            ])
        var changed = records[1]
        changed.fields = [SourceField(name: "a", value: "5")]
        #expect(changed.provenance == SourceProvenance(file: "people.csv", line: 4, record: 2))
        #expect(changed.first("a") == "5")
        changed.provenance.line = 9
        #expect(changed.provenance == SourceProvenance(file: "people.csv", line: 9, record: 2))
    }
}
