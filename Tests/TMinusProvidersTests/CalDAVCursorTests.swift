import TMinusCore
@testable import TMinusProviders
import Testing

/// The CalDAV cursor's text form and the UID-based event IDs.
@Suite struct CalDAVCursorTests {
    @Test func aCursorRoundTripsWithAwkwardNamesUIDsAndOpenBounds() {
        let cursor = CalDAVCursor(
            collection: "/test/cal ✓/", syncToken: "http://radicale.org/ns/sync/abc\tdef", singlesStart: nil,
            singlesEnd: Timestamp(secondsSinceEpoch: 1_800_000_000), expandStart: Timestamp(secondsSinceEpoch: -5),
            expandEnd: Timestamp(secondsSinceEpoch: 1_900_000_000),
            members: [
                "=": [CalDAVCursor.Member(uid: "=", recurrenceIDs: [])],
                "peer@example.org x.ics": [CalDAVCursor.Member(uid: "peer@example.org x", recurrenceIDs: [])],
                "a.ics": [CalDAVCursor.Member(uid: "b", recurrenceIDs: [])],
                "odd.ics": [
                    CalDAVCursor.Member(uid: "a%b\nc", recurrenceIDs: ["20260303T080000Z", "20260310T080000Z"]),
                    CalDAVCursor.Member(uid: "second", recurrenceIDs: ["20260101"]),
                ],
            ])
        let text = cursor.cursor.rawValue
        #expect(CalDAVCursor(cursor.cursor) == cursor)
        #expect(text.contains("m\t=\tpeer@example.org x"), "derived resource names are written as '='")
        #expect(CalDAVCursor(SyncCursor(text + "\nm")) == nil)
        #expect(CalDAVCursor(SyncCursor("http://radicale.org/ns/sync/abc")) == nil)
        #expect(cursor.members["odd.ics"]?[0].eventIDs == ["a%b\nc#20260303T080000Z", "a%b\nc#20260310T080000Z"])
    }

    @Test func cursorTextSplitsIntoTheSameFieldsAsSplittingCharacters() {
        let texts = [
            "tminus-caldav 1\ncollection\t/c/\ntoken\tt\nwindow\t-\t-\t1\t2\nm\t=\tu",
            "", "\n", "\t\t\n\n", "a\r\nb\tc", "é\t\u{301}x\n\u{301}\tz", "x\r\ty\rz\n", "🚀\t🚀\n",
        ]
        for text in texts {
            let characters = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
            #expect(CalDAVCursor.fields(of: text) == characters, "\(text.debugDescription)")
        }
    }

    @Test func eventIDsSplitIntoUIDAndRecurrenceID() {
        #expect(CalDAVEventID.parse("abc@example.org").uid == "abc@example.org")
        #expect(CalDAVEventID.parse("abc@example.org").recurrenceID == nil)
        let instance = CalDAVEventID.parse("abc#def@example.org#20260716T070000Z")
        #expect(instance.uid == "abc#def@example.org")
        #expect(instance.recurrenceID == .utc(Timestamp(secondsSinceEpoch: 1_784_185_200)))
        #expect(CalDAVEventID.parse("day#20260716").recurrenceID == .date(CalendarDate(iso: "2026-07-16")!))
        #expect(CalDAVEventID.parse("not-a-date#2026").recurrenceID == nil)
        #expect(CalDAVEventID.parse("#20260716").recurrenceID == nil, "an empty UID is not an instance")
        let id = CalDAVEventID.eventID(uid: "u", recurrenceID: .utc(Timestamp(secondsSinceEpoch: 1_784_185_200)))
        #expect(id == "u#20260716T070000Z")
    }

    @Test func mirrorUIDsAreDeterministicUnreservedAndDistinctPerTarget() {
        let key = MirrorKey(canonicalEventID: "evt_1", targetAccountID: "acc_a")
        let uid = CalDAVEventID.uid(for: key)
        #expect(uid == CalDAVEventID.uid(for: key))
        #expect(uid != CalDAVEventID.uid(for: MirrorKey(canonicalEventID: "evt_1", targetAccountID: "acc_b")))
        #expect(uid.hasPrefix("tminus-") && uid.count == 39)
        #expect(CalDAVEventID.resourceName(forUID: uid) == uid + ".ics")
    }
}
