import Foundation

/// How common a given name or surname is in a real population (share of people, 0...1).
///
/// Used as the starting frequency of a name before the data being matched say otherwise, so that
/// "John Smith" agreeing is weak evidence even in an import of two rows, and as the distribution
/// the sample generator draws names from.
public enum PopulationNames {
    public struct Table: Sendable {
        /// Names with their share of the population, most common first.
        public let entries: [(name: String, share: Double)]
        let shareByName: [String: Double]
        /// Share assumed for a name not in the table: half the rarest listed one.
        public let floor: Double

        init(_ text: String) {
            var entries: [(name: String, share: Double)] = []
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 2, let units = Double(parts[1]) else { continue }
                entries.append((String(parts[0]), units / 100_000))
            }
            self.entries = entries
            shareByName = Dictionary(entries.map { ($0.name, $0.share) }, uniquingKeysWith: max)
            floor = (entries.last?.share ?? 1e-5) / 2
        }

        /// Share of people with this (folded, lower-case) name.
        public func share(_ foldedName: String) -> Double { shareByName[foldedName] ?? floor }

        /// Whether the table lists this folded, lower-case name.
        func contains(_ foldedName: [UInt8]) -> Bool { shareByName[String(decoding: foldedName, as: UTF8.self)] != nil }
    }

    public static let surnames = Table(PopulationNameTable.surnames)
    public static let givenNames = Table(PopulationNameTable.givenNames)
}
