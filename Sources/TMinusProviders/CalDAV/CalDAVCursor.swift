public import TMinusCore

/// The CalDAV adapter's ``SyncCursor``: the server's `DAV:sync-token` plus what the adapter must
/// remember to turn the next sync-collection answer into UID-keyed records.
///
/// - `collection`: the calendar the token belongs to (tokens are scoped per collection, fault
///   row 50): a cursor handed back for another calendar is answered ``ProviderError/cursorInvalid(_:)``
///   without asking the server.
/// - `window`: the window series were expanded in (ListingWindow: "CalDAV keeps it inside the
///   cursor"), so incremental rounds expand changed series exactly like the full listing did.
/// - `members`: for each resource name, the event IDs the adapter reported from it. A
///   sync-collection removal names only an href (a `404` member); this index turns it into
///   deletions of the right UIDs and instances, and a changed series into deletions of the
///   instances it no longer has.
///
/// Text form (one record per line, fields separated by tabs, every field percent-escaped):
/// `tminus-caldav 1`, `collection <path>`, `token <sync-token>`, `window <single-start> <single-end>
/// <expand-start> <expand-end>` (nanoseconds, `-` for open), then `m <name> <uid> [<recurrence-id>…]`
/// per member, where `<name>` is `=` when it is the UID's own resource name.
public struct CalDAVCursor: Hashable, Sendable {
    /// The reported event IDs of one resource: its UID and, for a series, the instances.
    public struct Member: Hashable, Sendable {
        public var uid: String
        /// The recurrence IDs (identity value text) reported; empty for a non-recurring event.
        public var recurrenceIDs: [String]

        /// Creates an entry.
        public init(uid: String, recurrenceIDs: [String]) {
            self.uid = uid
            self.recurrenceIDs = recurrenceIDs
        }

        /// The event IDs this entry stands for.
        public var eventIDs: [String] {
            recurrenceIDs.isEmpty ? [uid] : recurrenceIDs.map { uid + String(CalDAVEventID.separator) + $0 }
        }
    }

    /// The decoded collection path, with a trailing slash.
    public var collection: String
    /// The server's token, exactly as received.
    public var syncToken: String
    /// Single events outside `[singlesStart, singlesEnd)` are not reported (nil: open).
    public var singlesStart: Timestamp?
    public var singlesEnd: Timestamp?
    /// Recurring series are expanded within `[expandStart, expandEnd)`.
    public var expandStart: Timestamp
    public var expandEnd: Timestamp
    /// Decoded resource name → entries (one per UID; RFC 4791 allows one, servers may hold more).
    public var members: [String: [Member]]

    /// Creates a cursor.
    public init(
        collection: String, syncToken: String, singlesStart: Timestamp?, singlesEnd: Timestamp?,
        expandStart: Timestamp, expandEnd: Timestamp, members: [String: [Member]] = [:]
    ) {
        self.collection = collection
        self.syncToken = syncToken
        self.singlesStart = singlesStart
        self.singlesEnd = singlesEnd
        self.expandStart = expandStart
        self.expandEnd = expandEnd
        self.members = members
    }

    static let magic = "tminus-caldav 1"

    /// The second line of the text form, which names the cursor's collection.
    static func collectionLine(_ collection: String) -> String { "collection\t" + escape(collection) }

    /// The decoded resource name T-Minus and most clients give a UID (`<UID>.ics`).
    static func derivedName(_ uid: String) -> String { uid + ".ics" }

    /// The opaque cursor the engine stores.
    public var cursor: SyncCursor {
        var lines = [Self.magic, Self.collectionLine(collection), "token\t" + escape(syncToken)]
        lines.append(
            "window\t"
                + [singlesStart, singlesEnd, expandStart, expandEnd].map { stamp in
                    stamp.map { String($0.nanosecondsSinceEpoch) } ?? "-"
                }.joined(separator: "\t"))
        for name in members.keys.sorted() {
            for member in members[name] ?? [] {
                let shown = name == Self.derivedName(member.uid) ? "=" : escape(name)
                lines.append(
                    (["m", shown, escape(member.uid)] + member.recurrenceIDs.map(escape)).joined(separator: "\t"))
            }
        }
        return SyncCursor(lines.joined(separator: "\n"))
    }

    /// Reads a cursor this adapter wrote; nil for anything else (a foreign or damaged cursor).
    public init?(_ cursor: SyncCursor) {
        let raw = Self.fields(of: cursor.rawValue)
        let lines = raw.map { $0.map(unescape) }
        guard lines.count >= 4, lines[0] == [Self.magic], lines[1].count == 2, lines[1][0] == "collection",
            lines[2].count == 2, lines[2][0] == "token", lines[3].count == 5, lines[3][0] == "window",
            let expandStart = Int64(lines[3][3]), let expandEnd = Int64(lines[3][4])
        else { return nil }
        func stamp(_ text: String) -> Timestamp?? {
            if text == "-" { return .some(nil) }
            return Int64(text).map { .some(Timestamp(nanosecondsSinceEpoch: $0)) } ?? nil
        }
        guard let singlesStart = stamp(lines[3][1]), let singlesEnd = stamp(lines[3][2]) else { return nil }
        var members: [String: [Member]] = [:]
        for (index, fields) in lines.enumerated().dropFirst(4) {
            guard fields.count >= 3, fields[0] == "m", !fields[2].isEmpty else { return nil }
            let name = raw[index][1] == "=" ? Self.derivedName(fields[2]) : fields[1]
            members[name, default: []].append(Member(uid: fields[2], recurrenceIDs: Array(fields.dropFirst(3))))
        }
        self.init(
            collection: lines[1][1], syncToken: lines[2][1], singlesStart: singlesStart, singlesEnd: singlesEnd,
            expandStart: Timestamp(nanosecondsSinceEpoch: expandStart),
            expandEnd: Timestamp(nanosecondsSinceEpoch: expandEnd), members: members)
    }
}

extension CalDAVCursor {
    /// The cursor text split into lines at line feeds and each line into fields at tabs, exactly as
    /// splitting its Characters would. Tab and line feed are Characters of their own except in
    /// "\r\n", which is one Character; text without a carriage return (every cursor this adapter
    /// writes) is therefore split on bytes, without walking grapheme clusters.
    static func fields(of text: String) -> [[String]] {
        guard !text.utf8.contains(0x0D) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
        }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(Substring($0)) }
        }
    }
}

/// `%`, tab, line feed, carriage return and `=` (alone it means "derived name") escaped as `%XX`.
private func escape(_ text: String) -> String {
    if text == "=" { return "%3D" }
    guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "%": out += "%25"
        case "\t": out += "%09"
        case "\n": out += "%0A"
        case "\r": out += "%0D"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

private func unescape(_ text: String) -> String {
    guard text.utf8.contains(0x25), text.contains("%") else { return text }
    return DAVHref.decode(text)
}
