import TMinusCore
import TMinusProviders
import Testing

/// Seeded fuzzing: thousands of mutated Graph fixtures (truncated, bytes flipped, keys dropped or
/// duplicated, types swapped) fed to every Graph parser. Each must either succeed with a
/// well-formed value or throw `malformedResponse` — never crash, never another error.
struct GraphFuzzTests {
    static let iterations = 5000
    static let propertyID = GraphConfiguration.defaultMarkerPropertyID

    @Test(arguments: [UInt64(0x6EA9_0001), 0x6EA9_0002])
    func mutatedFixturesGiveValuesOrMalformedResponseOnly(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        let names = GraphFixtures.names.filter { !$0.hasPrefix("push-") }
        let originals = names.map { GraphFixtures.bytes($0) }
        var outcomes = (succeeded: 0, malformed: 0)
        for _ in 0..<Self.iterations {
            let index = Int(random.below(UInt64(originals.count)))
            let mutated = FixtureMutator.mutate(originals[index], using: &random)
            for parse in Self.parsers {
                switch parse(mutated) {
                case .success: outcomes.succeeded += 1
                case .failure(let error):
                    #expect(error.kind == "malformedResponse", "\(names[index]): \(error)")
                    outcomes.malformed += 1
                }
            }
            for status in [400, 401, 403, 404, 409, 410, 412, 429, 503] {
                let response = HTTPResponse(status: status, body: mutated)
                let mapped = GraphErrorMapper.map(response, operation: "calendarView.delta")
                #expect((mapped.context.reason?.count ?? 0) <= 64)
                #expect(GraphOAuth.mapError(response, operation: "oauth.token").context.status == status)
            }
        }
        #expect(outcomes.succeeded > Self.iterations / 10)
        #expect(outcomes.malformed > Self.iterations / 10)
    }

    @Test func mutatedPushDeliveriesDecodeOrFailAsMalformed() {
        var random = Xoshiro256StarStar(seed: 0x6EA9_0003)
        let requests = GraphFixtures.names.filter { $0.hasPrefix("push-") && $0 != "push-validation.json" }
            .map(GraphFixtures.pushRequest)
        for _ in 0..<2000 {
            var request = requests[Int(random.below(UInt64(requests.count)))]
            request.body = FixtureMutator.mutate(request.body, using: &random)
            do {
                let delivery = try GraphPushDecoder.decode(request)
                #expect(delivery.reply.status == 202)
                #expect(delivery.notifications.allSatisfy { !$0.channelID.isEmpty })
            } catch {
                #expect(error.kind == "malformedResponse")
            }
        }
    }

    @Test func mutatedPagesThroughTheClientOnlyEverThrowTypedErrors() async {
        var random = Xoshiro256StarStar(seed: 0x6EA9_0004)
        let page = GraphFixtures.bytes("delta-page-incremental.json")
        for _ in 0..<400 {
            let body = FixtureMutator.mutate(page, using: &random)
            let transport = ScriptedTransport([.respond(HTTPResponse(status: 200, body: body))])
            let error = await providerFailure { () async throws(ProviderError) in
                try await GraphTesting.provider(transport).changes(
                    calendarID: GraphTesting.calendarID, since: SyncCursor(GraphTesting.link("deltatoken", "D")))
            }
            if let error {
                // A mutation can leave a valid page that ends with a nextLink; the script then runs out.
                #expect(["malformedResponse", "invalidRequest"].contains(error.kind), "\(error)")
            }
        }
    }

    /// Every body parser, erased to "value or typed error", with the invariants a value must hold.
    static let parsers: [@Sendable ([UInt8]) -> Result<Void, ProviderError>] = [
        { body in
            Result { () throws(ProviderError) in
                let page = try GraphResponses.deltaPage(body, calendarID: "c", propertyID: propertyID)
                #expect((page.nextLink == nil) != (page.deltaLink == nil))
                page.records.forEach(GraphFuzzTests.checkRecord)
            }
        },
        { body in
            Result { () throws(ProviderError) in
                checkRecord(
                    try GraphResponses.event(body, calendarID: "c", propertyID: propertyID, operation: "events.get"))
            }
        },
        { body in
            Result { () throws(ProviderError) in
                #expect(try GraphResponses.calendarsPage(body).calendars.allSatisfy { !$0.id.isEmpty })
            }
        },
        { body in
            Result { () throws(ProviderError) in
                #expect(
                    !(try GraphResponses.subscription(body, calendarID: "c", operation: "s", status: 201).channelID
                        .isEmpty))
            }
        },
        { body in Result { () throws(ProviderError) in #expect(try GraphOAuth.grant(body).expiresIn >= .zero) } },
    ]

    static func checkRecord(_ record: ProviderEventRecord) {
        #expect(!record.delta.providerEventID.isEmpty)
        #expect((record.delta.kind == .deleted) == (record.delta.content == nil))
    }
}
