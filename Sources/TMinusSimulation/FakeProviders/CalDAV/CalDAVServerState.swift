import TMinusCore
import TMinusProviders

/// One account of the fake: Basic credentials and where its principal and home are.
struct CalDAVAccountRecord: Sendable {
    let user: String
    let password: String
    let principal: String
    let home: String
}

/// The independent random streams of the server, forked in a fixed order at construction.
struct CalDAVStreams: Sendable {
    var ids: Xoshiro256StarStar
    var faults: Xoshiro256StarStar
    var limits: Xoshiro256StarStar
    var invalidation: Xoshiro256StarStar
    var writes: Xoshiro256StarStar

    init(_ random: RandomSource) {
        var root = Xoshiro256StarStar(seed: random.next())
        ids = root.fork()
        faults = root.fork()
        limits = root.fork()
        invalidation = root.fork()
        writes = root.fork()
    }
}

/// The whole state of the fake CalDAV server; every mutation happens inside the server's lock on
/// an `inout` value, so each request, human action or inspection is atomic.
package struct CalDAVServerState: RequestServingState {
    var configuration: FakeCalDAVConfiguration
    var streams: CalDAVStreams
    let secret: [UInt8]
    let trace: any TraceSink
    var accounts: [String: CalDAVAccountRecord] = [:]
    var accountOrder: [String] = []
    var collections: [String: CalDAVCollectionRecord] = [:]
    var limiter: SlidingWindowRateLimiter<String>?
    var writes: [CalDAVWriteRecord] = []
    /// `REPORT` bodies parsed before.
    var reportBodies = DAVDocumentMemo()
    /// The last sync-token hash made per collection path, with the epoch and position it is of (a
    /// client polling a quiet collection is answered the same token again).
    var syncTokenHashes: [String: (epoch: Int64, position: UInt64, hex: String)] = [:]
    /// Request paths normalized before, by the path as sent; starts over past 256.
    var normalizedPaths: [String: String] = [:]
    /// OAuth bearer tokens some CalDAV services accept (Google's CalDAV API): token → user, and
    /// whether it expired.
    var bearerTokens: [String: (user: String, expired: Bool)] = [:]

    init(configuration: FakeCalDAVConfiguration, random: RandomSource, trace: any TraceSink) {
        self.configuration = configuration
        var streams = CalDAVStreams(random)
        secret = OpaqueTokenCodec.drawSecret(&streams.ids)
        self.streams = streams
        self.trace = trace
        limiter = configuration.requestsPerMinute.map { SlidingWindowRateLimiter(limit: $0, window: .seconds(60)) }
    }

    var dialect: CalDAVDialect { configuration.dialect }

    // MARK: Tokens and tags

    /// The collection's sync-token for its current state, remembered so it can be redeemed.
    mutating func currentToken(_ path: String, now: Timestamp) -> String {
        token(path, position: collections[path]!.log.head, now: now)
    }

    /// The sync-token for `position` of the collection's log.
    mutating func token(_ path: String, position: UInt64, now: Timestamp) -> String {
        let collection = collections[path]!
        let token = dialect.syncToken(syncTokenHash(collection, position: position))
        if collection.tokens[token] == nil {
            collections[path]!.tokens[token] = .init(position: position, epoch: collection.epoch, minted: now)
        }
        return token
    }

    /// `collection.stateHex(secret, position:, salt: "sync")`, remembered per path: the hash is a
    /// pure function of the secret (fixed), the path, the epoch and the position.
    mutating func syncTokenHash(_ collection: CalDAVCollectionRecord, position: UInt64) -> String {
        if let known = syncTokenHashes[collection.path], known.epoch == collection.epoch, known.position == position {
            return known.hex
        }
        let hex = collection.stateHex(secret, position: position, salt: "sync")
        syncTokenHashes[collection.path] = (collection.epoch, position, hex)
        return hex
    }

    /// `DAVHref.normalize(path)`, remembered by the path as sent (a pure function of it).
    mutating func normalized(_ path: String) -> String {
        if let known = normalizedPaths[path] { return known }
        let normalized = DAVHref.normalize(path)
        if normalizedPaths.count >= 256 { normalizedPaths.removeAll(keepingCapacity: true) }
        normalizedPaths[path] = normalized
        return normalized
    }

    /// The collection's `getctag` (and, on Radicale, its `getetag`).
    func ctag(_ path: String) -> String {
        let collection = collections[path]!
        let salt = dialect == .xandikos ? "sync" : "ctag"
        return dialect.ctag(collection.stateHex(secret, position: collection.log.head, salt: salt))
    }

    /// The position a token stands for, or nil when it is unknown here, from an earlier epoch,
    /// expired by age, scheduled invalidation or the log horizon, or drawn invalid at random.
    mutating func redeem(_ token: String, in path: String, now: Timestamp) -> UInt64? {
        guard let collection = collections[path], let issued = collection.tokens[token],
            issued.epoch == collection.epoch, collection.log.canServe(from: issued.position)
        else { return nil }
        if let lifetime = configuration.syncTokenLifetime, now.duration(since: issued.minted) > lifetime { return nil }
        if configuration.syncTokenInvalidations.contains(where: { $0 > issued.minted && $0 <= now }) { return nil }
        if streams.invalidation.chance(configuration.syncTokenInvalidationChance) {
            trace.record(component: "caldav", event: "sync-token.invalidated-at-random \(path)")
            return nil
        }
        return issued.position
    }

    /// A strong ETag for stored bytes: the dialect's length of hex of their SHA-256.
    func etag(for bytes: [UInt8]) -> String {
        let hex = SHA256.hash(bytes).bytes.map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
        }.joined()
        return "\"" + String(hex.prefix(dialect.etagHexLength)) + "\""
    }

    // MARK: Paths

    /// The href the server writes for a decoded path (Radicale encodes `@`, Xandikos does not).
    func href(_ path: String) -> String {
        let encoded = DAVHref.encode(path: path)
        return dialect.encodesAtSign ? encoded.replacingAll("@", with: "%40") : encoded
    }

    /// The collection path and member name of a decoded resource path, when the collection exists.
    func split(_ path: String) -> (collection: String, name: String)? {
        guard !path.hasSuffix("/"), let slash = path.lastIndex(of: "/") else { return nil }
        let collection = String(path[...slash])
        guard collections[collection] != nil else { return nil }
        return (collection, String(path[path.index(after: slash)...]))
    }

    /// The account owning a path (its first segment), if any.
    func owner(of path: String) -> String? {
        guard let first = path.split(separator: "/").first else { return nil }
        return accounts[String(first)] == nil ? nil : String(first)
    }

    /// Records a write for inspection.
    mutating func logWrite(_ request: HTTPRequest, path: String, status: Int) {
        writes.append(
            CalDAVWriteRecord(
                method: request.method.uppercased(), path: path, ifMatch: request.headers["If-Match"],
                ifNoneMatch: request.headers["If-None-Match"], status: status))
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
