import CRMModel
import Foundation

/// A mapping proposed for an export (`crmkit mapping init`): the export recognised by its
/// columns where it is a known one, every other column placed by its name and its values, and
/// each decision written as a comment beside its rule, so that the file is a starting point a
/// person can check line by line rather than a guess to be debugged.
///
/// Values decide before names: a column is proposed as e-mail, phone or date only when the
/// mapping's own transforms take every sampled value, so a proposed mapping drops nothing it
/// maps; what it cannot place is kept as an `extra` (never sent, still matched and listed).
public struct MappingProposal: Sendable {
    public var file: String
    public var format: SourceFormat
    /// False for a CSV file whose first row is data (its columns are then `_1`, `_2`, …).
    public var header = true
    /// CSV lines before the header (a note above the columns, as LinkedIn writes).
    public var skipLines = 0
    public var entity: EntityKind
    /// The recognised export, if any.
    public var product: String?
    public var decisions: [ColumnDecision] = []
    /// The match keys proposed, in order.
    public var matchKeys: [[String]] = []
    var rules: [ProposedRule] = []
    var extras: [ProposedRule] = []
    var recordCount = 0

    /// How sure the proposal is of a column.
    public enum Certainty: String, Sendable, Codable {
        /// A known export's column, or a name the vocabulary knows, with values that fit.
        case sure
        /// From words in its name or from its values alone.
        case guessed
        /// Kept as an extra: not sent, kept for matching.
        case extra
    }

    /// What was decided for one column, and why.
    public struct ColumnDecision: Sendable, Codable, Hashable {
        public var column: String
        public var certainty: Certainty
        /// The target (`name`, `email`, `extras.birthDate`, …).
        public var target: String
        public var why: String
    }

    public var mappedCount: Int { decisions.filter { $0.certainty == .sure }.count }
    public var guessedCount: Int { decisions.filter { $0.certainty == .guessed }.count }
    public var extraCount: Int { decisions.filter { $0.certainty == .extra }.count }

    /// One line for people: what was recognised and how many columns went where.
    public var summary: String {
        "\(product.map { "recognised \($0); " } ?? "no known export recognised; ")\(decisions.count) columns: "
            + "\(mappedCount) mapped, \(guessedCount) guessed, "
            + "\(extraCount) left as extras (\(recordCount) records sampled)"
    }

    /// Reads up to `sampleSize` records of `path` and proposes a mapping for them.
    public static func make(path: String, entity: EntityKind? = nil, sampleSize: Int = 200) throws -> MappingProposal {
        var (sample, format, header) = try read(path: path, sampleSize: sampleSize)
        var skipLines = 0
        // A note above the header (LinkedIn): the first lines are one column wide, the table is not.
        if format == .csv, sample.headerWidth < 2 {
            for skip in 1...5 {
                let next = try read(path: path, sampleSize: sampleSize, skipLines: skip)
                if next.0.headerWidth >= 2 {
                    sample = next.0
                    skipLines = skip
                    break
                }
            }
        }
        if format == .csv, header, looksHeaderless(sample.names) {
            (sample, format, header) = try read(path: path, sampleSize: sampleSize, header: false)
        }
        let known = header ? KnownExport.recognise(sample.names) : nil
        var proposal = MappingProposal(
            file: path, format: format, header: header, entity: entity ?? known?.entity ?? .contact)
        proposal.product = known?.product ?? (format == .vcard ? "vCard address book" : nil)
        proposal.skipLines = header ? skipLines : 0
        proposal.recordCount = sample.records.count
        var builder = ProposalBuilder(sample: sample, known: known, entity: proposal.entity, format: format)
        builder.build()
        proposal.rules = builder.rules
        proposal.extras = builder.extras
        proposal.decisions = builder.decisions
        proposal.matchKeys = builder.matchKeys
        return proposal
    }

    /// A header row made of what rows hold (an e-mail address, a number, a repeated value) is
    /// data: old Thunderbird and Palm exports have no header.
    static func looksHeaderless(_ names: [String]) -> Bool {
        names.contains { ValueSniffer.isEmail($0) || ValueSniffer.isURL($0) || ValueSniffer.looksLikePhone($0) }
            || names.filter { $0.range(of: "^_[0-9]+$|_[0-9]+$", options: .regularExpression) != nil }.count * 3
                > names.count
    }

    static func read(path: String, sampleSize: Int, header: Bool = true, skipLines: Int = 0) throws -> (
        ColumnSample, SourceFormat, Bool
    ) {
        var options = ReadOptions()
        options.header = header
        options.skipLines = skipLines
        var sample = ColumnSample()
        let format = try SourceReaders.detectFormat(path: path, given: nil)
        if format == .csv {
            // A CSV file of only a header row is still a layout to propose a mapping for.
            var reader = try CSVReader(path: path, options: options)
            while sample.records.count < sampleSize, let event = try reader.next() {
                if let record = event.record { sample.add(record) }
            }
            if sample.names.isEmpty { sample.names = reader.columnNames }
            sample.headerWidth = reader.columnNames.count
            return (sample, .csv, header)
        }
        var reader = try SourceReaders.open(path: path, format: format, options: options)
        while sample.records.count < sampleSize, let event = try reader.next() {
            if let record = event.record { sample.add(record) }
        }
        return (sample, format, header)
    }
}
