import TMinusCore
import TMinusQueues
import Testing

struct QueueConfigurationTests {
    @Test func seedDefaultsFollowTheReferenceQueueTable() {
        let byName = Dictionary(uniqueKeysWithValues: QueueConfiguration.seedDefaults.map { ($0.name, $0) })
        #expect(QueueConfiguration.seedDefaults.map(\.name) == [.reconcile, .sync, .write])
        #expect(byName[.sync]?.batchSize == 5 && byName[.sync]?.maxAttempts == 5)
        #expect(byName[.write]?.batchSize == 25 && byName[.write]?.maxAttempts == 5)
        #expect(byName[.write]?.concurrencyLimit == 1)
        #expect(byName[.reconcile]?.batchSize == 5 && byName[.reconcile]?.maxAttempts == 3)
        #expect(byName[.sync]?.pollInterval == .seconds(5) && byName[.write]?.pollInterval == .seconds(2))
        #expect(byName[.reconcile]?.pollInterval == .seconds(10))
    }

    @Test func seedMessageTypesAreSpelledAsInTheQueueContracts() {
        let types: [MessageType] = [.syncIncremental, .syncFull, .upsertMirror, .deleteManagedMirror, .reconcileAccount]
        #expect(types.map(\.rawValue) == [
            "SYNC_INCREMENTAL", "SYNC_FULL", "UPSERT_MIRROR", "DELETE_MANAGED_MIRROR", "RECONCILE_ACCOUNT",
        ])
    }
}
