import CRMSync
import Foundation
import Hummingbird

/// The import-conflict review's API:
///
/// - `GET /api/run`: the conflicts file, run, entity, counts, whether undo is possible.
/// - `GET /api/conflicts?offset=&limit=&decided=yes|no`: a page of the conflict list.
/// - `GET /api/conflicts/N`: one conflict (N is its plan step): the row and its candidates.
/// - `POST /api/decisions` `{"step", "decision"}` (`create`, `update ID`, `skip`, `undecided`):
///   decide, save into conflicts.yaml, answer the conflict.
/// - `POST /api/undo`: put back the decision before the last one, save, answer that conflict.
struct ConflictReviewAPI: ReviewBackend {
    let review: ConflictReview

    var html: String { ConflictReviewPage.html }
    var script: String { ReviewPage.commonScript + "\n" + ConflictReviewPage.script }

    func answer(_ request: Request, path: String) async throws -> Response? {
        typealias R = ReviewResponder
        switch (request.method, path) {
        case (.get, "/api/run"): return R.json(RunInfo(review))
        case (.get, "/api/conflicts"):
            return R.json(
                review.page(
                    decided: R.decided(request), offset: R.int(request, "offset") ?? 0,
                    limit: min(R.int(request, "limit") ?? 100, R.maximumPageSize)))
        case (.post, "/api/decisions"):
            return await decide(request)
        case (.post, "/api/undo"):
            do {
                guard let conflict = try review.undo() else { return R.text(409, "There is nothing to undo.") }
                return R.json(Answer(conflict: conflict, canUndo: review.canUndo))
            } catch {
                return R.text(500, "\(error)")
            }
        default:
            if request.method == .get, path.hasPrefix("/api/conflicts/"),
                let number = Int(path.dropFirst("/api/conflicts/".count))
            {
                guard let conflict = review.group(number) else {
                    return R.text(404, "There is no conflict \(number).")
                }
                return R.json(Answer(conflict: conflict, canUndo: review.canUndo))
            }
            return nil
        }
    }

    struct DecisionBody: Decodable {
        var step: Int
        var decision: String
    }

    func decide(_ request: Request) async -> Response {
        typealias R = ReviewResponder
        let body: DecisionBody
        switch await R.decisionBody(request, as: DecisionBody.self) {
        case .success(let decoded): body = decoded
        case .failure(let refused): return refused.response
        }
        return R.decision {
            Answer(conflict: try review.decide(step: body.step, body.decision), canUndo: review.canUndo)
        }
    }

    struct RunInfo: Encodable {
        var file: String
        var run: String
        var entity: String
        var conflicts: Int
        var canUndo: Bool
        init(_ review: ConflictReview) {
            file = review.path
            run = review.run.name
            entity = review.entity
            conflicts = review.conflictCount
            canUndo = review.canUndo
        }
    }

    struct Answer: Encodable {
        var conflict: ConflictReviewGroup
        var canUndo: Bool
    }
}
