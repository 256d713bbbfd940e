import Synchronization

/// The primary key and an optional secondary one. After the primary is refused (401) the client
/// switches to the secondary for the rest of its life; the switch is reported exactly once.
/// The keys are only ever written into the request header, never into a message.
final class APIKeys: Sendable {
    enum Slot: Sendable { case primary, secondary }

    private let primary: String?
    private let secondary: String?
    private let current = Mutex(Slot.primary)

    init(primary: String?, secondary: String?) {
        self.primary = primary.flatMap { $0.isEmpty ? nil : $0 }
        self.secondary = secondary.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The key to send now and which one it is.
    func active() -> (slot: Slot, key: String?) {
        let slot = current.withLock { $0 }
        switch slot {
        case .primary: return (.primary, primary ?? secondary)
        case .secondary: return (.secondary, secondary)
        }
    }

    /// After a 401 sent with `slot`: true when there is another key to try. Only the first caller
    /// to switch gets `switched == true` (so it alone reports it).
    func failOver(from slot: Slot) -> (canRetry: Bool, switched: Bool) {
        guard slot == .primary, primary != nil, secondary != nil else { return (false, false) }
        return current.withLock { current in
            if current == .secondary { return (true, false) }
            current = .secondary
            return (true, true)
        }
    }
}
