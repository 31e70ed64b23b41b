/// Where an engine keeps its SQLite files ("the disk" that survives a simulated crash).
///
/// `.memory` keeps every store in its own private in-memory database: for unit tests only,
/// since nothing survives and no second connection can share the queue.
public struct EngineStorage: Hashable, Sendable {
    /// The directory holding the files, or nil for in-memory stores.
    public let directory: String?

    /// Files under `directory` (created by the caller).
    public init(directory: String) { self.directory = directory }

    private init() { directory = nil }

    /// Every store in memory.
    public static let memory = EngineStorage()

    var registryPath: String { path("registry.sqlite") }
    var queuePath: String { path("queues.sqlite") }
    func userGraphPath(_ userID: String) -> String { path("user-\(userID).sqlite") }
    func accountPath(_ accountID: String) -> String { path("account-\(accountID).sqlite") }

    private func path(_ name: String) -> String { directory.map { $0 + "/" + name } ?? ":memory:" }
}
