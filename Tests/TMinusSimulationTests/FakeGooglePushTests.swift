import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// Our webhook endpoint in miniature: records every notification, answers a chosen status.
private final class PushInbox: Sendable {
    private let received = LockedBox<[HTTPRequest]>([])
    private let answer: LockedBox<Int>

    init(status: Int = 200) { answer = LockedBox(status) }

    var requests: [HTTPRequest] { received.withLock { $0 } }
    var states: [String] { requests.map { $0.headers["X-Goog-Resource-State"] ?? "?" } }
    var numbers: [Int] { requests.compactMap { $0.headers["X-Goog-Message-Number"].flatMap { Int($0) } } }
    func answer(with status: Int) { answer.withLock { $0 = status } }

    var receiver: PushReceiver {
        { request in
            self.received.withLock { $0.append(request) }
            return HTTPResponse(status: self.answer.withLock { $0 })
        }
    }
}

private let hookAddress = "https://hooks.tminus.example/google"

@Suite struct FakeGooglePushTests {
    private func watch(_ world: GoogleWorld, id: String = "chan-1", body extra: [String: JSONValue] = [:]) async throws
        -> HTTPResponse
    {
        var body: [String: JSONValue] = [
            "id": .string(id), "type": "web_hook", "address": .string(hookAddress), "token": "secret-token",
        ]
        for (key, value) in extra { body[key] = value }
        return try await world.client.send("POST", ["calendars", "primary", "events", "watch"], body: .object(body))
    }

    private func makeWatchedWorld(configure: (inout FakeGoogleConfiguration) -> Void = { _ in }) async throws -> (
        GoogleWorld, PushInbox
    ) {
        let world = makeGoogleWorld(configure: configure)
        let inbox = PushInbox()
        world.server.registerPushReceiver(address: hookAddress, inbox.receiver)
        #expect(try await watch(world).status == 200)
        return (world, inbox)
    }

    @Test func watchAnswersTheChannelAndQueuesASyncMessageThenExistsOnEveryChange() async throws {
        let world = makeGoogleWorld()
        let inbox = PushInbox()
        world.server.registerPushReceiver(address: hookAddress, inbox.receiver)
        let response = try await watch(world)
        let channel = jsonObject(response)
        #expect(string(channel["kind"]) == "api#channel")
        #expect(string(channel["id"]) == "chan-1")
        #expect(string(channel["token"]) == "secret-token")
        let expiration = try #require(string(channel["expiration"]).flatMap { Int64($0) })
        #expect(expiration == googleWorldStart.adding(.seconds(604_800)).millisecondsSinceEpoch, "7-day default TTL")
        _ = try await world.client.insert("primary", eventBody())
        try world.server.humanDeleteEvent(
            account: world.account, calendarID: "primary",
            eventID: try #require(world.server.inspectCalendars().first?.events.first?.id))
        #expect(await world.server.deliverDuePushes() == 3)
        #expect(inbox.states == ["sync", "exists", "exists"])
        #expect(inbox.numbers.first == 1)
        #expect(inbox.numbers == inbox.numbers.sorted() && Set(inbox.numbers).count == 3, "increasing message numbers")
        let first = try #require(inbox.requests.first)
        #expect(first.method == "POST" && first.body.isEmpty)
        #expect(first.headers["X-Goog-Channel-ID"] == "chan-1")
        #expect(first.headers["X-Goog-Channel-Token"] == "secret-token")
        #expect(first.headers["X-Goog-Resource-ID"] == string(channel["resourceId"]))
        #expect(first.headers["X-Goog-Channel-Expiration"] == "Mon, 09 Mar 2026 08:00:00 GMT")
        #expect(
            first.headers["X-Goog-Resource-URI"]?.hasPrefix("https://www.googleapis.com/calendar/v3/calendars/") == true
        )
    }

    @Test func lostNotificationsNeverArrive() async throws {
        let (world, inbox) = try await makeWatchedWorld { $0.pushFaults = PushFaults(loss: .always) }
        _ = try await world.client.insert("primary", eventBody())
        await world.server.deliverDuePushes()
        #expect(inbox.requests.isEmpty)
        #expect(world.server.push.statistics.lost == 2)
    }

    @Test func duplicatedNotificationsArriveTwice() async throws {
        let (world, inbox) = try await makeWatchedWorld { $0.pushFaults = PushFaults(duplication: .always) }
        await world.server.deliverDuePushes()
        #expect(inbox.states == ["sync", "sync"])
    }

    @Test func delayedNotificationsWaitForTheServersClock() async throws {
        let (world, inbox) = try await makeWatchedWorld {
            $0.pushFaults = PushFaults(delay: DelayRange(.seconds(5), .seconds(5)))
        }
        #expect(await world.server.deliverDuePushes() == 0)
        #expect(world.server.push.nextDue == googleWorldStart.adding(.seconds(5)))
        world.clock.advance(by: .seconds(5))
        #expect(await world.server.deliverDuePushes() == 1)
        #expect(inbox.states == ["sync"])
    }

