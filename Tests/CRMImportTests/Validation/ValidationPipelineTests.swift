import Testing
import CRMModel
@testable import CRMImport

/// The pipeline reads on the calling thread and works on batches on its threads (`BatchWorkers`); whatever the
/// number of threads and wherever the input ends or breaks off, every event comes back once, in
/// reading order, the reader's failure after everything read before it, and the reader is
/// handed back as far as it was read.
@Suite struct ValidationPipelineTests {
    struct StopHere: Error {}

    static let batch = ValidationPipeline.batchSize

    static func issue(_ number: Int) -> ReadEvent {
        .issue(
            ReadIssue(
                provenance: SourceProvenance(file: "scripted.csv", line: number, record: number), severity: .warning,
                message: "issue \(number)"))
    }

    /// `issues` read issues, then `records` generated records, an issue after every 500th.
    static func script(issues: Int = 0, records: Int) -> [ReadEvent] {
        var events = (0..<issues).map(issue)
        for (index, record) in GeneratedOutlookRecords.records(count: records).enumerated() {
            events.append(.record(record))
            if index % 500 == 499 { events.append(issue(-index)) }
        }
        return events
    }

    static func label(_ event: ReadEvent) -> String {
        switch event {
        case .record(let record): return "record \(record.provenance.record)"
        case .issue(let issue): return issue.message
        }
    }

    /// What the pipeline handed back, labelled as `label` labels events, and what it threw.
    static func run(
        _ events: [ReadEvent], fails: Bool, threads: Int, stopAfter: Int? = nil,
        mapping name: String = "outlook-contacts"
    ) throws
        -> (items: [String], thrown: (any Error)?, readTo: Int)
    {
        let mapping = try MappingParser.load(path: ShippedMappings.mappingPath(name))
        let pipeline = ValidationPipeline(
            mapping: mapping, validator: DraftValidator(mapping: mapping, snapshot: SeededSchema.snapshot),
            threads: threads)
        var reader = ScriptedReader(events: events, fails: fails)
        var items: [String] = []
        var thrown: (any Error)?
        do {
            try pipeline.run(&reader, outcome: { _, _, record in record.provenance.record }) { item in
                if let stopAfter, items.count == stopAfter { throw StopHere() }
                switch item {
                case .outcome(let number): items.append("record \(number)")
                case .issue(let issue): items.append(issue.message)
                }
            }
        } catch {
            thrown = error
        }
        return (items, thrown, reader.index)
    }

    @Test(arguments: [0, 1, batch - 1, batch, batch + 1, 2 * batch, 5 * batch + 3])
    func everyEventOnceInOrder(records: Int) throws {
        let events = Self.script(records: records)
        for threads in [1, 2, 3] {
            for fails in [false, true] {
                let outcome = try Self.run(events, fails: fails, threads: threads)
                #expect(
                    outcome.items == events.map(Self.label), "\(records) records, \(threads) threads, fails: \(fails)")
                #expect((outcome.thrown is ScriptedReader.BrokeOff) == fails, "\(records) records, \(threads) threads")
                #expect(outcome.readTo == events.count, "the reader comes back as far as it was read")
            }
        }
    }

    @Test func moreReadIssuesThanABatchBeforeTheFirstRecord() throws {
        let events = Self.script(issues: Self.batch + 5, records: 2 * Self.batch)
        for threads in [1, 2] {
            let outcome = try Self.run(events, fails: false, threads: threads)
            #expect(outcome.thrown == nil)
            #expect(outcome.items == events.map(Self.label))
        }
    }

    @Test func aMissingColumnBehindReadIssuesIsStillFound() throws {
        let record = SourceRecord(
            provenance: SourceProvenance(file: "scripted.csv", line: 2, record: 1),
            fields: [SourceField(name: "First Name", value: "Ada")])
        let events = (0..<(Self.batch + 5)).map(Self.issue) + [.record(record)]
        // (The Outlook mapping's columns are all optional: Salesforce's are not.)
        let outcome = try Self.run(events, fails: false, threads: 2, mapping: "salesforce-contacts")
        #expect(outcome.thrown is MappingError)
        #expect(outcome.items.isEmpty, "nothing is handed back before the header is checked")
    }

    /// A custom field no form has and a column the file does not have are reported together,
    /// in the mapping's order, in one run.
    @Test func problemsAgainstTheFormsAndTheColumnsTogether() throws {
        let mapping = try parseMapping(
            """
            source: { format: csv }
            target: contact
            fields:
              name: Nmae
            customFields:
              Shoe Size: Shoe
            """)
        var run = try ValidationRun(mapping: mapping, snapshot: SeededSchema.snapshot)
        run.threads = 1
        var reader = ScriptedReader(events: [.record(record([("Name", "Ann"), ("Shoe", "38")]))], fails: false)
        #expect {
            _ = try run.run(&reader)
        } throws: { error in
            guard let error = error as? MappingError else { return false }
            return error.diagnostics.map(\.location.line) == [4, 6]
                && error.diagnostics[0].message == "the source has no field 'Nmae'"
                && error.diagnostics[1].message.contains("no field of the contact form has the id or label 'Shoe Size'")
        }
    }

    /// The caller fails half way (a rejects file that cannot be written): the run ends with
    /// that failure, without waiting for the rest of the file, and the threads stop.
    @Test func aFailingCallerStopsTheRun() throws {
        // More batches than three threads read ahead of the failure.
        let events = Self.script(records: (3 * ValidationPipeline.batchesAheadPerThread + 4) * Self.batch)
        for threads in [1, 2, 3] {
            let outcome = try Self.run(events, fails: false, threads: threads, stopAfter: 3 * Self.batch + 10)
            #expect(outcome.thrown is StopHere)
            #expect(outcome.items == Array(events.map(Self.label).prefix(3 * Self.batch + 10)))
            #expect(outcome.readTo < events.count, "reading stopped with the run (\(threads) threads)")
        }
    }
}
