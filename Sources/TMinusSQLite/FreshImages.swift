import Synchronization

/// The bytes of a database just migrated from empty, kept per list of migrations for the life of the
/// process, so the next empty database a migrator brings up to date can be copied from them instead
/// of running every migration again (a simulator makes fresh databases for every run: a fuzz
/// campaign makes thousands).
///
/// Only migrators that ask for it (``Migrator/reusesFreshImages``) use it, and only on databases
/// whose bytes may be copied whole (``Connection/takesImages``). The key is the migrator's
/// identifiers in order: migrators that reuse images must not share an identifier list while
/// migrating differently (shipped migrations are never edited, and each schema names its own).
final class FreshImages: Sendable {
    /// The images of this process.
    static let shared = FreshImages()

    private let images = Mutex<[String: [UInt8]]>([:])

    /// The image made by `identifiers`, if one was kept.
    func image(for identifiers: [String]) -> [UInt8]? {
        images.withLock { $0[Self.key(identifiers)] }
    }

    /// Keeps `image` as what `identifiers` make from an empty database (the first one kept wins).
    func keep(_ image: [UInt8], for identifiers: [String]) {
        images.withLock { images in
            let key = Self.key(identifiers)
            if images[key] == nil { images[key] = image }
        }
    }

    private static func key(_ identifiers: [String]) -> String { identifiers.joined(separator: "\n") }
}
