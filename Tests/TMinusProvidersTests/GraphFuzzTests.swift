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
        let names = GraphFixtures.names.filter { !$0.hasPrefix("push-") }
        FixtureFuzzing.parsersGiveValuesOrMalformedResponse(
            seed: seed, iterations: Self.iterations, fixtures: names.map { ($0, GraphFixtures.bytes($0)) },
            parsers: Self.parsers, statuses: [400, 401, 403, 404, 409, 410, 412, 429, 503]
        ) { response in
            #expect((GraphErrorMapper.map(response, operation: "calendarView.delta").context.reason?.count ?? 0) <= 64)
            #expect(GraphOAuth.mapError(response, operation: "oauth.token").context.status == response.status)
        }
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
        await FixtureFuzzing.mutatedPagesOnlyThrowTypedErrors(
            seed: 0x6EA9_0004, page: GraphFixtures.bytes("delta-page-incremental.json"), count: 400
        ) { transport throws(ProviderError) in
            _ = try await GraphTesting.provider(transport).changes(
                calendarID: GraphTesting.calendarID, since: SyncCursor(GraphTesting.link("deltatoken", "D")))
        }
    }

    /// Every body parser, erased to "value or typed error", with the invariants a value must hold.
    static let parsers: [FixtureFuzzing.Parser] = [
        { body in
            Result { () throws(ProviderError) in
                let page = try GraphResponses.deltaPage(body, calendarID: "c", propertyID: propertyID)
                #expect((page.nextLink == nil) != (page.deltaLink == nil))
                page.records.forEach(FixtureFuzzing.checkRecord)
            }
        },
        { body in
            Result { () throws(ProviderError) in
                FixtureFuzzing.checkRecord(
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
}
