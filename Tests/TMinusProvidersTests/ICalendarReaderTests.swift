import TMinusCore
import TMinusProviders
import Testing

/// Content lines: unfolding, parameters, names, and the typed errors for malformed input.
struct ICalendarReaderTests {
    private func single(_ lines: [String]) throws -> ICalendarComponent {
        try ICalendarReader.calendar(
            (["BEGIN:VCALENDAR"] + lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n")
    }

    @Test func unfoldsContinuationLinesOnBytesBeforeDecoding() throws {
        // "é" is C3 A9; the fold splits it between the two bytes.
        var bytes = Array("BEGIN:VCALENDAR\r\nX-NOTE:caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        bytes += Array(" au lait\r\nEND:VCALENDAR\r\n".utf8)
        let calendar = try ICalendarReader.calendar(bytes)
        #expect(calendar.property("X-NOTE")?.value == "café au lait")
    }

    @Test func acceptsBareLineFeedsTabFoldsEmptyLinesAndAByteOrderMark() throws {
        let text = "\u{FEFF}BEGIN:VCALENDAR\nX-A:one\n\ttwo\n\nEND:VCALENDAR\n"
        let calendar = try ICalendarReader.calendar(text)
        #expect(calendar.property("X-A")?.value == "onetwo")
    }

    @Test func readsQuotedMultiValuedParametersAndKeepsQuotingForTheWriter() throws {
        let calendar = try single([#"ATTENDEE;MEMBER="mailto:a@x.org","mailto:b@x.org";CN=Zoë:mailto:c@x.org"#])
        let property = try #require(calendar.property("attendee"))
        #expect(property.parameters.map(\.name) == ["MEMBER", "CN"])
        #expect(property.parameters[0].values == ["mailto:a@x.org", "mailto:b@x.org"])
        #expect(property.parameter("cn") == "Zoë")
        #expect(property.value == "mailto:c@x.org")
        #expect(
            ICalendarWriter.contentLine(property)
                == #"ATTENDEE;MEMBER="mailto:a@x.org","mailto:b@x.org";CN=Zoë:mailto:c@x.org"#)
    }

    @Test func colonInsideAQuotedParameterDoesNotEndTheParameters() throws {
        let calendar = try single([#"X-CALDAV-PEER-NOTE;X-PARAM="a,b;c":x\,y\;z"#])
        let property = try #require(calendar.property("X-CALDAV-PEER-NOTE"))
        #expect(property.parameter("X-PARAM") == "a,b;c")
        #expect(property.text == "x,y;z")
    }

    @Test func namesAreCaseInsensitiveButKeptAsWritten() throws {
        let calendar = try ICalendarReader.calendar(
            "begin:vcalendar\r\nbegin:vevent\r\nuid:1\r\nend:VEVENT\r\nEND:vcalendar\r\n")
        #expect(calendar.key == "VCALENDAR")
        #expect(calendar.components("VEVENT").count == 1)
        #expect(calendar.components[0].property("UID")?.name == "uid")
    }

    @Test func nestsComponentsAndKeepsUnknownOnesInOrder() throws {
        let calendar = try single([
            "BEGIN:VEVENT", "UID:1", "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "END:VALARM", "END:VEVENT",
            "BEGIN:X-THING", "X-A:1", "END:X-THING",
        ])
        #expect(calendar.components.map(\.name) == ["VEVENT", "X-THING"])
        #expect(calendar.components[0].components("VALARM").first?.property("TRIGGER")?.value == "-PT15M")
    }

    @Test(arguments: [
        ("BEGIN:VCALENDAR\r\nNOCOLON\r\nEND:VCALENDAR\r\n", 2, 8),
        ("BEGIN:VCALENDAR\r\n;X=1:v\r\nEND:VCALENDAR\r\n", 2, 1),
        ("BEGIN:VCALENDAR\r\nX-A;=1:v\r\nEND:VCALENDAR\r\n", 2, 5),
        ("BEGIN:VCALENDAR\r\nX-A;P:v\r\nEND:VCALENDAR\r\n", 2, 6),
        ("BEGIN:VCALENDAR\r\nX-A;P=\"open:v\r\nEND:VCALENDAR\r\n", 2, 14),
        ("BEGIN:VCALENDAR\r\nX-Ä:v\r\nEND:VCALENDAR\r\n", 2, 3),
    ])
    func malformedContentLinesNameLineAndColumn(text: String, line: Int, column: Int) {
        #expect(throws: ICalendarError.self) { try ICalendarReader.calendar(text) }
        do {
            _ = try ICalendarReader.calendar(text)
        } catch {
            guard case .malformedContentLine(let foundLine, let foundColumn, _) = error else {
                Issue.record("expected malformedContentLine, got \(error)")
                return
            }
            #expect(foundLine == line)
            #expect(foundColumn == column)
            #expect(error.description.hasPrefix("line \(line): column \(column): malformed content line"))
        }
    }

    @Test func structuralErrorsAreTyped() {
        #expect(throws: ICalendarError.mismatchedEnd(line: 2, expected: "VCALENDAR", found: "VEVENT")) {
            try ICalendarReader.calendar("BEGIN:VCALENDAR\r\nEND:VEVENT\r\n")
        }
        #expect(throws: ICalendarError.unterminatedComponent(line: 2, component: "VEVENT")) {
            try ICalendarReader.calendar("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")
        }
        #expect(throws: ICalendarError.mismatchedEnd(line: 3, expected: "VEVENT", found: "VCALENDAR")) {
            try ICalendarReader.calendar("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")
        }
        #expect(throws: ICalendarError.propertyOutsideComponent(line: 1, property: "UID")) {
            try ICalendarReader.calendar("UID:1\r\n")
        }
        #expect(throws: ICalendarError.notACalendar(found: "VEVENT")) {
            try ICalendarReader.calendar("BEGIN:VEVENT\r\nEND:VEVENT\r\n")
        }
        #expect(throws: ICalendarError.notACalendar(found: nil)) { try ICalendarReader.calendar("") }
        #expect(throws: ICalendarError.invalidUTF8(line: 2)) {
            try ICalendarReader.calendar(
                Array("BEGIN:VCALENDAR\r\nX-A:".utf8) + [0xFF] + Array("\r\nEND:VCALENDAR\r\n".utf8))
        }
        #expect(
            throws: ICalendarError.malformedContentLine(
                line: 1, column: 1, reason: "a folded continuation line with no line before it")
        ) {
            try ICalendarReader.calendar(" X-A:1\r\n")
        }
    }

    @Test func refusesNestingDeeperThanTheLimit() {
        let depth = ICalendarReader.maximumDepth + 1
        let text = (0..<depth).map { "BEGIN:X\($0)" }.joined(separator: "\n")
        #expect(throws: ICalendarError.nestingTooDeep(line: depth, limit: ICalendarReader.maximumDepth)) {
            try ICalendarReader.components(text)
        }
    }

    @Test func readsSeveralConcatenatedCalendars() throws {
        let text = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        #expect(try ICalendarReader.calendars(Array(text.utf8)).count == 2)
        #expect(throws: ICalendarError.self) { try ICalendarReader.calendar(text) }
    }
}
