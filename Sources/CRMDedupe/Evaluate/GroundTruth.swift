import CRMModel

/// Which records are truly the same entity: record index → cluster id.
public struct GroundTruth: Sendable, Hashable {
    public var clusterOf: [Int: String]

    public init(clusterOf: [Int: String]) { self.clusterOf = clusterOf }

    /// From unordered true pairs (FEBRL's `*.true_pairs.csv`): clusters are their transitive closure.
    public init(pairs: [(Int, Int)]) {
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for (a, b) in pairs {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a), rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        clusterOf = Dictionary(uniqueKeysWithValues: parent.keys.map { ($0, String(find($0))) })
    }

    /// Parses the CLI's truth file: a header, then `record_index,cluster_id` (0-based index).
    /// `source` names the file in errors.
    public static func parse(csv text: String, source: String) throws(DedupeError) -> GroundTruth {
        var clusterOf: [Int: String] = [:]
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .makeIterator()
        guard let header = lines.next() else {
            throw DedupeError.truth(source, line: 1, "the file is empty; expected a header `record_index,cluster_id`")
        }
        let columns = header.element.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard columns.count >= 2 else {
            throw DedupeError.truth(
                source, line: 1, "expected a header `record_index,cluster_id`, found `\(header.element)`")
        }
        while let (offset, line) = lines.next() {
            let number = offset + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 2 else {
                throw DedupeError.truth(
                    source, line: number, "expected two columns `record_index,cluster_id`, found `\(line)`")
            }
            guard let index = Int(cells[0]), index >= 0 else {
                throw DedupeError.truth(
                    source, line: number, "record_index `\(cells[0])` is not a 0-based record number")
            }
            guard !cells[1].isEmpty else {
                throw DedupeError.truth(source, line: number, "cluster_id is empty for record \(index)")
            }
            if let previous = clusterOf[index], previous != cells[1] {
                throw DedupeError.truth(
                    source, line: number,
                    "record \(index) is already in cluster `\(previous)`; give each record one cluster")
            }
            clusterOf[index] = cells[1]
        }
        return GroundTruth(clusterOf: clusterOf)
    }

    /// Number of true pairs: a cluster of n contributes n(n−1)/2.
    public var pairCount: Int {
        var sizes: [String: Int] = [:]
        for cluster in clusterOf.values { sizes[cluster, default: 0] += 1 }
        return sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }
}

/// Errors the dedupe library reports to users, each naming where and what to do.
public enum DedupeError: Error, Sendable, DiagnosticConvertible, Equatable {
    case truth(String, line: Int, String)
    case configuration(field: String, String)

    public var diagnostic: Diagnostic {
        switch self {
        case .truth(let source, let line, let message): Diagnostic(file: source, line: line, message)
        case .configuration(let field, let message): Diagnostic(field: "dedupe configuration \(field)", message)
        }
    }
}

import Foundation
