import Foundation
import CRMModel

/// One step of a rule's transforms, as parsed from the mapping file. See docs/mapping.md for
/// each one's YAML spelling. Held by reference: a record's mapping runs it in place, where a
/// value copy would copy its payload (a pattern, a table) for every value it transforms.
public final class Transform: Sendable {
    public enum Kind: Sendable {
        case trim
        /// Trims and replaces every run of whitespace with one space.
        case foldWhitespace
        case lower, upper, title
        /// Text → list, on a separator; items trimmed, empty ones dropped.
        case split(String)
        /// List → text.
        case join(String)
        /// List → its first item.
        case first
        case replace(RegexBox, with: String)
        /// Source value → target value, compared trimmed and ignoring case.
        case map([String: JSONValue], otherwise: MapFallback)
        case date(DatePattern)
        case dateTime(DatePattern, zone: TimeZonePolicy)
        case time(DatePattern)
        case number(NumberStyle)
        case money(NumberStyle, currency: String?)
        case phone(region: String?)
        case email
        case boolean(truthy: Set<String>, falsy: Set<String>)
    }

    /// What `map` does with a value it has no entry for.
    public enum MapFallback: String, Sendable, Hashable, CaseIterable {
        /// Pass it on unchanged (the form's options then decide).
        case keep
        /// Drop it (the field is left out).
        case empty
        /// Refuse the record.
        case reject
    }

    public let kind: Kind
    public let name: String

    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// The transform names the mapping format knows, for "unknown transform" hints.
    public static let names = [
        "trim", "fold-whitespace", "lower", "upper", "title", "split", "join", "first", "replace", "map",
        "date", "datetime", "time", "number", "money", "phone", "email", "boolean",
    ]
}

/// A compiled regular expression with what the mapper learnt from its pattern.
public struct RegexBox: Sendable {
    public let regex: NSRegularExpression
    public let pattern: String
    /// The pattern as positions when it spells out whole values of one length (see
    /// `AnchoredPattern`), found once when the mapping is read.
    let anchored: AnchoredPattern?

    init(regex: NSRegularExpression, pattern: String) {
        self.regex = regex
        self.pattern = pattern
        self.anchored = AnchoredPattern(pattern)
    }
}

/// How a date-time without an offset is read, and how it is written.
public enum TimeZonePolicy: Sendable, Hashable {
    /// Written as read: with its offset when it had one, as wall-clock time when not. The API
    /// stores a date-time without offset as wall-clock time (api-notes #39).
    case keep
    /// Read in this zone when it has no offset, and written in UTC (`Z`).
    case convertToUTC(from: String)
}

/// Why a transform could not produce a value.
struct TransformFailure: Error, Sendable {
    var reason: FieldProblemReason
    var message: String
    var hint: String?
    /// The transform was told to refuse the record (`map`'s `otherwise: reject`): the most
    /// specific setting there is, so no `onInvalid` or default turns it into a drop.
    var rejectsRecord = false
}
