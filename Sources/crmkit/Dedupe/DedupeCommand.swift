import ArgumentParser

/// `crmkit dedupe …`: finding duplicate records. Each subcommand lives in its own file.
struct DedupeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Find duplicate records, merge them, and measure how well they are found.",
        discussion: "See docs/dedupe.md for how records are compared and what the figures mean.",
        subcommands: [
            DedupeContactsCommand.self, DedupeOrganizationsCommand.self, DedupeApplyCommand.self,
            DedupeEvaluateCommand.self,
        ]
    )
}
