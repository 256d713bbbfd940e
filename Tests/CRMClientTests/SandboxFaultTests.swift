import CRMClient
import CRMModel
import CRMSandbox
import Foundation
import Synchronization
import Testing

/// Retries, outcome-unknown and key failover against the sandbox's fault injection.
@Suite struct SandboxFaultTests {
    /// 1,000 idempotent operations against a sandbox that fails 20% of requests with 503, adds
    /// latency and rate-limits (429): every one completes, with the right result.
    @Test func thousandIdempotentOperationsSurviveFaults() async throws {
        let path = SandboxFixture.temporaryDatabasePath()
        let seeding = try await SandboxFixture.start(databasePath: path)
        var created: [ContactID] = []
        for index in 0..<20 {
            created.append(try #require(try await seeding.client.contacts.create(Contact(name: "Contact \(index)")).id))
        }
        let key = try #require(seeding.running.primaryKey)
        await seeding.stop()

        var options = ClientOptions(retry: RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(20)))
        options.transport.maxConcurrentRequests = 32
        let statuses = Mutex<[Int: Int]>([:])
        options.onRequest = { event in statuses.withLock { $0[event.status ?? 0, default: 0] += 1 } }
        let faulty = try await SandboxFixture.start(
            databasePath: path, faults: FaultConfiguration(failRate: 0.2, latencyMilliseconds: 2, rateLimit: 400),
            options: options, clientKey: key)
        defer { faulty.removeDatabase() }
        let client = faulty.client
        let ids = created

        // Contact i gets job titles "i-0", "i-1", … in order; reads check the name.
        let operationsPerContact = 50
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    for step in 0..<operationsPerContact {
                        if step % 2 == 0 {
                            var patch = Contact()
                            patch.jobTitle = "\(index)-\(step)"
                            let updated = try await client.contacts.update(id, patch)
                            #expect(updated.jobTitle == "\(index)-\(step)")
                        } else {
                            let contact = try await client.contacts.get(id)
                            #expect(contact.name == "Contact \(index)")
                            #expect(contact.jobTitle == "\(index)-\(step - 1)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await client.contacts.list(pageSize: 100).collect()
        await faulty.stop()
        #expect(ids.count * operationsPerContact == 1000)
        #expect(final.count == 20)
        for contact in final {
            let index = ids.firstIndex { $0 == contact.id } ?? -1
            #expect(contact.jobTitle == "\(index)-\(operationsPerContact - 2)")
        }
        let seen = statuses.withLock { $0 }
        #expect((seen[503] ?? 0) > 0, "the fault injection never struck: \(seen)")
        #expect((seen[200] ?? 0) >= 1000)
    }

    /// The sandbox creates the contact, then drops the connection: the client must say it does
    /// not know, and must not have created a second one.
    @Test func aPostThatDiesMidFlightIsOutcomeUnknownNotDuplicated() async throws {
        let path = SandboxFixture.temporaryDatabasePath()
        let dropping = try await SandboxFixture.start(databasePath: path, faults: FaultConfiguration(dropRate: 1))
        let key = try #require(dropping.running.primaryKey)
        let error = await #expect(throws: CRMError.self) {
            _ = try await dropping.client.contacts.create(Contact(name: "Exactly Once"))
        }
        #expect(error?.isOutcomeUnknown == true)
        #expect(error.map { String(describing: $0) }?.contains("POST /directory/contacts") == true)
        await dropping.stop()

        let healthy = try await SandboxFixture.start(databasePath: path, clientKey: key)
        let found = try await healthy.client.contacts.list(ContactFilter(name: "Exactly Once")).collect()
        await healthy.stop()
        healthy.removeDatabase()
        #expect(found.count == 1)
    }

    /// Connections are kept alive, and curl resends a request on a fresh connection when a reused
    /// one dies before answering. For POST that resend would create a second record the caller
    /// never hears of; the client refuses it. Every name must exist at most once, and every
    /// acknowledged create exactly once.
    @Test func droppedPostsOnReusedConnectionsAreNeverResentSilently() async throws {
        let path = SandboxFixture.temporaryDatabasePath()
        let sandbox = try await SandboxFixture.start(databasePath: path, faults: FaultConfiguration(dropRate: 0.3))
        let client = sandbox.client
        let acknowledged = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var names: [String] = []
                    for index in 0..<60 {
                        let name = "Once \(worker)-\(index)"
                        do {
                            _ = try await client.contacts.create(Contact(name: name))
                            names.append(name)
                        } catch let error as CRMError where error.isOutcomeUnknown {}
                    }
                    return names
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.formUnion($1) }
        }
        var counts: [String: Int] = [:]
        for try await contact in client.contacts.list(pageSize: 1000) { counts[contact.name ?? "", default: 0] += 1 }
        await sandbox.stop()
        sandbox.removeDatabase()
        #expect(counts.values.allSatisfy { $0 == 1 }, "created twice: \(counts.filter { $0.value > 1 }.keys.sorted())")
        #expect(acknowledged.allSatisfy { counts[$0] == 1 })
    }

    @Test func aRevokedPrimaryKeyFallsBackToTheSecondary() async throws {
        let path = SandboxFixture.temporaryDatabasePath()
        let first = try await SandboxFixture.start(databasePath: path)
        let secondary = try #require(first.running.secondaryKey)
        await first.stop()

        let failovers = Mutex(0)
        var options = ClientOptions()
        options.onKeyFailover = { failovers.withLock { $0 += 1 } }
        let sandbox = try await SandboxFixture.start(
            databasePath: path, options: options, clientKey: "revoked-primary-key-000000", secondaryKey: secondary)
        let created = try await sandbox.client.contacts.create(Contact(name: "After Failover"))
        #expect(created.name == "After Failover")
        #expect(try await sandbox.client.contacts.page().items.count == 1)
        await sandbox.stop()
        sandbox.removeDatabase()
        #expect(failovers.withLock { $0 } == 1)
    }

    @Test func aWrongKeyWithoutSecondaryIsUnauthorized() async throws {
        let sandbox = try await SandboxFixture.start(clientKey: "sk-WRONG-KEY-7f3a9c")
        let error = await #expect(throws: CRMError.self) { _ = try await sandbox.client.contacts.page() }
        await sandbox.stop()
        sandbox.removeDatabase()
        #expect(error?.status == 401)
        let text = error.map { String(describing: $0) + String(reflecting: $0) } ?? ""
        #expect(!text.contains("WRONG-KEY"))
    }
}
