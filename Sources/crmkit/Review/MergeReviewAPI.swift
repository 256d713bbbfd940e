import CRMSync
import Foundation
import Hummingbird

/// The merge-plan review's API:
///
/// - `GET /api/plan`: file, entity, counts, whether undo is possible.
/// - `GET /api/groups?offset=&limit=&band=&min=&max=&decided=`: a page of the group list.
/// - `GET /api/groups/N`: one group.
/// - `POST /api/decisions` `{"action", "group", "member", "field"}`: decide, save, answer the group.
/// - `POST /api/undo`: undo the last decision, save, answer the group it restored.
struct MergeReviewAPI: ReviewBackend {
    let review: MergePlanReview

    var html: String { ReviewPage.html }
    var script: String { ReviewPage.commonScript + "\n" + ReviewPage.script }

    func answer(_ request: Request, path: String) async throws -> Response? {
        typealias R = ReviewResponder
        switch (request.method, path) {
        case (.get, "/api/plan"): return R.json(PlanInfo(review))
        case (.get, "/api/groups"):
            return R.json(
                review.page(
                    Self.filter(request), offset: R.int(request, "offset") ?? 0,
                    limit: min(R.int(request, "limit") ?? 100, R.maximumPageSize)))
        case (.post, "/api/decisions"):
            return await decide(request)
        case (.post, "/api/undo"):
            do {
                guard let group = try review.undo() else { return R.text(409, "There is nothing to undo.") }
                return R.json(GroupAnswer(group: group, entity: review.entity, canUndo: review.canUndo))
            } catch {
                return R.text(500, "\(error)")
            }
        default:
            if request.method == .get, path.hasPrefix("/api/groups/"),
                let number = Int(path.dropFirst("/api/groups/".count))
            {
                guard let group = review.group(number) else { return R.text(404, "There is no group \(number).") }
                return R.json(GroupAnswer(group: group, entity: review.entity, canUndo: review.canUndo))
            }
            return nil
        }
    }

    struct DecisionBody: Decodable {
        var action: String
        var group: Int
        var member: String?
        var field: String?
    }

    func decide(_ request: Request) async -> Response {
        typealias R = ReviewResponder
        let body: DecisionBody
        switch await R.decisionBody(request, as: DecisionBody.self) {
        case .success(let decoded): body = decoded
        case .failure(let refused): return refused.response
        }
        let decision: ReviewDecision
        switch (body.action, body.member, body.field) {
        case ("accept", _, _): decision = .accept(group: body.group)
        case ("reject", _, _): decision = .reject(group: body.group)
        case ("survivor", let member?, _): decision = .survivor(group: body.group, member: member)
        case ("drop", let member?, _): decision = .drop(group: body.group, member: member)
        case ("keep", let member?, let field?): decision = .keep(group: body.group, field: field, member: member)
        default: return R.text(400, "Unknown decision \(body.action) (or its member/field is missing).")
        }
        return R.decision {
            GroupAnswer(group: try review.decide(decision), entity: review.entity, canUndo: review.canUndo)
        }
    }

    struct PlanInfo: Encodable {
        var file: String
        var entity: String
        var groups: Int
        var canUndo: Bool
        init(_ review: MergePlanReview) {
            file = review.path
            entity = review.entity
            groups = review.groupCount
            canUndo = review.canUndo
        }
    }

    struct GroupAnswer: Encodable {
        var group: MergePlan.Group
        var entity: String
        var canUndo: Bool
        var pickable = ReviewDecision.pickableFields
    }

    static func filter(_ request: Request) -> ReviewFilter {
        let query = request.uri.queryParameters
        let band = query["band"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        return ReviewFilter(
            band: band, minimumProbability: query["min"].flatMap { Double(String($0)) },
            maximumProbability: query["max"].flatMap { Double(String($0)) },
            decided: ReviewResponder.decided(request))
    }

}
