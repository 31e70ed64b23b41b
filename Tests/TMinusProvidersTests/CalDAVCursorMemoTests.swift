import TMinusCore
import Testing

@testable import TMinusProviders

/// `CalDAVCursorMemo` answers from memory only what decoding or encoding would answer.
struct CalDAVCursorMemoTests {
    private static func cursor(_ collection: String, token: String, members: Int) -> CalDAVCursor {
        var value = CalDAVCursor(
            collection: collection, syncToken: token, singlesStart: nil, singlesEnd: Timestamp(secondsSinceEpoch: 99),
            expandStart: Timestamp(secondsSinceEpoch: 1), expandEnd: Timestamp(secondsSinceEpoch: 2))
        for index in 0..<members {
            value.members["uid-\(index).ics"] = [CalDAVCursor.Member(uid: "uid-\(index)", recurrenceIDs: [])]
        }
        value.members["odd name\t%.ics"] = [CalDAVCursor.Member(uid: "series", recurrenceIDs: ["20260301T090000Z"])]
        return value
    }

    @Test func decodingAndEncodingThroughTheMemoGiveWhatTheCursorTypeGives() {
        let memo = CalDAVCursorMemo()
        let value = Self.cursor("/dav/ana/work/", token: "t1", members: 40)
        let text = memo.encode(value)
        #expect(text == value.cursor)
        #expect(memo.decode(text) == CalDAVCursor(text))
        #expect(memo.encode(value) == value.cursor)
        // The same text in a new string (as read back from the engine's store) is still a hit.
        #expect(memo.decode(SyncCursor(String(text.rawValue.utf8.map { Character(Unicode.Scalar($0)) }))) == value)
    }

    @Test func aChangedValueOrAnotherCollectionIsEncodedAndDecodedAfresh() {
        let memo = CalDAVCursorMemo()
        let work = Self.cursor("/dav/ana/work/", token: "t1", members: 3)
        let home = Self.cursor("/dav/ana/home/", token: "h1", members: 5)
        _ = memo.encode(work)
        _ = memo.encode(home)
        var changed = work
        changed.syncToken = "t2"
        changed.members["uid-0.ics"] = nil
        #expect(memo.encode(changed) == changed.cursor)
        #expect(memo.decode(work.cursor) == work)  // the old text of a collection still decodes right
        #expect(memo.decode(home.cursor) == home)
        #expect(memo.encode(changed) == changed.cursor)
        #expect(memo.decode(changed.cursor) == changed)
    }

    @Test func aForeignOrDamagedCursorIsNil() {
        let memo = CalDAVCursorMemo()
        _ = memo.encode(Self.cursor("/dav/ana/work/", token: "t1", members: 2))
        #expect(memo.decode(SyncCursor("not a cursor")) == nil)
        #expect(memo.decode(SyncCursor("tminus-caldav 1\ncollection\t/dav/ana/work/")) == nil)
    }
}
