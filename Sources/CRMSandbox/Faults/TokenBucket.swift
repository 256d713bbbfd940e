import Foundation
import Synchronization

/// A token bucket of capacity N refilled continuously at N tokens per second: at most N requests
/// per second on average, bursts up to N. Shared by all connections of a server.
final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var last: UInt64
    }

    private let rate: Double
    private let state: Mutex<State>

    init(perSecond rate: Int, startingAt start: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        self.rate = Double(max(1, rate))
        state = Mutex(State(tokens: Double(max(1, rate)), last: start))
    }

    /// Takes a token; when none is left, returns the whole seconds (at least 1) until one is.
    /// `now` (monotonic nanoseconds) is a parameter so that tests can drive the clock.
    func take(now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Int? {
        state.withLock { state -> Int? in
            let elapsed = Double(now &- state.last) / 1e9
            state.last = now
            state.tokens = min(rate, state.tokens + elapsed * rate)
            if state.tokens >= 1 {
                state.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - state.tokens) / rate).rounded(.up)))
        }
    }
}
