import ArgumentParser
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample")
    func run() throws {}
}
