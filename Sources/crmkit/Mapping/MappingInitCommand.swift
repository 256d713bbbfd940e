import ArgumentParser
import CRMImport
import CRMModel
import Foundation

/// `crmkit mapping init FILE`: proposes a mapping file for an export (see `MappingProposal`).
struct MappingInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Propose a mapping file for an export, from its header, properties or structure.",
        discussion: """
            Recognises known exports by their columns (Outlook in English, German, French and \
            Japanese, Google, Gmail, Outlook Express, Yahoo, Thunderbird, KDE, Apple, LinkedIn, \
            Salesforce objects, HubSpot, Mailchimp, Lx-Office), vCard properties and XML record \
            paths; other columns are proposed by the similarity of their names and by sniffing \
            their values (e-mail, phone, dates, URLs, booleans). The mapping is written with a \
            comment on every rule: recognised, guessed (and why), or left as an extra. Check it \
            with `crmkit mapping preview`. Exit codes: 0 written; 64 the options are wrong or the \
            file cannot be read; 65 the file holds no record.
            """)

    @Argument(help: "The export to propose a mapping for (CSV, vCard or XML).")
    var file: String

    @Option(
        help: "The entity to import into: contact, organization, lead, opportunity or case (default: from the file).")
    var entity: String?

    @Option(help: ArgumentHelp("Write the mapping here (default: standard output).", valueName: "M.yaml"))
    var out: String?

    @Option(help: "How many records to read for sniffing values.")
    var sample = 200

    func validate() throws {
        if let entity, EntityKind(rawValue: entity) == nil, EntityKind(plural: entity) == nil {
            throw ValidationError("--entity must be contact, organization, lead, opportunity or case, not '\(entity)'")
        }
        if sample < 1 { throw ValidationError("--sample must be at least 1, not \(sample)") }
    }

    func run() throws {
        var entityKind: EntityKind?
        if let entity {
            guard let kind = EntityKind(rawValue: entity) ?? EntityKind(plural: entity) else {
                throw ValidationError(
                    "--entity must be contact, organization, lead, opportunity or case, not '\(entity)'")
            }
            entityKind = kind
        }
        let proposal = try exitingOnInputErrors {
            try MappingProposal.make(path: file, entity: entityKind, sampleSize: sample)
        }
        let yaml = proposal.yaml()
        if let out {
            do {
                try yaml.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                Output.diagnostic("\(out): error: cannot write the mapping: \(error.localizedDescription)")
                throw ExitStatus.usage
            }
            Output.diagnostic("\(out): \(proposal.summary)")
        } else {
            FileHandle.standardOutput.write(Data(yaml.utf8))
        }
    }
}
