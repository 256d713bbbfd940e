/// Finds objects the CRM changed outside crmkit since the state was written: a live hash that
/// differs from the recorded one, a recorded object that is gone, or a new object crmkit never
/// saw. With no state for the instance (never pulled or applied there) nothing is drift.
enum DriftDetector {
    static func drift(live: LiveObjects, state: InstanceState) -> [Conflict] {
        guard !state.isEmpty else { return [] }
        var drift: [Conflict] = []
        let liveEntries = live.entries
        for entry in state.entries {
            let current =
                entry.remoteID.map { id in
                    liveEntries.first { $0.address.kind == entry.address.kind && $0.remoteID == id }
                }
                ?? liveEntries.first { $0.address == entry.address }
            guard let current else {
                drift.append(Conflict(address: entry.address, reason: "deleted outside crmkit"))
                continue
            }
            if current.hash != entry.hash {
                drift.append(Conflict(address: entry.address, reason: "changed outside crmkit"))
            }
        }
        for entry in liveEntries where entry.remoteID != nil {
            if let id = entry.remoteID, state.entry(remoteID: id, kind: entry.address.kind) == nil {
                drift.append(Conflict(address: entry.address, reason: "created outside crmkit"))
            }
        }
        return drift
    }
}
