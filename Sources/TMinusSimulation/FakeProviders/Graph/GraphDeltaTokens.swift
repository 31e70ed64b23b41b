import TMinusCore

/// A position in a delta round's sort order: (record ordinal, occurrence start or `Int64.min`).
struct GraphSortKey: Comparable, Hashable, Sendable {
    var ordinal: Int64
    var start: Int64

    static func < (x: GraphSortKey, y: GraphSortKey) -> Bool { (x.ordinal, x.start) < (y.ordinal, y.start) }
}

/// What a `$deltatoken` promises: the client has every change of calendar `calendar` up to
/// `position` inside the window `[windowStart, windowEnd)`, as of `mintedAt` (server clock).
struct GraphDeltaTokenFields: Sendable {
    var calendar: Int64
    var epoch: Int64
    var position: UInt64
    var mintedAt: Timestamp
    var windowStart: Timestamp
    var windowEnd: Timestamp

    func mint(_ codec: inout RememberingTokenCodec) -> String {
        codec.mint([
            .text("d"), .int(calendar), .int(epoch), .int(Int64(position)), .int(mintedAt.nanosecondsSinceEpoch),
            .int(windowStart.nanosecondsSinceEpoch), .int(windowEnd.nanosecondsSinceEpoch),
        ])
    }

    init(
        calendar: Int64, epoch: Int64, position: UInt64, mintedAt: Timestamp, windowStart: Timestamp,
        windowEnd: Timestamp
    ) {
        self.calendar = calendar
        self.epoch = epoch
        self.position = position
        self.mintedAt = mintedAt
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    /// The fields of a token, or nil when it is not a delta token this server minted.
    init?(_ token: String, codec: inout RememberingTokenCodec) {
        guard let numbers = GraphDeltaTokenFields.numbers(token, codec: &codec, tag: "d", count: 6), numbers[2] >= 0
        else {
            return nil
        }
        self.init(
            calendar: numbers[0], epoch: numbers[1], position: UInt64(numbers[2]),
            mintedAt: Timestamp(nanosecondsSinceEpoch: numbers[3]),
            windowStart: Timestamp(nanosecondsSinceEpoch: numbers[4]),
            windowEnd: Timestamp(nanosecondsSinceEpoch: numbers[5]))
    }

    /// The integers of a token tagged `tag` with `count` integer fields, or nil.
    static func numbers(_ token: String, codec: inout RememberingTokenCodec, tag: String, count: Int) -> [Int64]? {
        guard let fields = codec.open(token), fields.count == count + 1, fields[0] == .text(tag) else { return nil }
        var numbers: [Int64] = []
        for field in fields.dropFirst() {
            guard case .int(let value) = field else { return nil }
            numbers.append(value)
        }
        return numbers
    }
}

/// What a `$skiptoken` pins: the round's calendar and epoch, where it started (`since`, nil for
/// the initial round), the position its deltaLink will promise (fixed on the first page), the
/// window, and the last item served.
struct GraphSkipTokenFields: Sendable {
    var calendar: Int64
    var epoch: Int64
    var since: UInt64?
    var snapshot: UInt64
    var windowStart: Timestamp
    var windowEnd: Timestamp
    var cursor: GraphSortKey

    func mint(_ codec: inout RememberingTokenCodec) -> String {
        codec.mint([
            .text("k"), .int(calendar), .int(epoch), .int(since.map { Int64($0) } ?? -1), .int(Int64(snapshot)),
            .int(windowStart.nanosecondsSinceEpoch), .int(windowEnd.nanosecondsSinceEpoch), .int(cursor.ordinal),
            .int(cursor.start),
        ])
    }

    init(
        calendar: Int64, epoch: Int64, since: UInt64?, snapshot: UInt64, windowStart: Timestamp, windowEnd: Timestamp,
        cursor: GraphSortKey
    ) {
        self.calendar = calendar
        self.epoch = epoch
        self.since = since
        self.snapshot = snapshot
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.cursor = cursor
    }

    /// The fields of a token, or nil when it is not a skip token this server minted.
    init?(_ token: String, codec: inout RememberingTokenCodec) {
        guard let n = GraphDeltaTokenFields.numbers(token, codec: &codec, tag: "k", count: 8), n[3] >= 0 else {
            return nil
        }
        self.init(
            calendar: n[0], epoch: n[1], since: n[2] < 0 ? nil : UInt64(n[2]), snapshot: UInt64(n[3]),
            windowStart: Timestamp(nanosecondsSinceEpoch: n[4]), windowEnd: Timestamp(nanosecondsSinceEpoch: n[5]),
            cursor: GraphSortKey(ordinal: n[6], start: n[7]))
    }
}
