import CRMImport
import Foundation
import Testing
@testable import CRMSync

/// The importer reads on one thread and maps and validates on several (`ValidationPipeline`);
/// its plan must not depend on how many: the same steps, in the same order, with the same
/// rejects, as when every record is handled on the calling thread.
@Suite struct ImportPreparationThreadsTests {
    @Test func onePlanWhateverTheNumberOfThreads() async throws {
        try await ImportHarness.run { harness in
            let generated = harness.directory.appendingPathComponent("contacts.csv").path
            // Several batches of records, a fifth of them repeats of earlier ones (folded into
            // their steps), and rows the validator rejects.
            _ = try SampleWriter.write(
                count: 2 * ValidationPipeline.batchSize + 500, format: .csv, to: generated,
                duplicateRate: 0.2, seed: 11)
            let file = try harness.edited(generated, name: "with-bad-rows.csv") { lines in
                // Broken e-mails are dropped (listed in the account); rows without a name rejected.
                for index in stride(from: 7, to: lines.count - 1, by: 301) {
                    lines[index] = lines[index].replacingOccurrences(of: "@", with: " at ")
                }
                for index in stride(from: 157, to: lines.count - 1, by: 301) {
                    let fields = lines[index].split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
                    if fields.count == 3 { lines[index] = ",," + fields[2] }
                }
            }
            let mappingPath = ImportHarness.path("mappings/sample-contacts.yaml")
            let mapping = try MappingParser.load(path: mappingPath)
            var texts: [Int: String] = [:]
            for threads in [1, 2, 3] {
                var preparation = ImportPreparation(file: file, mapping: mapping, mappingPath: mappingPath)
                preparation.threads = threads
                var account = LossAccount()
                var plan = try await preparation.plan(client: harness.client, account: &account)
                #expect(account.recordsRead == 2 * ValidationPipeline.batchSize + 500)
                #expect(!plan.rejected.isEmpty && plan.count(.create) > 0 && plan.count(.skip) > 0)
                #expect(account.valuesDropped > 0)
                plan.createdAt = "fixed"
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                texts[threads] = String(decoding: try encoder.encode(plan), as: UTF8.self)
            }
            #expect(texts[2] == texts[1])
            #expect(texts[3] == texts[1])
        }
    }
}
