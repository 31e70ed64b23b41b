public import TMinusCore

/// One entry of the transport's write log, read by the world checker (C, J, K): a write request to
/// a calendar event and what became of it, a read that `Retry-After` throttled (and the next read
/// of the same resource), a human's change of an event at a provider, a policy change that
/// re-derives a mirror, or an engine restart — in the order they happened. Bodies are kept only as
/// a digest (never user data).
public struct ExchangeRecord: Hashable, Sendable {
    /// What the entry records.
    public enum Kind: Hashable, Sendable {
        /// A write request (POST, PUT, PATCH, DELETE) to an event resource.
        case write
        /// A read (a listing, a sync report) that matters to K: one answered 429 or 503 with
        /// `Retry-After`, or the next read of the same resource after such an answer.
        case read
        /// A human changed or deleted the event with this provider ID (outside the engine).
        case humanChange(eventID: String)
        /// The engine process restarted: what it knew of its writes in flight is gone.
        case engineRestart
        /// The user changed the policy edge that governs the mirror with this provider ID: its
        /// detail level or kind, and so its projected hash, changed (engine rule 8, invariant C),
        /// so a rewrite is expected even when the payload's bytes stay the same.
        case policyChange(eventID: String)
    }

    public var kind: Kind
    /// Method, host and path (without query) of a write; empty otherwise.
    public var method = ""
    public var host = ""
    public var path = ""
    /// FNV-1a digest of the body, with iCalendar `DTSTAMP` lines left out (they carry the send time).
    public var bodyDigest: UInt64 = 0
    /// When the request was sent, and when the exchange ended (response or fault).
    public var sentAt: Timestamp
    public var endedAt: Timestamp
    /// The status the engine received; nil when no response reached it (timeouts, resets).
    public var deliveredStatus: Int?
    /// The `Retry-After` the engine received, in seconds.
    public var retryAfterSeconds: Int64?
    /// The status the provider answered, whether or not its answer reached the engine (a timeout
    /// after the provider handled the request, a corrupted body); nil when the request never
    /// reached the provider (a reset connection, a timeout before the server saw it).
    public var providerStatus: Int?

    /// Whether the request reached the provider at all: one that did not wrote nothing, whatever
    /// the engine concluded.
    public var reachedProvider: Bool { providerStatus != nil }
    /// Whether the provider applied the request (it answered 2xx, delivered or not): what J counts.
    /// A refusal (412, 429, 5xx) changed nothing, even when its answer was lost.
    public var providerApplied: Bool { providerStatus.map { (200..<300).contains($0) } ?? false }

    /// Who sent it: the account the fake server says the request acts for
    /// (``FakeServer/principal(of:)``: the login a bearer token was issued to, so a token refreshed
    /// inside a `Retry-After` window is still the same account), else the request's
    /// `Authorization` value (CalDAV's Basic credentials name their user); empty when it had none.
    /// Accounts send byte-identical requests to shared paths (CalDAV's `PROPFIND /`, Graph's
    /// `/me/calendars`), and a `Retry-After` holds the account it answered.
    public var principal = ""

    /// The request's identity for "the same request again": who sent it, method, host, path and
    /// body.
    public var requestKey: String { "\(principal) \(method) \(host)\(path) \(bodyDigest)" }

    /// True for a write request to a calendar event (Google and Graph `…/events…`, CalDAV `….ics`).
    public static func isEventWrite(method: String, path: String) -> Bool {
        guard ["POST", "PUT", "PATCH", "DELETE"].contains(method) else { return false }
        if path.hasSuffix(".ics") { return true }
        return contains(path, ascii: "/events") && !path.hasSuffix("/watch") && !contains(path, ascii: "/events/watch")
    }

    /// `text.contains(needle)` for an ASCII `needle` without "\r" or "\n", searching bytes when
    /// `text` is ASCII: there every Character is one byte except "\r\n", which no byte of the
    /// needle matches, so a run of bytes equal to the needle is a run of Characters equal to it.
    /// Other text keeps the Character search (canonical equivalence, grapheme clusters).
    static func contains(_ text: String, ascii needle: String) -> Bool {
        var text = text
        let found = text.withUTF8 { haystack -> Bool? in
            guard haystack.allSatisfy({ $0 < 0x80 }) else { return nil }
            let pattern = Array(needle.utf8)
            guard haystack.count >= pattern.count else { return false }
            for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
                var offset = 1
                while offset < pattern.count, haystack[start + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return true }
            }
            return false
        }
        return found ?? text.contains(needle)
    }

    /// FNV-1a over the body's bytes, skipping iCalendar `DTSTAMP` lines.
    public static func digest(_ body: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var lineStart = true
        var skipping = false
        let dtstamp = Array("DTSTAMP".utf8)
        var index = 0
        while index < body.count {
            let byte = body[index]
            if lineStart {
                skipping = body.count - index >= dtstamp.count && Array(body[index..<index + dtstamp.count]) == dtstamp
            }
            lineStart = byte == 0x0A
            if !skipping {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            index += 1
        }
        return hash
    }
}
