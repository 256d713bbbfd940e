import Foundation
import Testing
import CRMModel
@testable import CRMImport

/// A validation run maps and validates on several threads (issue 5) and still gives the same
/// report and the same rejects file, row for row, as on one thread.
@Suite struct ParallelValidationRunTests {
    @Test func oneThreadAndSeveralGiveTheSameReportAndRejects() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("generated.csv").path
        // Several batches, and a last one that is not full.
        try GeneratedOutlookRecords.csv(count: 3 * ValidationPipeline.batchSize + 77).write(
            toFile: input, atomically: true, encoding: .utf8)
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("outlook-contacts"))
        var outcomes: [(report: String, rejects: String)] = []
        for threads in [1, 2, 3] {
            let rejectsPath = directory.appendingPathComponent("rejects-\(threads).csv").path
            let rejects = try RejectsFile(path: rejectsPath)
            var run = try ValidationRun(
                mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil, rejects: rejects)
            run.threads = threads
            let report = try run.run(path: input)
            try rejects.close()
            #expect(report.recordsRead == 3 * ValidationPipeline.batchSize + 77)
            // (Contacts without a name but with an e-mail are named by it, so not rejected.)
            #expect(report.rejected > 10 && report.valid > 100)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            outcomes.append(
                (
                    String(decoding: try encoder.encode(report), as: UTF8.self),
                    try String(contentsOfFile: rejectsPath, encoding: .utf8)
                ))
        }
        for outcome in outcomes.dropFirst() {
            #expect(outcome.report == outcomes[0].report)
            #expect(outcome.rejects == outcomes[0].rejects)
        }
    }

    @Test func shippedSamplesGiveTheSameReportOnOneThreadAndSeveral() throws {
        for pair in ShippedMappings.pairs {
            let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(pair.mapping))
            var reports: [String] = []
            for threads in [1, 2] {
                var run = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil)
                run.threads = threads
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                reports.append(
                    String(
                        decoding: try encoder.encode(try run.run(path: ShippedMappings.samplePath(pair.sample))),
                        as: UTF8.self))
            }
            #expect(reports[0] == reports[1], "\(pair)")
        }
    }

    @Test func aReaderFailureStillWritesTheRejectsOfWhatWasRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath("outlook-contacts"))
        let records = GeneratedOutlookRecords.records(count: 2 * ValidationPipeline.batchSize + 300)
        var written: [String] = []
        for threads in [1, 2] {
            let path = directory.appendingPathComponent("rejects-\(threads).csv").path
            let rejects = try RejectsFile(path: path)
            var run = try ValidationRun(
                mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil, rejects: rejects)
            run.threads = threads
            var reader = ScriptedReader(records: records)
            #expect(throws: ScriptedReader.BrokeOff.self) { try run.run(&reader) }
            try rejects.close()
            written.append(try String(contentsOfFile: path, encoding: .utf8))
        }
        // The same rows as a run over the same records that ends normally.
        let path = directory.appendingPathComponent("rejects-complete.csv").path
        let rejects = try RejectsFile(path: path)
        var run = try ValidationRun(
            mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil, rejects: rejects)
        run.threads = 1
        var reader = ScriptedReader(records: records, fails: false)
        let report = try run.run(&reader)
        try rejects.close()
        #expect(report.rejected > 10)
        #expect(written[0] == written[1])
        #expect(written[0] == (try String(contentsOfFile: path, encoding: .utf8)))
    }
}

/// Readers other than CSV's are read by the pipeline's threads in turn too (libxml2's reader for
/// XML): several batches of XML and vCard records give the same report on one thread and two.
@Suite struct ParallelNonCSVRunTests {
    static func report(mapping name: String, file: String, threads: Int) throws -> String {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(name))
        var run = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot, problemLimit: nil)
        run.threads = threads
        let report = try run.run(path: file)
        #expect(report.recordsRead == 2 * ValidationPipeline.batchSize + 300, "\(name)")
        #expect(report.droppedValueCount > 0 && report.valid > 0, "\(name): some values are bad on purpose")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test func xmlAndVCardGiveTheSameReportOnOneThreadAndTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crmkit-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 2 * ValidationPipeline.batchSize + 300
        // Every seventh e-mail address is broken, so dropped values are spread over every batch.
        var xml =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entities>\n"
            + "<entity name=\"account\" displayname=\"Account\">\n<records>\n"
        var vcards = ""
        for number in 1...count {
            let email = number % 7 == 0 ? "broken-\(number).example" : "info\(number)@company\(number).example"
            xml +=
                "<record id=\"id-\(number)\"><field name=\"name\" value=\"Company \(number)\" />"
                + "<field name=\"emailaddress1\" value=\"\(email)\" /><field name=\"telephone1\" "
                + "value=\"+1 555 010 \(1000 + number % 9000)\" /></record>\n"
            vcards +=
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person \(number)\r\n"
                + "N:\(number);Person;;;\r\nEMAIL;TYPE=work:\(email)\r\nEND:VCARD\r\n"
        }
        xml += "</records>\n</entity>\n</entities>\n"
        let xmlPath = directory.appendingPathComponent("data.xml").path
        let vcardPath = directory.appendingPathComponent("contacts.vcf").path
        try xml.write(toFile: xmlPath, atomically: true, encoding: .utf8)
        try vcards.write(toFile: vcardPath, atomically: true, encoding: .utf8)
        for (mapping, file) in [("dynamics-cmt-accounts", xmlPath), ("vcard-contacts", vcardPath)] {
            #expect(
                try Self.report(mapping: mapping, file: file, threads: 1)
                    == Self.report(mapping: mapping, file: file, threads: 2), "\(mapping)")
        }
    }
}
