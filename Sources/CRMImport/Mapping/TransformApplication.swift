import Foundation
import CRMModel

/// Running a transform on a value. Text transforms apply to each item of a list.
extension Transform {
    func apply(_ flow: Flow, phones: PhoneTransformer) throws(TransformFailure) -> Flow {
        switch kind {
        case .split(let separator):
            var items: [String] = []
            flow.forEachItem { Self.appendPieces(of: $0, separatedBy: separator, to: &items) }
            return .list(items)
        case .join(let separator):
            return .text(flow.items.joined(separator: separator))
        case .first:
            return .text(flow.items.first ?? "")
        case .map(let table, let otherwise):
            return try mapEach(flow, table, otherwise)
        case .number(let style):
            return try typed(flow) { text throws(TransformFailure) in .json(try style.number(from: text)) }
        case .money(let style, let currency):
            return try typed(flow) { text throws(TransformFailure) in
                .json(try style.money(from: text, currency: currency))
            }
        case .boolean(let truthy, let falsy):
            return try typed(flow) { text throws(TransformFailure) in
                let key = text.lowercased()
                if truthy.contains(key) { return .json(.bool(true)) }
                if falsy.contains(key) { return .json(.bool(false)) }
                throw TransformFailure(
                    reason: .invalidFormat, message: "not a yes/no value",
                    hint: "list it under the boolean transform's true or false values")
            }
        default:
            return try eachText(flow, phones: phones)
        }
    }

    private func applyToText(_ text: String, phones: PhoneTransformer) throws(TransformFailure) -> String {
        switch kind {
        case .trim: return text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .foldWhitespace: return text.foldingWhitespace()
        case .lower: return text.lowercased()
        case .upper: return text.uppercased()
        case .title: return text.lowercased().capitalized
        case .replace(let box, let replacement):
            if let answer = box.replacingAnchoredPattern(in: text, with: replacement) { return answer }
            let range = NSRange(text.startIndex..., in: text)
            return box.regex.stringByReplacingMatches(in: text, range: range, withTemplate: replacement)
        case .date(let pattern): return try pattern.parse(text).dateText
        case .dateTime(let pattern, let zone): return try pattern.parse(text).dateTimeText(zone: zone)
        case .time(let pattern): return try pattern.parse(text).timeText(withSeconds: pattern.hasSeconds)
        case .phone(let region): return try phones.normalize(text, region: region)
        case .email:
            let address = text.trimmingSpaces().lowercasedUnlessLower()
            guard EmailSyntax.isValid(address) else {
                throw TransformFailure(
                    reason: .invalidFormat, message: "not an e-mail address", hint: "fix the address in the source")
            }
            return address
        default: return text
        }
    }

