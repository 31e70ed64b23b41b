import TMinusCore
import TMinusProviders
@testable import TMinusSimulation
import Testing

/// The CalDAV fake remembers each `REPORT` body it parsed (`DAVDocumentMemo`): a remembered body
/// must get exactly the answer a fresh parse gets, for every report kind and for bodies that do
/// not parse or name the wrong report.
struct DAVDocumentMemoTests {
    @Test(arguments: CalDAVDialect.allCases)
    func rememberedReportBodiesAnswerLikeFreshOnes(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        for uid in ["a", "b"] { _ = try await FakeCalDAVServerTests.put(world, uid + ".ics", uid: uid) }
        let (_, initial) = try await FakeCalDAVServerTests.sync(world, FakeCalDAVServerTests.syncBody(data: true))
        let token = try #require(initial?.syncToken)
        let query = DAVCalendarQuery(
            start: calDAVWorldStart, end: calDAVWorldStart.adding(.seconds(7 * 86_400)))
        let bodies = [
            FakeCalDAVServerTests.syncBody(data: true), FakeCalDAVServerTests.syncBody(token),
            FakeCalDAVServerTests.syncBody(token, limit: 1), FakeCalDAVServerTests.syncBody("not-a-token"),
            String(decoding: query.xml, as: UTF8.self),
            String(decoding: DAVCalendarMultiget(hrefs: [world.calendar + "a.ics"]).xml, as: UTF8.self),
            "<D:sync-collection xmlns:D=\"DAV:\"><D:prop/></D:sync-collection>", "<not xml", "",
            String(decoding: DAVPropfind.calendarCollection.xml, as: UTF8.self),
        ]
        for round in 0..<2 {
            if round == 1 { _ = try await FakeCalDAVServerTests.put(world, "c.ics", uid: "c") }
            for body in bodies {
                let remembered = try await world.send("REPORT", world.calendar, body: body, headers: [("Depth", "1")])
                world.server.state.withLock { $0.reportBodies = DAVDocumentMemo() }
                let fresh = try await world.send("REPORT", world.calendar, body: body, headers: [("Depth", "1")])
                #expect(remembered.status == fresh.status, "\(body)")
                #expect(remembered.text == fresh.text, "\(body)")
            }
        }
        #expect(world.server.state.withLock { $0.reportBodies.count } > 0, "the memo was used")
    }
}
