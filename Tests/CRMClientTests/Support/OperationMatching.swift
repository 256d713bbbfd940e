import CRMModel

extension APIOperation {
    /// The catalog operation a concrete request (`PATCH /pipeline/leads/7/archive`) belongs to.
    static func matching(method: String, path: String) -> APIOperation? {
        let segments = path.split(separator: "/")
        return all.first { operation in
            let template = operation.path.split(separator: "/")
            return operation.method.rawValue == method && template.count == segments.count
                && zip(template, segments).allSatisfy { $0 == "{id}" || $0 == $1 }
        }
    }
}
