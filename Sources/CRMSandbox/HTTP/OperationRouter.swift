import CRMModel

/// Finds the API operation a method and path name, from the catalog `APIOperation.all`: the
/// sandbox routes exactly the operations of the contract, and a path that exists under another
/// method is told apart from one that does not exist (405 vs 404, api-notes #56).
struct OperationRouter: Sendable {
    enum Match {
        case operation(APIOperation, id: String?)
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private struct Route: Sendable {
        var operation: APIOperation
        var segments: [Substring]
    }

    private let routes: [Route]

    init(operations: [APIOperation] = APIOperation.all) {
        routes = operations.map { Route(operation: $0, segments: $0.path.split(separator: "/")) }
    }

    func match(method: String, path: String) -> Match {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var allowed: [String] = []
        for route in routes where route.segments.count == segments.count {
            var id: String?
            var matches = true
            for (pattern, segment) in zip(route.segments, segments) {
                if pattern == "{id}" {
                    id = String(segment)
                } else if pattern != segment {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            if route.operation.method.rawValue == method { return .operation(route.operation, id: id) }
            allowed.append(route.operation.method.rawValue)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }
}
