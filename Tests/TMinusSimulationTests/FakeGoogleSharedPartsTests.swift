import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// The shared building blocks the Google fake (and the Graph and CalDAV fakes) stand on.
@Suite struct FakeGoogleSharedPartsTests {
    @Test func theChangeLogReturnsEachKeyOnceOrderedByItsLatestChange() {
        var log = ChangeLog<String>()
        for key in ["a", "b", "c", "a", "d", "b"] { log.append(key) }
        #expect(log.head == 6)
        #expect(log.keys(changedAfter: 0) == ["c", "a", "d", "b"])
        #expect(log.keys(changedAfter: 3) == ["a", "d", "b"])
        #expect(log.keys(changedAfter: 5) == ["b"])
        #expect(log.keys(changedAfter: 6).isEmpty)
    }

    @Test(arguments: Array(1...20) as [UInt64])
    func theChangeLogAgreesWithANaiveModelWhileDroppingSupersededEntries(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        var log = ChangeLog<Int>()
        var history: [Int] = []
        for _ in 0..<500 {
            let key = Int(random.below(40))
            log.append(key)
            history.append(key)
        }
        #expect(log.entries.count < history.count, "superseded entries were dropped")
        for position in stride(from: 0, through: 500, by: 37) {
            var expected: [Int] = []
            for (index, key) in history.enumerated().reversed() where index >= position && !expected.contains(key) {
                expected.insert(key, at: 0)
            }
            #expect(log.keys(changedAfter: UInt64(position)) == expected, "seed \(seed) position \(position)")
        }
        log.forget(through: 100)
        #expect(!log.canServe(from: 100) && log.canServe(from: 101) && !log.canServe(from: 501))
    }

    @Test(arguments: Array(1...20) as [UInt64])
    func opaqueTokensRoundTripAndAnyEditedCharacterIsRejected(seed: UInt64) throws {
        var random = Xoshiro256StarStar(seed: seed)
        let codec = OpaqueTokenCodec(random: &random)
        let fields: [TokenField] = [
            .text("s"), .int(Int64(bitPattern: random.next())), .int(-1), .text("calendar-\(random.below(1_000))"),
        ]
        let token = codec.mint(fields)
        #expect(codec.open(token) == fields)
        #expect(codec.mint(fields) == token, "deterministic")
        #expect(!token.contains("calendar"), "unreadable")
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var characters = Array(token)
        let index = Int(random.below(UInt64(characters.count)))
        var replacement = alphabet[Int(random.below(64))]
        if replacement == characters[index] { replacement = replacement == "A" ? "B" : "A" }
        characters[index] = replacement
        #expect(codec.open(String(characters)) == nil, "edited at \(index)")
        var other = Xoshiro256StarStar(seed: seed &+ 1_000)
        #expect(OpaqueTokenCodec(random: &other).open(token) == nil, "another server's secret")
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 31, 32, 33])
    func base64URLRoundTripsEveryLength(length: Int) {
        var random = Xoshiro256StarStar(seed: UInt64(length))
        let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let text = Base64URL.encode(bytes)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(Base64URL.decode(text) == bytes)
    }

    @Test func theRateLimiterCountsASlidingWindowIncludingRefusals() {
        var limiter = SlidingWindowRateLimiter<String>(limit: 2, window: .seconds(60))
        let start = Timestamp(secondsSinceEpoch: 0)
        #expect(limiter.admit("u", at: start) == .allowed)
        #expect(limiter.admit("u", at: start.adding(.seconds(10))) == .allowed)
        #expect(limiter.admit("u", at: start.adding(.seconds(20))) == .throttled(retryAfter: .seconds(40)))
        #expect(limiter.admit("other", at: start.adding(.seconds(20))) == .allowed)
        #expect(limiter.admit("u", at: start.adding(.seconds(61))) == .throttled(retryAfter: .seconds(9)))
        #expect(limiter.admit("u", at: start.adding(.seconds(90))) == .allowed)
    }

    @Test func httpDatesAreIMFFixdate() {
        #expect(HTTPDate.format(Timestamp(secondsSinceEpoch: 1_384_823_632)) == "Tue, 19 Nov 2013 01:13:52 GMT")
        #expect(HTTPDate.format(Timestamp(secondsSinceEpoch: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(Timestamp(secondsSinceEpoch: -1)) == "Wed, 31 Dec 1969 23:59:59 GMT")
    }

    @Test func httpDatesMatchTheFieldByFieldSpellingForSeededInstants() {
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var random = Xoshiro256StarStar(seed: 1123)
        for _ in 0..<2_000 {
            // From 1900 to 2200, seconds apart.
            let seconds = Int64(random.below(9_467_280_000)) - 2_208_988_800
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let second = seconds - days * 86_400
            let (year, month, day) = CivilTime.date(days: days)
            let expected = "\(weekdays[Int(((days % 7) + 7) % 7)]), \(two(day)) \(months[Int(month) - 1]) \(year) "
                + "\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60)) GMT"
            #expect(HTTPDate.format(Timestamp(secondsSinceEpoch: seconds)) == expected)
        }
    }

    @Test func delayRangesDrawInsideTheirBounds() {
        var random = Xoshiro256StarStar(seed: 5)
        let range = DelayRange(.milliseconds(10), .milliseconds(20))
        for _ in 0..<200 {
            let drawn = range.draw(&random)
            #expect(drawn >= .milliseconds(10) && drawn <= .milliseconds(20))
        }
        #expect(DelayRange.zero.draw(&random) == .zero)
    }

    @Test func theRFC5545ExpansionStopsAtTheLimitAndTheCount() throws {
        let start = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_442_000), timeZone: "Europe/Berlin")
        let end = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_445_600), timeZone: "Europe/Berlin")
        let expansion = RFC5545Expansion()
        let all = try expansion.occurrences(
            of: ["RRULE:FREQ=DAILY"], start: start, end: end, before: start.instant.adding(.seconds(5 * 86_400)),
            maximumCount: 100)
        #expect(all.count == 5)
        let capped = try expansion.occurrences(
            of: ["RRULE:FREQ=DAILY"], start: start, end: end, before: start.instant.adding(.seconds(5 * 86_400)),
            maximumCount: 2)
        #expect(capped == Array(all.prefix(2)))
        #expect(throws: RecurrenceExpansionError.self) {
            _ = try expansion.occurrences(
                of: ["RRULE:FREQ=SOMETIMES"], start: start, end: end, before: end.instant, maximumCount: 5)
        }
    }
}
