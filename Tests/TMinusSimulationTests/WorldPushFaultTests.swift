import Foundation
import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation
import Testing

/// Push-path faults end to end: a channel that dies silently or expires without renewal is replaced
/// by the engine's cron (silent for 12 h → a new channel) while polling keeps the calendars in sync,
/// and a forged notification is refused, counted and causes no work.
struct WorldPushFaultTests {
    static func run(_ fault: PushChannelFault, seed: UInt64, hours: Int = 15) async throws -> (SyncWorld, WorldRunReport) {
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(
            seed: SimulationSeed(seed), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
        var configuration = WorldRunConfiguration()
        configuration.duration = .seconds(hours * 3600)
        configuration.tick = .seconds(600)
        // Once, right after onboarding: every live channel is hit.
        let at = clock.now().adding(.seconds(600))
        configuration.timedFaults = [
            TimedWorldFault(.push(fault, .any), window: TimeWindow(from: at, to: at.adding(.seconds(600))), probability: .always)
        ]
        let report = try await WorldDriver(world: world, seed: SimulationSeed(seed)).run(configuration)
        return (world, report)
    }

    /// Channels live and delivering at the fakes now, per provider.
    static func deliveringChannels(_ world: SyncWorld) -> [ProviderKind: Int] {
        let now = world.clock.now()
        var counts: [ProviderKind: Int] = [:]
        if let google = world.host(for: .google) as? GoogleHost {
            counts[.google] = google.server.channels.filter { !$0.stopped && !$0.diedSilently && $0.expiration > now }.count
        }
        if let graph = world.host(for: .microsoft) as? GraphHost {
            counts[.microsoft] = graph.server.subscriptions.filter { !$0.deleted && !$0.diedSilently && $0.expiration > now }
                .count
        }
        return counts
    }

    @Test(arguments: [PushChannelFault.deadChannel, .channelExpiry], [7, 8] as [UInt64])
    func aSilentChannelIsReplacedWithin12HoursAndTheWorldConverges(fault: PushChannelFault, seed: UInt64) async throws {
        let (world, report) = try await Self.run(fault, seed: seed)
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3))")
        #expect(report.convergenceTime != nil)
        let delivering = Self.deliveringChannels(world)
        #expect(delivering[.google, default: 0] >= 1, "Google has a delivering channel again: \(delivering)")
        #expect(delivering[.microsoft, default: 0] >= 1, "Graph has a delivering subscription again: \(delivering)")
    }

    @Test func withoutTheFaultChannelsKeepDelivering() async throws {
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(
            seed: SimulationSeed(9), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft])
        let before = Self.deliveringChannels(world)
        #expect(before[.google] == 1 && before[.microsoft] == 1, "one channel per primary calendar: \(before)")
    }

    @Test(arguments: [5, 6] as [UInt64])
    func forgedNotificationsAreRefusedCountedAndCauseNoWork(seed: UInt64) async throws {
        let (world, report) = try await Self.run(.forgedNotification, seed: seed, hours: 2)
        #expect(report.violations.isEmpty, "\(report.violations.prefix(3))")
        #expect(await world.engine.pushStatistics.forged == 2, "one forged notification per live channel")
    }

    @Test func aForgedNotificationQueuesNoSync() async throws {
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(
            seed: SimulationSeed(10), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft])
        try await world.engine.drain()
        let waiting = try await world.engine.nextMessageAt()
        let violations = await world.inject(.forgedNotification)
        #expect(violations.isEmpty)
        #expect(await world.engine.pushStatistics.forged == 2)
        #expect(try await world.engine.nextMessageAt() == waiting, "nothing new was queued")
        #expect(try await world.engine.drain() == 0, "no work")
    }
}

