import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// Subscriptions of the fake Graph server: the validation handshake, notifications through the
/// faulty push path, expiry with its cap, renewal, and lifecycle events.
struct FakeGraphSubscriptionTests {
    static let address = "https://tminus.example.com/webhooks/microsoft"

    static func body(_ calendar: String, expiresIn minutes: Int64, now: Timestamp) -> JSONValue {
        [
            "changeType": "created,updated,deleted", "notificationUrl": .string(address),
            "lifecycleNotificationUrl": .string(address),
            "resource": .string("me/calendars/\(calendar)/events"),
            "expirationDateTime": .string(GraphDateTime.utcStamp(now.adding(.seconds(minutes * 60)))),
            "clientState": "secretClientValue",
        ]
    }

    /// Answers the handshake as GraphPushDecoder does.
    static let echo: GraphValidationResponder = { request in
        (try? GraphPushDecoder.decode(request).reply) ?? HTTPResponse(status: 500)
    }

    @Test func creationNeedsTheHandshakeAnsweredWithTheDecodedToken() async throws {
        let world = makeGraphWorld()
        let unanswered = try await world.client.send(
            "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 60, now: graphWorldStart))
        #expect(unanswered.status == 400 && graphErrorCode(unanswered) == "ValidationError")
        world.server.registerValidationResponder(address: Self.address) { request in
            HTTPResponse(
                status: 200, headers: ["Content-Type": "text/plain"],
                body: Array((request.components?.query.first?.value ?? "").utf8.reversed()))
        }
        let wrong = try await world.client.send(
            "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 60, now: graphWorldStart))
        #expect(graphErrorCode(wrong) == "ValidationError")
        #expect(
            graphErrorMessage(wrong)
                == "Subscription validation request failed. Response must exactly match validationToken query parameter."
        )
        world.server.registerValidationResponder(address: Self.address, Self.echo)
        let created = try await world.client.send(
            "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 60, now: graphWorldStart))
        #expect(created.status == 201)
        #expect(graphFixtureKeys("subscription-created.json").isSubset(of: Set(jsonObject(created).keys)))
    }

    @Test func changesAreNotifiedWithClientStateAndImmutableIDs() async throws {
        let world = makeGraphWorld()
        world.server.registerValidationResponder(address: Self.address, Self.echo)
        let received = LockedBox<[HTTPRequest]>([])
        world.server.registerPushReceiver(address: Self.address) { request in
            received.withLock { $0.append(request) }
            return HTTPResponse(status: 202)
        }
        let subscription = jsonObject(
            try await world.client.send(
                "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 4_230, now: graphWorldStart)))
        let id = try #require(
            string(jsonObject(try await world.client.create(world.calendar, graphEventBody()))["id"]))
        #expect(await world.server.deliverDuePushes() == 1)
        let delivery = try GraphPushDecoder.decode(try #require(received.withLock { $0.first }))
        let notification = try #require(delivery.notifications.first)
        #expect(notification.signal == .changed)
        #expect(notification.channelID == string(subscription["id"]))
        #expect(notification.verificationToken == "secretClientValue")
        #expect(notification.resourceID?.hasSuffix("/Events/\(id)") == true)
    }

    @Test func expirationIsCappedRenewedInPlaceAndExpiredOnesAreGone() async throws {
        let world = makeGraphWorld { $0.accessTokenLifetime = .seconds(30 * 86_400) }
        world.server.registerValidationResponder(address: Self.address, Self.echo)
        let tooLong = try await world.client.send(
            "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 4_231, now: graphWorldStart))
        #expect(tooLong.status == 400)
        let created = jsonObject(
            try await world.client.send(
                "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 4_230, now: graphWorldStart)))
        let id = try #require(string(created["id"]))
        world.clock.advance(by: .seconds(2_115 * 60))
        let renewal: JSONValue = [
            "expirationDateTime": .string(GraphDateTime.utcStamp(world.clock.now().adding(.seconds(4_230 * 60))))
        ]
        #expect(try await world.client.send("PATCH", "/subscriptions/\(id)", body: renewal).status == 200)
        world.clock.advance(by: .seconds(4_231 * 60))
        #expect(
            try await world.client.send("PATCH", "/subscriptions/\(id)", body: renewal).status == 404,
            "expired: deleted silently")
        #expect(world.server.subscriptions.first?.deleted == true)
    }

    @Test func lifecycleEventsReachTheLifecycleURL() async throws {
        let world = makeGraphWorld { $0.accessTokenLifetime = .seconds(30 * 86_400) }
        world.server.registerValidationResponder(address: Self.address, Self.echo)
        let received = LockedBox<[PushNotification.Signal]>([])
        world.server.registerPushReceiver(address: Self.address) { request in
            let signals = (try? GraphPushDecoder.decode(request).notifications.map(\.signal)) ?? []
            received.withLock { $0 += signals }
            return HTTPResponse(status: 202)
        }
        let created = jsonObject(
            try await world.client.send(
                "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 120, now: graphWorldStart)))
        let id = try #require(string(created["id"]))
        #expect(world.server.fireLifecycleEvent(.missed, subscriptionID: id))
        world.clock.advance(by: .seconds(61 * 60))
        _ = await world.server.deliverDuePushes()
        #expect(
            received.withLock { $0 } == [.missed, .reauthorizationRequired], "reauthorization one hour before expiry")
        #expect(world.server.fireLifecycleEvent(.subscriptionRemoved, subscriptionID: id))
        _ = await world.server.deliverDuePushes()
        #expect(received.withLock { $0 }.last == .subscriptionRemoved)
        #expect(try await world.client.send("DELETE", "/subscriptions/\(id)").status == 404)
    }

    @Test func lostAndDuplicatedNotificationsFollowThePushFaults() async throws {
        let world = makeGraphWorld(seed: 3) { $0.pushFaults = PushFaults(loss: Ratio(1, 2), duplication: Ratio(1, 2)) }
        world.server.registerValidationResponder(address: Self.address, Self.echo)
        let count = LockedBox(0)
        world.server.registerPushReceiver(address: Self.address) { _ in
            count.withLock { $0 += 1 }
            return HTTPResponse(status: 202)
        }
        _ = try await world.client.send(
            "POST", "/subscriptions", body: Self.body(world.calendar, expiresIn: 120, now: graphWorldStart))
        for hour in 1...40 { _ = try await world.client.create(world.calendar, graphEventBody(hour: Int64(hour))) }
        _ = await world.server.deliverDuePushes()
        let statistics = world.server.push.statistics
        #expect(statistics.lost > 0 && statistics.duplicated > 0)
        #expect(count.withLock { $0 } == 40 - statistics.lost + statistics.duplicated)
    }
}
