import Foundation
import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// Issue 7: "a crash of any consumer at a random point, many seeds: nothing lost, nothing
/// duplicated". The engine dies inside its handlers (at its crash points, through the
/// environment's seam), the world restarts it from its files, and the checker reads the fakes'
/// true state: no duplicate mirror (D) at any time, every change projected at quiescence (M).
struct HandlerCrashTests {
    static func run(
        seed: UInt64, accounts: [ProviderKind], hours: Int = 6, _ rules: [HandlerCrashRule]
    ) async throws -> WorldRunReport {
        try await FileBackedWorld.run(named: "handler-crash-\(rules.hashValue)", seed: seed, accounts: accounts) {
            $0.duration = .seconds(Int64(hours) * 3600)
            $0.rates.create = Ratio(1, 4)
            $0.handlerCrashes = rules
        }
    }

    static let seeds: [UInt64] = Array(1...50)

    @Test(arguments: seeds)
    func crashesAtRandomPointsOfAnyConsumerLoseAndDuplicateNothing(seed: UInt64) async throws {
        let accounts: [ProviderKind] = [[.google, .microsoft], [.google, .caldav], [.microsoft, .caldav]][Int(seed % 3)]
        let report = try await Self.run(
            seed: seed, accounts: accounts, [HandlerCrashRule(points: Set(CrashPoint.allCases), probability: Ratio(1, 12))])
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.prefix(5))")
        #expect(report.convergenceTime != nil, "seed \(seed) did not converge")
        #expect(!report.handlerCrashes.isEmpty, "seed \(seed): no crash fired")
        #expect(report.mirrorsAtEnd.values.allSatisfy { $0 > 0 }, "seed \(seed): \(report.mirrorsAtEnd)")
    }

    static let steadyPoints = CrashPoint.allCases.filter { $0.consumer != "onboarding" }

    @Test(arguments: steadyPoints)
    func everyCrashPointIsReachedAndSurvived(point: CrashPoint) async throws {
        let report = try await Self.run(
            seed: 7, accounts: [.google, .microsoft, .caldav], hours: 8,
            // The first time the point is reached the process dies; later times, one in three.
            [
                HandlerCrashRule(points: [point], probability: .always, once: true),
                HandlerCrashRule(points: [point], probability: Ratio(1, 3)),
            ])
        #expect(report.handlerCrashes[point, default: 0] > 0, "\(point.rawValue) never fired")
        #expect(report.violations.isEmpty, "\(point.rawValue): \(report.violations.prefix(5))")
        #expect(report.convergenceTime != nil, "\(point.rawValue) did not converge")
    }
}

/// The `queue-redelivery` fault: the broker loses acknowledgements, so handled messages come back
/// after their lease; every handler must be idempotent (no second mirror, nothing lost).
struct QueueRedeliveryTests {
    @Test(arguments: Array(1...10) as [UInt64])
    func redeliveredMessagesNeverWriteTwice(seed: UInt64) async throws {
        let report = try await FileBackedWorld.run(
            named: "redelivery", seed: seed, accounts: [.google, .microsoft, .caldav]
        ) {
            $0.duration = .seconds(6 * 3600)
            $0.rates.create = Ratio(1, 4)
            $0.lostAcknowledgements = [LostAcknowledgementRule(probability: Ratio(1, 3))]
        }
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.prefix(5))")
        #expect(report.convergenceTime != nil, "seed \(seed) did not converge")
        #expect(report.acknowledgementsLost["write", default: 0] > 0, "seed \(seed): \(report.acknowledgementsLost)")
        #expect(report.acknowledgementsLost["sync", default: 0] > 0, "seed \(seed): \(report.acknowledgementsLost)")
    }
}

/// The world's side of the crash seam.
struct HandlerCrashesSeamTests {
    func seam() -> HandlerCrashes {
        HandlerCrashes(
            random: RandomSource(seed: 3), clock: ManualClock(start: Timestamp(secondsSinceEpoch: 0)),
            trace: NullTraceSink())
    }

    @Test func aDisarmedOrHeldSeamNeverCrashes() throws {
        let crashes = seam()
        try crashes.reach(.syncAfterCommit)
        crashes.arm([HandlerCrashRule(points: [.syncAfterCommit], probability: .always)])
        crashes.hold(true)
        try crashes.reach(.syncAfterCommit)
        crashes.hold(false)
        #expect(throws: ProcessCrash(at: .syncAfterCommit)) { try crashes.reach(.syncAfterCommit) }
    }

    @Test func aDeadProcessStaysDeadUntilRevived() throws {
        let crashes = seam()
        crashes.arm([HandlerCrashRule(points: [.writeAfterProviderCall], probability: .always, once: true)])
        try crashes.reach(.syncAfterListing)
        #expect(throws: ProcessCrash.self) { try crashes.reach(.writeAfterProviderCall) }
        #expect(throws: ProcessCrash(at: .writeAfterProviderCall)) { try crashes.ensureAlive() }
        #expect(throws: ProcessCrash.self) { try crashes.reach(.syncAfterListing) }
        crashes.revive()
        try crashes.ensureAlive()
        try crashes.reach(.writeAfterProviderCall)  // a `once` rule is spent
        #expect(crashes.fired == [.writeAfterProviderCall: 1])
    }

    @Test func crashPointsNameTheirConsumer() {
        #expect(CrashPoint.syncAfterCommit.consumer == "sync")
        #expect(CrashPoint.writeBeforeAck.consumer == "write")
        #expect(HandlerCrashRule.points(ofConsumers: ["push"]) == [.pushBeforeEnqueue])
        #expect(HandlerCrashRule.points(ofConsumers: []).count == CrashPoint.allCases.count)
    }
}