/// Graph lifecycle notifications end to end: each is answered 202, checked by clientState, and
/// leads to the engine's prescribed action.
struct WorldLifecycleTests {
    static func world(seed: UInt64) async throws -> (SyncWorld, WorldAccount, GraphHost) {
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(
            seed: SimulationSeed(seed), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft])
        try await world.engine.drain()
        let graph = try #require(world.host(for: .microsoft) as? GraphHost)
        return (world, world.accounts[1], graph)
    }

    static func live(_ graph: GraphHost, _ world: SyncWorld) -> [GraphSubscriptionSnapshot] {
        let now = world.clock.now()
        return graph.server.subscriptions.filter { !$0.deleted && $0.expiration > now }
    }

    @Test func reauthorizationRequiredRenewsTheSubscription() async throws {
        let (world, account, graph) = try await Self.world(seed: 61)
        let before = try #require(Self.live(graph, world).first)
        try await world.clock.sleep(for: .seconds(3600))
        #expect(world.sendLifecycle(.reauthorizationRequired, to: account) == 1)
        _ = await graph.deliverDuePushes()
        try await world.engine.drain()
        let after = try #require(Self.live(graph, world).first)
        #expect(after.expiration > before.expiration, "renewed: \(before.expiration) → \(after.expiration)")
        #expect(await world.engine.pushStatistics.forged == 0)
    }

    @Test func missedTriggersASyncThatFindsTheLostChange() async throws {
        let (world, account, graph) = try await Self.world(seed: 62)
        // A change whose notification is lost.
        graph.server.reconfigure { $0.pushFaults = PushFaults(window: .always, loss: .always, duplication: .never) }
        let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 7200)
        _ = try graph.humans.humanCreateEvent(
            account: account.login, calendarID: account.primaryCalendarID,
            HumanEventDraft(title: "Lost", start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(900)), timeZone: "UTC")))
        _ = await graph.deliverDuePushes()
        #expect(try await world.engine.drain() == 0, "nothing arrived")
        #expect(world.managedEvents(of: world.accounts[0]).isEmpty)
        // Graph tells us notifications were missed.
        graph.server.reconfigure { $0.pushFaults = PushFaults(window: .always, loss: .never, duplication: .never) }
        #expect(world.sendLifecycle(.missed, to: account) == 1)
        _ = await graph.deliverDuePushes()
        try await EngineDeletePathTests.settle(world)
        #expect(world.managedEvents(of: world.accounts[0]).count == 1, "the missed change was synced")
    }

    @Test func subscriptionRemovedResubscribes() async throws {
        let (world, account, graph) = try await Self.world(seed: 63)
        let before = try #require(Self.live(graph, world).first)
        #expect(world.sendLifecycle(.subscriptionRemoved, to: account) == 1)
        #expect(Self.live(graph, world).isEmpty, "removed at the provider")
        _ = await graph.deliverDuePushes()
        try await world.engine.drain()
        let after = Self.live(graph, world)
        #expect(after.count == 1 && after.first?.id != before.id, "a new subscription: \(after.map(\.id))")
        #expect(await world.engine.pushStatistics.accepted >= 1)
    }

    @Test func aLifecycleNotificationWithAWrongClientStateIsRefused() async throws {
        let (world, _, graph) = try await Self.world(seed: 64)
        let subscription = try #require(Self.live(graph, world).first)
        let item: JSONValue = [
            "subscriptionId": .string(subscription.id), "clientState": "not-ours", "lifecycleEvent": "subscriptionRemoved",
        ]
        let request = HTTPRequest(
            method: "POST", url: Engine.webhookBase + "/webhook/microsoft",
            headers: ["Content-Type": "application/json"], body: StableJSON.serializedBytes(["value": [item]]))
        let reply = await world.engine.receivePush(from: .microsoft, request)
        #expect(reply.status == 202)
        #expect(await world.engine.pushStatistics.forged == 1)
        try await world.engine.drain()
        #expect(Self.live(graph, world).map(\.id) == [subscription.id], "nothing was resubscribed")
    }
}
