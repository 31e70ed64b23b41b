import TMinusCore
import TMinusProviders
import Testing

/// Writing and re-reading: folding at 75 octets, UTF-8 safety, TEXT escaping, and lossless round
/// trips of the tricky inputs (recorded server bodies included).
struct ICalendarRoundTripTests {
    private func physicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0.dropLast()) }
    }

    @Test func foldsAtSeventyFiveOctetsWithoutSplittingMultiByteSequences() throws {
        let summary = String(repeating: "a🎉é", count: 60)
        let calendar = ICalendarComponent(
            name: "VCALENDAR", properties: [ICalendarProperty(name: "SUMMARY", text: summary)])
        let bytes = ICalendarWriter.bytes(calendar)
        for line in physicalLines(bytes) {
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil, "a physical line must be valid UTF-8 on its own")
        }
        #expect(physicalLines(bytes).count > 5)
        #expect(try ICalendarReader.calendar(bytes).text("SUMMARY") == summary)
    }

    @Test func everyLineLengthAroundTheLimitRoundTrips() throws {
        for length in 60...160 {
            for tail in ["", "é", "🎉"] {
                let value = String(repeating: "x", count: length) + tail
                let calendar = ICalendarComponent(
                    name: "VCALENDAR", properties: [ICalendarProperty(name: "X-V", value: value)])
                let bytes = ICalendarWriter.bytes(calendar)
                #expect(physicalLines(bytes).allSatisfy { $0.count <= 75 })
                #expect(try ICalendarReader.calendar(bytes).property("X-V")?.value == value)
            }
        }
    }

    @Test func textEscapingRoundTripsCommasSemicolonsBackslashesAndNewlines() throws {
        let text = "Straße 1, 10115 Berlin; Hinterhof\\back\nnext\r\nline: ok"
        #expect(ICalendarText.escape(text) == #"Straße 1\, 10115 Berlin\; Hinterhof\\back\nnext\nline: ok"#)
        #expect(ICalendarText.unescape(#"a\,b\;c\\d\Ne\nf\:g"#) == "a,b;c\\d\ne\nf:g")
        #expect(ICalendarText.splitList(#"Arbeit,semi\;colon,a\,b,日本"#) == ["Arbeit", #"semi\;colon"#, #"a\,b"#, "日本"])
        let property = ICalendarProperty(name: "LOCATION", text: text)
        let calendar = ICalendarComponent(name: "VCALENDAR", properties: [property])
        #expect(
            try ICalendarReader.calendar(ICalendarWriter.bytes(calendar)).text("LOCATION")
                == "Straße 1, 10115 Berlin; Hinterhof\\back\nnext\nline: ok")
    }

    @Test func seededRandomTextSurvivesEscapeFoldReadUnescape() throws {
        var random = Xoshiro256StarStar(seed: 6)
        let alphabet: [String] = ["a", "Z", " ", ",", ";", "\\", "\n", ":", "\"", "é", "🎉", "日", "\t", "ä", "x"]
        for _ in 0..<300 {
            let length = Int(random.below(200))
            let text = (0..<length).map { _ in alphabet[Int(random.below(UInt64(alphabet.count)))] }.joined()
            let calendar = ICalendarComponent(
                name: "VCALENDAR", properties: [ICalendarProperty(name: "DESCRIPTION", text: text)])
            #expect(try ICalendarReader.calendar(ICalendarWriter.bytes(calendar)).text("DESCRIPTION") == text)
        }
    }

    @Test(arguments: [
        "radicale-4e-request.ics", "radicale-4d-request.ics", "radicale-11-response.ics", "xandikos-11-response.ics",
    ])
    func recordedCalendarsRoundTripLosslessly(name: String) throws {
        let original = CalDAVFixtures.bytes(name)
        let first = try ICalendarReader.calendar(original)
        let written = ICalendarWriter.bytes(first)
        let second = try ICalendarReader.calendar(written)
        #expect(first == second)
        #expect(ICalendarWriter.bytes(second) == written, "writing is deterministic")
    }

    @Test func unfoldedContentLinesAreReproducedByteForByte() throws {
        let text = CalDAVFixtures.text("radicale-4e-request.ics")
        let calendar = try ICalendarReader.calendar(text)
        let event = try #require(calendar.components("VEVENT").first)
        let lines = event.properties.map(ICalendarWriter.contentLine)
        #expect(lines.contains(#"X-CALDAV-PEER-NOTE;X-PARAM="a,b;c":x\,y\;z"#))
        #expect(lines.contains(#"CATEGORIES:Arbeit,semi\;colon,日本"#))
        #expect(lines.contains("URL:https://example.invalid/path?q=1&r=2"))
        let description = try #require(event.property("DESCRIPTION"))
        #expect(description.text.contains("tab\there اجتماع"))
        #expect(description.text.contains("semi;colon 🎉 会议"))
        #expect(description.text.hasSuffix("Café 📅"))
        #expect(event.property("CATEGORIES")?.textList == ["Arbeit", "semi;colon", "日本"])
        #expect(event.text("LOCATION") == "Straße 1, 10115 Berlin; Hinterhof")
    }

    @Test func writerNeverBreaksStructureWithHostileValues() throws {
        var property = ICalendarProperty(name: "X-EVIL", value: "a\r\nEND:VCALENDAR\nb")
        property.parameters = [ICalendarParameter(name: "X-Q", values: ["say \"hi\"\n", "a:b"])]
        let calendar = ICalendarComponent(name: "VCALENDAR", properties: [property])
        let reread = try ICalendarReader.calendar(ICalendarWriter.bytes(calendar))
        #expect(reread.properties.count == 1)
        #expect(reread.property("X-EVIL")?.text == "a\nEND:VCALENDAR\nb")
        #expect(reread.property("X-EVIL")?.parameters.first?.values == ["say 'hi' ", "a:b"])
    }

    @Test func recurringSeriesWithOverrideAndExclusionRoundTripsAndRegroups() throws {
        let calendar = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-4d-request.ics"))
        let again = try ICalendarCalendar.parse(calendar.bytes)
        #expect(again.component == calendar.component)
        let series = try #require(try again.series().first)
        #expect(try again.series().count == 1)
        #expect(series.master?.recurrenceRule == "FREQ=WEEKLY;COUNT=8")
        #expect(
            series.master?.exceptionDates == [
                .zoned(
                    ICalendarLocalDateTime(date: CalendarDate(year: 2026, month: 7, day: 9)!, hour: 9),
                    tzid: "Europe/Berlin")
            ])
        #expect(series.overrides.count == 1)
        #expect(series.overrides[0].summary == "#3 recur-tz São Paulo Ärzte — moved, one hour later")
    }

    @Test func allDayAndUTCAndFloatingValuesKeepTheirForm() throws {
        let text = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:x\r
            DTSTART;VALUE=DATE:20260301\r
            DTEND;VALUE=DATE:20260303\r
            RECURRENCE-ID:20260301T090000\r
            DTSTAMP:20260101T000000Z\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let calendar = try ICalendarCalendar.parse(text)
        let event = try #require(try calendar.events().first)
        #expect(event.start == .date(CalendarDate(year: 2026, month: 3, day: 1)!))
        #expect(event.end == .dateTime(.date(CalendarDate(year: 2026, month: 3, day: 3)!)))
        #expect(event.recurrenceID?.isFloating == true)
        let stamp = try ICalendarDateTime.parse(try #require(event.component.property("DTSTAMP")))
        #expect(stamp == .utc(Timestamp(secondsSinceEpoch: 1_767_225_600)))
        #expect(calendar.serialized == text)
    }
}
