import TMinusCore
import TMinusProviders
import Testing

/// A body cut short in transit (the `truncated-body` fault, a dropped connection) is read as the
/// whole body or not at all: every prefix of every recorded answer either fails to parse or
/// parses to exactly what the whole answer does (the long multistatus documents at a stride). A reader that accepted a prefix as a smaller
/// document would take the missing part for absent: a listing without its last events, a calendar
/// object without its markers.
struct TruncatedBodyTests {
    /// The recorded files of `Fixtures/<folder>/` ending in `suffix`, sorted.
    static func files(_ folder: String, suffix: String) -> [(name: String, bytes: [UInt8])] {
        let fixtures = FixtureFolder(name: folder)
        return fixtures.names(endingIn: suffix).map { ($0, fixtures.bytes($0)) }
    }

    /// Checks proper prefixes of each file against the whole under `parse`: every one in the last
    /// 256 bytes (where closing tags and lines end), every `stride`-th before.
    static func checkPrefixes<Value: Equatable>(
        _ files: [(name: String, bytes: [UInt8])], stride: Int = 1, parse: ([UInt8]) -> Value?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Int {
        var checked = 0
        for file in files {
            guard let whole = parse(file.bytes) else { continue }
            checked += 1
            let tail = max(0, file.bytes.count - 256)
            for cut in 0..<file.bytes.count where cut >= tail || cut % stride == 0 {
                if let partial = parse(Array(file.bytes.prefix(cut))) {
                    #expect(partial == whole, "\(file.name) cut at \(cut) of \(file.bytes.count)", sourceLocation: sourceLocation)
                }
            }
        }
        return checked
    }

    @Test func aCutMultistatusIsNeverReadAsASmallerOne() {
        let checked = Self.checkPrefixes(Self.files("caldav", suffix: "-response.xml"), stride: 17) { try? DAVMultistatus.parse($0) }
        #expect(checked > 10)
    }

    @Test func aCutCalendarObjectIsNeverReadAsASmallerOne() {
        let checked = Self.checkPrefixes(Self.files("caldav", suffix: ".ics")) { try? ICalendarCalendar.parse($0) }
        #expect(checked > 5)
    }

    @Test func aCutJSONAnswerIsNeverReadAsASmallerOne() {
        let json = Self.files("google", suffix: ".json") + Self.files("graph", suffix: ".json")
        let checked = Self.checkPrefixes(json) { try? WireJSON.parse($0) }
        #expect(checked > 20)
    }
}
