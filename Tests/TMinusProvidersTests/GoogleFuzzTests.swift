import TMinusCore
import TMinusProviders
import Testing

/// Seeded fuzzing: thousands of mutated fixtures (truncated, bytes flipped, keys dropped or
/// duplicated, types swapped) fed to every Google parser. Each must either succeed with a
/// well-formed value or throw `malformedResponse` — never crash, never another error.
struct GoogleFuzzTests {
    static let iterations = 6000

    @Test(arguments: [UInt64(0x5EED_0001), 0x5EED_0002])
    func mutatedFixturesGiveValuesOrMalformedResponseOnly(seed: UInt64) {
        let names = Fixtures.googleNames.filter { !$0.hasPrefix("push-") }
        FixtureFuzzing.parsersGiveValuesOrMalformedResponse(
            seed: seed, iterations: Self.iterations, fixtures: names.map { ($0, Fixtures.google($0)) },
            parsers: Self.parsers, statuses: [400, 403, 404, 409, 410, 412, 429, 500]
        ) { response in
            #expect((GoogleErrorMapper.map(response, operation: "events.list").context.reason?.count ?? 0) <= 64)
            #expect(GoogleOAuth.mapError(response, operation: "oauth.token").context.status == response.status)
        }
    }

    @Test func mutatedPagesThroughTheClientOnlyEverThrowTypedErrors() async {
        await FixtureFuzzing.mutatedPagesOnlyThrowTypedErrors(
            seed: 0x5EED_0003, page: Fixtures.google("events-page-last.json"), count: 500
        ) { transport throws(ProviderError) in
            _ = try await GoogleTesting.provider(transport).changes(calendarID: "primary", since: SyncCursor("s"))
        }
    }

    /// Every body parser, erased to "value or typed error", with the invariants a value must hold.
    static let parsers: [FixtureFuzzing.Parser] = [
        { body in
            Result { () throws(ProviderError) in
                let page = try GoogleResponses.eventsPage(body, calendarID: "primary")
                #expect((page.nextPageToken == nil) != (page.nextSyncToken == nil))
                page.records.forEach(FixtureFuzzing.checkRecord)
            }
        },
        { body in
            Result { () throws(ProviderError) in
                FixtureFuzzing.checkRecord(try GoogleResponses.event(body, calendarID: "p", operation: "events.get"))
            }
        },
        { body in
            Result { () throws(ProviderError) in
                #expect(try GoogleResponses.calendarListPage(body).entries.allSatisfy { !$0.calendar.id.isEmpty })
            }
        },
        { body in
            Result { () throws(ProviderError) in #expect(!(try GoogleResponses.insertedCalendar(body).id.isEmpty)) }
        },
        { body in
            Result { () throws(ProviderError) in
                #expect(!(try GoogleResponses.channel(body, calendarID: "p").channelID.isEmpty))
            }
        },
        { body in Result { () throws(ProviderError) in #expect(try GoogleOAuth.grant(body).expiresIn >= .zero) } },
    ]
}
