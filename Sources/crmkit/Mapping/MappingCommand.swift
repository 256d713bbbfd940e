import ArgumentParser

/// `crmkit mapping …`: writing mapping files (propose one from an export, preview what one does).
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "Propose a mapping file for an export, and preview what a mapping makes of it.",
        discussion: "See docs/mapping.md.",
        subcommands: [MappingInitCommand.self, MappingPreviewCommand.self])
}
