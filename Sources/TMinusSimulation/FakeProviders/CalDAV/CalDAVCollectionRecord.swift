import TMinusCore
import TMinusProviders

/// One calendar collection of the fake: its members, the change log its sync tokens are minted
/// from, and the tokens it has issued.
///
/// A token names a position in the log under the collection's current `epoch`; bumping the epoch
/// (on demand, or when the collection is deleted) invalidates every earlier token at once, and the
/// log's horizon expires old positions. Tokens are only valid for the collection that issued them
/// (fault row 50).
struct CalDAVCollectionRecord: Sendable {
    /// The decoded path, with a trailing slash.
    let path: String
    /// The user whose home holds it.
    let owner: String
    var displayName: String?
    /// Allowed component names (upper case); empty: any.
    var components: [String]
    private(set) var resources: [String: CalDAVResourceRecord] = [:]
    /// UID → name of the member holding it (RFC 4791: unique per collection).
    private var uidIndex: [String: String] = [:]
    var log = ChangeLog<String>()
    var epoch: Int64 = 0
    var deleted = false
    /// Issued tokens → (position, epoch, server instant it was minted).
    var tokens: [String: IssuedToken] = [:]
    let created: Timestamp

    /// What a token stands for.
    struct IssuedToken: Sendable {
        let position: UInt64
        let epoch: Int64
        let minted: Timestamp
    }

    init(path: String, owner: String, displayName: String?, components: [String], created: Timestamp) {
        self.path = path
        self.owner = owner
        self.displayName = displayName
        self.components = components
        self.created = created
    }

    /// The hash of this collection's state at `position` under the current epoch (token, ctag).
    func stateHex(_ secret: [UInt8], position: UInt64, salt: String) -> String {
        var hasher = SHA256()
        hasher.update(secret)
        hasher.update(salt + "\u{0}" + path + "\u{0}\(epoch)\u{0}\(position)")
        return hasher.finalize().hex
    }

    /// The name of the member holding `uid`, other than `except`.
    func member(holding uid: String, except: String? = nil) -> String? {
        guard let name = uidIndex[uid], name != except else { return nil }
        return name
    }

    /// Stores `resource` under its name (replacing any previous one) and indexes its UIDs.
    mutating func store(_ resource: CalDAVResourceRecord) {
        remove(resource.name)
        resources[resource.name] = resource
        for uid in resource.uids { uidIndex[uid] = resource.name }
    }

    /// Removes the member `name` (and its UIDs from the index); returns it.
    @discardableResult
    mutating func remove(_ name: String) -> CalDAVResourceRecord? {
        guard let old = resources.removeValue(forKey: name) else { return nil }
        for uid in old.uids where uidIndex[uid] == name { uidIndex.removeValue(forKey: uid) }
        return old
    }

    /// Member names in order (the fake's "storage order").
    var memberNames: [String] { resources.keys.sorted() }
}