    @Test func aHeldBackNotificationIsOvertakenByLaterOnes() async throws {
        let (world, inbox) = try await makeWatchedWorld {
            $0.pushFaults = PushFaults(reordering: .always, reorderDelay: .seconds(30))
        }
        world.server.reconfigure { $0.pushFaults = .none }
        _ = try await world.client.insert("primary", eventBody())
        world.clock.advance(by: .seconds(30))
        await world.server.deliverDuePushes()
        #expect(inbox.states == ["exists", "sync"])
    }

    @Test func aChannelThatDiesSilentlyNeverDeliversAgain() async throws {
        let (world, inbox) = try await makeWatchedWorld()
        await world.server.deliverDuePushes()
        world.server.killChannel("chan-1")
        _ = try await world.client.insert("primary", eventBody())
        await world.server.deliverDuePushes()
        #expect(inbox.states == ["sync"])
        #expect(world.server.channels.first?.diedSilently == true)
        #expect(world.server.channels.first?.stopped == false, "nobody is told")
    }

    @Test func theSilentDeathFaultKillsAChannelAtRandom() async throws {
        let (world, inbox) = try await makeWatchedWorld { $0.pushFaults = PushFaults(silentDeath: .always) }
        _ = try await world.client.insert("primary", eventBody())
        await world.server.deliverDuePushes()
        #expect(inbox.requests.isEmpty)
        #expect(world.server.channels.first?.diedSilently == true)
    }

    @Test func anExpiredChannelStopsDelivering() async throws {
        let (world, inbox) = try await makeWatchedWorld()
        world.clock.advance(by: .seconds(604_800))
        _ = try await world.client.insert("primary", eventBody())
        await world.server.deliverDuePushes()
        #expect(inbox.states == ["sync"])
    }

    @Test func aRequestedExpirationOrTtlShortensTheChannel() async throws {
        let world = makeGoogleWorld()
        let byTTL = jsonObject(try await watch(world, id: "ttl", body: ["params": ["ttl": "3600"]]))
        #expect(string(byTTL["expiration"]) == String(googleWorldStart.adding(.seconds(3_600)).millisecondsSinceEpoch))
        let wanted = googleWorldStart.adding(.seconds(60)).millisecondsSinceEpoch
        let byExpiration = jsonObject(try await watch(world, id: "exp", body: ["expiration": .string(String(wanted))]))
        #expect(string(byExpiration["expiration"]) == String(wanted))
    }

    @Test func stopEndsDeliveryAndOnlyTheOwnerMayStop() async throws {
        let (world, inbox) = try await makeWatchedWorld()
        let resourceID = try #require(world.server.channels.first?.resourceID)
        let bob = world.server.addAccount("bob@example.com")
        let stranger = try await GoogleTestClient(transport: world.transport, accessToken: bob.accessToken)
            .send("POST", ["channels", "stop"], body: ["id": "chan-1", "resourceId": .string(resourceID)])
        #expect(stranger.status == 404)
        let stopped = try await world.client.send(
            "POST", ["channels", "stop"], body: ["id": "chan-1", "resourceId": .string(resourceID)])
        #expect(stopped.status == 204)
        _ = try await world.client.insert("primary", eventBody())
        await world.server.deliverDuePushes()
        #expect(inbox.states == ["sync"])
        #expect(try await watch(world).status == 200, "a stopped channel's id may be reused")
    }

    @Test func aSecondLiveChannelWithTheSameIDIs400() async throws {
        let (world, _) = try await makeWatchedWorld()
        let again = try await watch(world)
        #expect(again.status == 400)
        #expect(errorReason(again) == "channelIdNotUnique")
    }

    @Test func aReceiverAnswering503IsRetriedWithBackoffAnd404IsNot() async throws {
        let (world, inbox) = try await makeWatchedWorld()
        inbox.answer(with: 503)
        await world.server.deliverDuePushes()
        #expect(inbox.requests.count == 1)
        world.clock.advance(by: .seconds(1))
        await world.server.deliverDuePushes()
        #expect(inbox.requests.count == 2)
        world.clock.advance(by: .seconds(1))
        await world.server.deliverDuePushes()
        #expect(inbox.requests.count == 2, "the second retry waits 2 s")
        inbox.answer(with: 200)
        world.clock.advance(by: .seconds(1))
        await world.server.deliverDuePushes()
        #expect(inbox.requests.count == 3)
        inbox.answer(with: 404)
        _ = try await world.client.insert("primary", eventBody())
        await world.server.deliverDuePushes()
        world.clock.advance(by: .seconds(60))
        await world.server.deliverDuePushes()
        #expect(inbox.requests.count == 4)
        #expect(world.server.push.statistics.failed == 1)
    }

    @Test func aWatchWithoutHTTPSIsRefused() async throws {
        let world = makeGoogleWorld()
        let response = try await world.client.send(
            "POST", ["calendars", "primary", "events", "watch"],
            body: ["id": "x", "type": "web_hook", "address": "http://insecure.example/hook"])
        #expect(response.status == 400)
    }
}
