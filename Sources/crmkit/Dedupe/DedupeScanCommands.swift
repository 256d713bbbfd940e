import ArgumentParser
import CRMDedupe
import CRMModel
import CRMSync
import Foundation

/// `crmkit dedupe contacts` and `crmkit dedupe organizations`: find duplicates in the CRM and
/// write a merge plan to review. Nothing in the CRM changes.
struct DedupeContactsCommand: AsyncParsableCommand {
    static let configuration = DedupeScanOptions.configuration(for: .contact)
    @OptionGroup var scan: DedupeScanOptions
    func run() async throws { try await scan.run(.contact) }
}

struct DedupeOrganizationsCommand: AsyncParsableCommand {
    static let configuration = DedupeScanOptions.configuration(for: .organization)
    @OptionGroup var scan: DedupeScanOptions
    func run() async throws { try await scan.run(.organization) }
}

/// What both scans share: where the plan goes, the threshold, and the run itself.
struct DedupeScanOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the merge plan (YAML) to this file.", valueName: "merges.yaml"))
    var out = "merges.yaml"

    @Option(help: "Match probability from which two records are linked (0 < T < 1, default 0.95).")
    var threshold: Double?

    @OptionGroup var twins: TwinsOption

    @OptionGroup var connection: ConnectionOptions

    static func configuration(for entity: EntityKind) -> CommandConfiguration {
        CommandConfiguration(
            commandName: entity.plural,
            abstract: "Find duplicate \(entity.plural) and write a merge plan to review (the CRM is not changed).",
            discussion:
                "The plan lists groups, survivor, per-field outcome and the scores "
                + "and reasons of each pair; its format is in docs/dedupe.md."
        )
    }

    func validate() throws {
        if let threshold, !(threshold > 0 && threshold < 1) {
            throw ValidationError("--threshold must be between 0 and 1 (exclusive), e.g. 0.9")
        }
    }

    func run(_ entity: EntityKind) async throws {
        var configuration = entity == .organization ? DedupeConfiguration.forOrganizations() : DedupeConfiguration()
        if let threshold { configuration.threshold = threshold }
        twins.apply(to: &configuration)
        let scan = DuplicateScan(configuration: configuration)
        let out = self.out
        try await connection.run { client, output in
            let plan = entity == .organization ? try await scan.organizations(client) : try await scan.contacts(client)
            do {
                try MergePlanYAML.render(plan).write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                Output.diagnostic(
                    "\(out): error: cannot write the merge plan: \(error.localizedDescription) (choose another --out)")
                throw ExitStatus.failure
            }
            let linked = plan.groupsToMerge
            let involved = linked.reduce(0) { $0 + $1.members.count }
            let held = plan.groups.count - linked.count
            output.done(
                "\(plan.records) \(entity.plural) read, \(linked.count) group(s) of duplicates (\(involved) records)"
                    + (held > 0 ? " and \(held) group(s) for review" : "")
                    + " written to \(out); review it before merging",
                json: ScanJSON(
                    records: plan.records, groups: linked.count, reviewGroups: held,
                    recordsInGroups: involved, out: out))
        }
    }
}

/// `crmkit dedupe contacts|organizations --json`: what the scan wrote.
struct ScanJSON: Encodable {
    var records, groups, reviewGroups, recordsInGroups: Int
    var out: String
}

/// `--twins-to-review`, for the scans and `dedupe evaluate` alike.
struct TwinsOption: ParsableArguments {
    @Flag(
        help: """
            Two given names excused by one birthday and address (a name replaced on one record, \
            or twins living together) go to review instead of being linked. For data where twins \
            are common; costs recall where names were mistyped (docs/dedupe.md, Limits).
            """)
    var twinsToReview = false

    func apply(to configuration: inout DedupeConfiguration) {
        if twinsToReview { configuration.birthdayExcusesReviewOnly = true }
    }
}