    /// A text transform on each text of the value. It calls `applyToText` itself rather than
    /// taking it as a closure: the closure captured (copied) the transform on every call.
    private func eachText(_ flow: Flow, phones: PhoneTransformer) throws(TransformFailure) -> Flow {
        switch flow {
        case .text(let text): return text.isEmpty ? flow : .text(try applyToText(text, phones: phones))
        case .list(let items):
            var out: [String] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try applyToText(item, phones: phones)) }
            return .list(out.filter { !$0.isEmpty })
        case .json(let value):
            throw TransformFailure(
                reason: .invalidType, message: "\(name) needs text, got \(value.kindName) from an earlier transform",
                hint: "move \(name) before the transform that typed the value")
        }
    }

    private func typed(_ flow: Flow, _ body: (String) throws(TransformFailure) -> Flow) throws(TransformFailure) -> Flow
    {
        switch flow {
        case .text(let text): return try body(text)
        case .list(let items):
            var out: [JSONValue] = []
            for item in items { out.append(try body(item).json) }
            return .json(.array(out))
        case .json: return flow
        }
    }

    private func mapEach(_ flow: Flow, _ table: [String: JSONValue], _ otherwise: MapFallback) throws(TransformFailure)
        -> Flow
    {
        // One text (nearly always): looked up without the arrays a list needs.
        if case .text(let item) = flow, !item.isEmpty {
            if let hit = table[Transform.mapKey(item)] {
                if case .string(let text) = hit { return .text(text) }
                return .json(hit)
            }
            switch otherwise {
            case .keep: return .text(item)
            case .empty: return .text("")
            case .reject:
                throw TransformFailure(
                    reason: .unknownOption, message: "'\(item)' has no entry in the value map",
                    hint: "add it to the map, or set otherwise: keep", rejectsRecord: true)
            }
        }
        var mapped: [JSONValue] = []
        for item in flow.items {
            if let hit = table[Transform.mapKey(item)] {
                mapped.append(hit)
                continue
            }
            switch otherwise {
            case .keep: mapped.append(.string(item))
            case .empty: continue
            case .reject:
                throw TransformFailure(
                    reason: .unknownOption, message: "'\(item)' has no entry in the value map",
                    hint: "add it to the map, or set otherwise: keep", rejectsRecord: true)
            }
        }
        if case .list = flow { return .json(.array(mapped)) }
        guard let single = mapped.first else { return .text("") }
        if case .string(let text) = single { return .text(text) }
        return .json(single)
    }

    /// The pieces of `text` between the separators, each without the spaces and tabs around it,
    /// the empty ones left out, appended to `pieces`. ASCII text without carriage returns (where
    /// every Character is one byte, so splitting by bytes finds the same pieces) is split on its
    /// bytes; other text by Characters, which the generic split compares one by one.
    static func appendPieces(of text: String, separatedBy separator: String, to pieces: inout [String]) {
        let isPlain: (UInt8) -> Bool = { $0 < 0x80 && $0 != 0x0D }
        guard !separator.isEmpty, separator.utf8.allSatisfy(isPlain), text.utf8.allSatisfy(isPlain) else {
            for piece in text.split(separator: separator, omittingEmptySubsequences: true) {
                let trimmed = String(piece).trimmingSpaces()
                if !trimmed.isEmpty { pieces.append(trimmed) }
            }
            return
        }
        var text = text, separator = separator
        text.withUTF8 { bytes in
            separator.withUTF8 { mark in
                var start = 0, index = 0
                while index + mark.count <= bytes.count {
                    if bytes[index] == mark[0], mark.indices.allSatisfy({ bytes[index + $0] == mark[$0] }) {
                        appendTrimmed(bytes[start..<index], to: &pieces)
                        index += mark.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                appendTrimmed(bytes[start...], to: &pieces)
            }
        }
    }

    /// `piece` without the spaces and tabs around it (as `trimmingSpaces`), unless that is empty.
    private static func appendTrimmed(_ piece: Slice<UnsafeBufferPointer<UInt8>>, to pieces: inout [String]) {
        var piece = piece[...]
        while let first = piece.first, first == 0x20 || first == 0x09 { piece = piece.dropFirst() }
        while let last = piece.last, last == 0x20 || last == 0x09 { piece = piece.dropLast() }
        if !piece.isEmpty { pieces.append(String(decoding: piece, as: UTF8.self)) }
    }

    /// How `map` keys and looked-up values are compared: trimmed, lower-cased.
    static func mapKey(_ text: String) -> String {
        text.trimmingSpaces().lowercasedUnlessLower()
    }
}

extension Flow {
    /// The texts of this value: one for text, each for a list, none for JSON.
    var items: [String] {
        switch self {
        case .text(let text): return text.isEmpty ? [] : [text]
        case .list(let items): return items
        case .json(let value): return value.stringValue.map { [$0] } ?? []
        }
    }

    /// `items`, one by one, without building an array for a single text (nearly every value).
    func forEachItem(_ body: (String) -> Void) {
        switch self {
        case .text(let text): if !text.isEmpty { body(text) }
        case .list(let items): for item in items { body(item) }
        case .json(let value): if let text = value.stringValue { body(text) }
        }
    }
}
