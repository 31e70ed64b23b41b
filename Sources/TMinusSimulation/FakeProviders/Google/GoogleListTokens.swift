import TMinusCore

/// A position in a listing's sort order: the page cursor carried by `nextPageToken`.
struct GoogleSortKey: Comparable, Sendable {
    var a: Int64
    var b: Int64
    var c: Int64

    static func < (x: GoogleSortKey, y: GoogleSortKey) -> Bool { (x.a, x.b, x.c) < (y.a, y.b, y.c) }
}

/// What a sync token promises: the client has every change of calendar `calendar` up to
/// `position`, as of `mintedAt` (server clock), under the query shape it was minted for.
struct GoogleSyncTokenFields: Sendable {
    var calendar: Int64
    var epoch: Int64
    var position: UInt64
    var mintedAt: Timestamp
    var singleEvents: Bool
    /// The full sync's window, for ``FakeGoogleConfiguration/incrementalRespectsFullSyncWindow``.
    var windowStart: Timestamp?
    var windowEnd: Timestamp?

    func mint(_ codec: inout RememberingTokenCodec) -> String {
        codec.mint([
            .text("s"), .int(calendar), .int(epoch), .int(Int64(position)), .int(mintedAt.nanosecondsSinceEpoch),
            .int(singleEvents ? 1 : 0), .int(windowStart?.nanosecondsSinceEpoch ?? Int64.min),
            .int(windowEnd?.nanosecondsSinceEpoch ?? Int64.min),
        ])
    }

    init(
        calendar: Int64, epoch: Int64, position: UInt64, mintedAt: Timestamp, singleEvents: Bool,
        windowStart: Timestamp?, windowEnd: Timestamp?
    ) {
        self.calendar = calendar
        self.epoch = epoch
        self.position = position
        self.mintedAt = mintedAt
        self.singleEvents = singleEvents
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    /// The fields of a token, or nil when it is not a sync token this server minted.
    init?(_ token: String, codec: inout RememberingTokenCodec) {
        guard let fields = codec.open(token), fields.count == 8, fields[0] == .text("s") else { return nil }
        var numbers: [Int64] = []
        for field in fields.dropFirst() {
            guard case .int(let value) = field else { return nil }
            numbers.append(value)
        }
        guard numbers[2] >= 0 else { return nil }
        self.init(
            calendar: numbers[0], epoch: numbers[1], position: UInt64(numbers[2]),
            mintedAt: Timestamp(nanosecondsSinceEpoch: numbers[3]), singleEvents: numbers[4] == 1,
            windowStart: numbers[5] == Int64.min ? nil : Timestamp(nanosecondsSinceEpoch: numbers[5]),
            windowEnd: numbers[6] == Int64.min ? nil : Timestamp(nanosecondsSinceEpoch: numbers[6]))
    }
}

/// What a page token pins: the collection, the change-log position the round promises in its
/// final `nextSyncToken` (taken when the round began), and the last item served.
struct GooglePageTokenFields: Sendable {
    var collection: Int64
    var snapshot: UInt64
    var cursor: GoogleSortKey

    func mint(_ codec: inout RememberingTokenCodec) -> String {
        codec.mint([
            .text("p"), .int(collection), .int(Int64(snapshot)), .int(cursor.a), .int(cursor.b), .int(cursor.c),
        ])
    }

    init(collection: Int64, snapshot: UInt64, cursor: GoogleSortKey) {
        self.collection = collection
        self.snapshot = snapshot
        self.cursor = cursor
    }

    /// The fields of a token, or nil when it is not a page token this server minted.
    init?(_ token: String, codec: inout RememberingTokenCodec) {
        guard let fields = codec.open(token), fields.count == 6, fields[0] == .text("p") else { return nil }
        var numbers: [Int64] = []
        for field in fields.dropFirst() {
            guard case .int(let value) = field else { return nil }
            numbers.append(value)
        }
        guard numbers[1] >= 0 else { return nil }
        self.init(
            collection: numbers[0], snapshot: UInt64(numbers[1]),
            cursor: GoogleSortKey(a: numbers[2], b: numbers[3], c: numbers[4]))
    }
}
