public import TMinusSQLite

/// Where an engine keeps its SQLite files ("the disk" that survives a simulated crash), and how
/// they are synced and locked.
///
/// `.memory` keeps every store in its own private in-memory database: for unit tests only,
/// since nothing survives and no second connection can share the queue.
public struct EngineStorage: Hashable, Sendable {
    /// The directory holding the files, or nil for in-memory stores.
    public let directory: String?
    /// How every file is opened. ``ConnectionOptions/standard`` (the default) survives power loss and
    /// lets other connections share the files; the simulator uses
    /// ``ConnectionOptions/simulatorSoleOwner``, which only a crash between SQLite calls must survive, and
    /// abandons an engine's connections (``Engine/abandonStorage()``) before the next incarnation
    /// opens the files.
    public let options: ConnectionOptions

    /// Files under `directory` (created by the caller), opened with `options`.
    public init(directory: String, options: ConnectionOptions = .standard) {
        self.directory = directory
        self.options = options
    }

    private init() {
        directory = nil
        options = .standard
    }

    /// Every store in memory.
    public static let memory = EngineStorage()

    var registryPath: String { path("registry.sqlite") }
    var queuePath: String { path("queues.sqlite") }
    func userGraphPath(_ userID: String) -> String { path("user-\(userID).sqlite") }
    func accountPath(_ accountID: String) -> String { path("account-\(accountID).sqlite") }

    private func path(_ name: String) -> String { directory.map { $0 + "/" + name } ?? ":memory:" }
}
