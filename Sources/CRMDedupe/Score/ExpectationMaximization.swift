/// Estimates Fellegi-Sunter m, u and λ from unlabelled candidate pairs (Winkler 1988; Jaro 1989).
///
/// EM runs over the distinct comparison patterns with their counts, not over pairs, so a million
/// candidate pairs cost a few thousand pattern updates per iteration. The u-probabilities start
/// from random record pairs — which are almost all non-matches — and m from the priors.
public struct ExpectationMaximization: Sendable {
    public var maxIterations = 200
    public var tolerance = 1e-6
    /// Added to every count so no level gets probability 0 (which would make weights infinite).
    public var smoothing = 0.5
    /// Keep u at the random-pair estimate instead of re-estimating it among candidates.
    public var fixU = false
    /// Weight of the starting m-probabilities as a Dirichlet prior, as a share of the candidate
    /// pairs (maximum a posteriori EM). Blocking makes fields dependent among candidates (pairs
    /// blocked on given name + postcode agree on both by construction), and plain EM can then
    /// settle on a class that is "agrees on postcode" rather than "same person", with name
    /// disagreement costing almost nothing. Anchoring m to what duplicates look like keeps the
    /// match class about identity; the data still move it.
    public var mPriorStrength = 0.1

    public init(maxIterations: Int = 200, fixU: Bool = false) {
        self.maxIterations = maxIterations
        self.fixU = fixU
    }

    public struct Outcome: Sendable {
        public var model: FellegiSunterModel
        public var iterations: Int
        public var converged: Bool
    }

    public func estimate(patterns: [ComparisonPattern: Int], start: FellegiSunterModel) -> Outcome {
        let fields = ComparisonField.allCases
        let entries = patterns.map { entry in
            (levels: fields.map { entry.key[$0].map(Int.init) ?? -1 }, count: Double(entry.value))
        }
        let total = entries.reduce(0) { $0 + $1.count }
        var model = start
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            var uCounts = fields.map { [Double](repeating: smoothing, count: $0.levelCount) }
            var mCounts = fields.map { field in
                start.m[field.rawValue].map { smoothing + mPriorStrength * total * $0 }
            }
            var matchMass = 0.0
            for entry in entries {
                var logM = log(model.lambda), logU = log(1 - model.lambda)
                for (f, level) in entry.levels.enumerated() where level >= 0 {
                    logM += log(model.m[f][level])
                    logU += log(model.u[f][level])
                }
                let g = 1 / (1 + exp(logU - logM))
                matchMass += g * entry.count
                for (f, level) in entry.levels.enumerated() where level >= 0 {
                    mCounts[f][level] += g * entry.count
                    uCounts[f][level] += (1 - g) * entry.count
                }
            }
            var change = 0.0
            let newLambda = min(max(matchMass / total, 1e-6), 1 - 1e-6)
            change = max(change, abs(newLambda - model.lambda))
            model.lambda = newLambda
            for f in fields.indices {
                let mSum = mCounts[f].reduce(0, +), uSum = uCounts[f].reduce(0, +)
                for level in mCounts[f].indices {
                    let newM = mCounts[f][level] / mSum
                    change = max(change, abs(newM - model.m[f][level]))
                    model.m[f][level] = newM
                    if !fixU {
                        let newU = uCounts[f][level] / uSum
                        change = max(change, abs(newU - model.u[f][level]))
                        model.u[f][level] = newU
                    }
                }
            }
            if change < tolerance {
                converged = true
                break
            }
        }
        model.provenance =
            "EM over \(Int(total)) candidate pairs (\(patterns.count) patterns), "
            + "\(iterations) iterations\(converged ? "" : ", not converged")"
        return Outcome(model: model, iterations: iterations, converged: converged)
    }

    /// `nil` when EM found a match class that looks like matches: exact agreement on every
    /// identifying field that has data is likelier among matches than among non-matches.
    /// Otherwise EM has split the pairs on something else (e.g. region) and the caller should fall
    /// back to the priors; the text says why.
    public static func implausibility(_ model: FellegiSunterModel, observed: Set<ComparisonField>) -> String? {
        guard model.lambda > 1e-5, model.lambda < 0.95 else { return "match share λ = \(model.lambda)" }
        for field in observed.sorted(by: { $0.rawValue < $1.rawValue })
        where field.isPersonName || field == .birthDate || field.isIdentifier {
            let m = model.m[field.rawValue][0], u = model.u[field.rawValue][0]
            if m <= u {
                return "\(field) agrees exactly more often among non-matches (m \(m.formatted4) ≤ u \(u.formatted4))"
            }
        }
        return nil
    }
}

import Foundation
