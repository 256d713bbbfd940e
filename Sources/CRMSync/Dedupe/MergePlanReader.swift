import CRMModel
import Foundation
import Yams

/// A merge plan that cannot be used, located in its file so the reviewer can fix the edit.
public struct MergePlanError: Error, DiagnosticConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var diagnostic: Diagnostic { Diagnostic(file: file, line: line, column: column, message) }
}

/// Reads a (possibly hand-edited) `merges.yaml`. Positions come from the YAML node tree, so a
/// wrong type or an impossible survivor is reported where the reviewer typed it.
public enum MergePlanReader {
    public static func load(path: String) throws -> MergePlan {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw MergePlanError(
                file: path, line: 0, column: 0,
                message: "cannot read the plan (\(error.localizedDescription)); check the path")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> MergePlan {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw MergePlanError(
                    file: file, line: 1, column: 1,
                    message: "the plan is empty; write it with `crmkit dedupe contacts --out`")
            }
            root = node
        } catch let error as MergePlanError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
        let plan: MergePlan
        do {
            plan = try YAMLDecoder().decode(MergePlan.self, from: root)
        } catch let error as DecodingError {
            throw decodingError(error, root: root, file: file)
        }
        try validate(plan, root: root, file: file)
        return plan
    }

    /// Edits that would make the merge ambiguous: the survivor must be one of the group's members.
    static func validate(_ plan: MergePlan, root: Node, file: String) throws {
        guard plan.entity == "contacts" || plan.entity == "organizations" else {
            throw located(
                root["entity"] ?? root, file: file,
                "entity must be \"contacts\" or \"organizations\"; restore the value the scan wrote")
        }
        for (index, group) in plan.groups.enumerated() {
            if let band = group.band, !MergePlan.bands.contains(band) {
                let node = root["groups"]?[index]?["band"] ?? root
                throw located(
                    node, file: file,
                    "group \(group.group): band \"\(band)\" is not one of "
                        + "\(MergePlan.bands); link merges, the others skip"
                )
            }
        }
        for (index, group) in plan.groups.enumerated() where !group.members.contains(where: { $0.id == group.survivor })
        {
            let node = root["groups"]?[index]?["survivor"] ?? root
            throw located(
                node, file: file,
                "group \(group.group): survivor \"\(group.survivor)\" is not "
                    + "one of its members; use one of \(group.members.map(\.id))"
            )
        }
    }

    static func located(_ node: Node, file: String, _ message: String) -> MergePlanError {
        MergePlanError(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    static func syntaxError(_ error: YamlError, file: String) -> MergePlanError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return MergePlanError(
                file: file, line: mark.line, column: mark.column,
                message: "invalid YAML: \(problem); fix the syntax there")
        default:
            return MergePlanError(file: file, line: 1, column: 1, message: "invalid YAML: \(error); fix the syntax")
        }
    }

    static func decodingError(_ error: DecodingError, root: Node, file: String) -> MergePlanError {
        let (path, detail): ([any CodingKey], String) =
            switch error {
            case let .keyNotFound(key, context):
                (context.codingPath, "missing `\(key.stringValue)`; restore it as the scan wrote it")
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
                (context.codingPath, "\(context.debugDescription); give it the type docs/dedupe.md shows")
            @unknown default: ([], "\(error)")
            }
        var node = root
        for key in path {
            guard let next = key.intValue.flatMap({ node[$0] }) ?? node[key.stringValue] else { break }
            node = next
        }
        let name = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return located(node, file: file, (name.isEmpty ? "" : "\(name): ") + detail)
    }
}
