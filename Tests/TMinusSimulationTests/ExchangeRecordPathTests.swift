import TMinusCore
@testable import TMinusSimulation
import Testing

/// `ExchangeRecord.isEventWrite` searches ASCII paths by bytes: it must decide exactly as the
/// Character search it replaced, on ASCII paths and on paths with non-ASCII text.
struct ExchangeRecordPathTests {
    @Test func theByteSearchFindsWhatTheCharacterSearchFinds() {
        let needles = ["/events", "/events/watch"]
        var paths = [
            "/calendar/v3/calendars/c/events", "/calendar/v3/calendars/c/events/e", "/v1.0/me/events/watch",
            "/v1.0/me/calendars/x/events/watch/y", "/events", "/event", "", "/", "/eventss", "//events",
            "/calendars/é/events", "/calendars/c/events\u{301}", "/calendars/c/e\u{301}vents", "/x\r\n/events",
            "/x/\r\nevents", "/calendar/v3/calendars/%2Fevents/x", "/ev/events/watc", "/ＥＶＥＮＴＳ/events",
        ]
        var random = Xoshiro256StarStar(seed: 9)
        let pieces = ["/", "events", "watch", "e", "v", "\u{301}", "é", "\r", "\n", "s", "x.ics", "%2F"]
        for _ in 0..<3_000 {
            var path = ""
            for _ in 0..<Int(random.below(8)) { path += pieces[Int(random.below(UInt64(pieces.count)))] }
            paths.append(path)
        }
        for path in paths {
            for needle in needles {
                #expect(ExchangeRecord.contains(path, ascii: needle) == path.contains(needle), "\(path.debugDescription)")
            }
        }
    }
}
