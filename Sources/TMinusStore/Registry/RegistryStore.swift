public import TMinusCore
public import TMinusSQLite

/// The cross-user registry: users, provider accounts, and the routing from a push channel or
/// subscription ID to the (account, calendar) it watches — one route for **every** scoped calendar,
/// not just the primary one.
///
/// `(provider, provider_subject)` is unique, so relinking the same provider account reuses its ID.
public final class RegistryStore {
    let database: StoreDatabase
    let environment: Environment
    /// Registrations read since the registry last changed (``StampedMemo``).
    private var accountMemo = StampedMemo<String, RegisteredAccount?>()
    /// Every registration, read since the registry last changed (the cron asks at every tick).
    private var allAccountsMemo = StampedValue<[RegisteredAccount]>()

    /// Opens (creating and migrating) the registry at `path` with `options`.
    public init(path: String, environment: Environment, options: ConnectionOptions = .standard) throws(StoreError) {
        self.environment = environment
        database = try StoreDatabase(path: path, migrator: Self.migrator, options: options)
    }

    /// Drops the connection the way a killed process would (no checkpoint, nothing more written);
    /// the store must not be used afterwards.
    public func abandonForCrashTest() { database.abandonForCrashTest() }

    var db: Connection { database.connection }

    func write<T>(_ body: () throws -> T) throws(StoreError) -> T { try database.write(body) }

    func read<T>(_ body: () throws -> T) throws(StoreError) -> T { try database.read(body) }

    /// Registry migrations; add new ones at the end, never edit a shipped one.
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.reusesFreshImages = true
        migrator.register("0001_registry") { db in
            try db.execute(
                """
                CREATE TABLE users (user_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL) STRICT;
                CREATE TABLE accounts (
                    account_id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (user_id),
                    provider TEXT NOT NULL, provider_subject TEXT NOT NULL, email TEXT,
                    status TEXT NOT NULL CHECK (status IN ('active', 'error', 'revoked')),
                    created_at INTEGER NOT NULL, UNIQUE (provider, provider_subject)) STRICT;
                CREATE TABLE channel_routes (
                    channel_id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (account_id),
                    provider_calendar_id TEXT NOT NULL, token TEXT NOT NULL, expires_at INTEGER NOT NULL) STRICT;
                CREATE INDEX channel_routes_by_account ON channel_routes (account_id);
                """)
        }
        return migrator
    }

    /// Creates a user and returns its `usr_` ID.
    public func createUser() throws(StoreError) -> String {
        try write {
            let id = environment.ids.make(.user)
            try db.execute(
                "INSERT INTO users VALUES (?, ?)", [.text(id), .integer(environment.clock.now().nanosecondsSinceEpoch)])
            return id
        }
    }

    /// Registers (or reactivates) a provider account for a user; the same provider subject always
    /// gets the same `acc_` ID.
    public func linkAccount(userID: String, provider: ProviderKind, subject: String, email: String?) throws(StoreError)
        -> String
    {
        if subject.isEmpty { throw .invalidInput(.missingField(field: "account.subject")) }
        return try write {
            guard try db.queryOne("SELECT 1 FROM users WHERE user_id = ?", [.text(userID)]) != nil else {
                throw StoreError.notFound(kind: "user", id: userID)
            }
            if let id = try db.scalar(
                "SELECT account_id FROM accounts WHERE provider = ? AND provider_subject = ?",
                [.text(provider.rawValue), .text(subject)], as: String.self)
            {
                try db.execute(
                    "UPDATE accounts SET status = 'active', user_id = ? WHERE account_id = ?",
                    [.text(userID), .text(id)])
                return id
            }
            let id = environment.ids.make(.account)
            try db.execute(
                "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, 'active', ?)",
                [
                    .text(id), .text(userID), .text(provider.rawValue), .text(subject),
                    email.map(SQLiteValue.text) ?? .null,
                    .integer(environment.clock.now().nanosecondsSinceEpoch),
                ])
            return id
        }
    }

    /// A registered account. Read from SQLite once between changes to the registry when the
    /// connection owns the file alone (``StampedMemo``).
    public func account(_ accountID: String) throws(StoreError) -> RegisteredAccount? {
        try accountMemo.value(for: accountID, on: db) { () throws(StoreError) in
            try read {
                try db.queryOne("SELECT * FROM accounts WHERE account_id = ?", [.text(accountID)]).map(
                    RegisteredAccount.decode)
            }
        }
    }

    /// A user's accounts, sorted by ID.
    public func accounts(ofUser userID: String) throws(StoreError) -> [RegisteredAccount] {
        try read {
            try db.query("SELECT * FROM accounts WHERE user_id = ? ORDER BY account_id", [.text(userID)])
                .map(RegisteredAccount.decode)
        }
    }

    /// Every registered account, sorted by ID (cron iterates these). Read from SQLite once between
    /// changes to the registry when the connection owns the file alone (``StampedValue``).
    public func allAccounts() throws(StoreError) -> [RegisteredAccount] {
        try allAccountsMemo.value(on: db) { () throws(StoreError) in
            try read { try db.query("SELECT * FROM accounts ORDER BY account_id").map(RegisteredAccount.decode) }
        }
    }

    /// Sets an account's status (`error` after `invalid_grant`, `revoked` after unlink).
    public func setStatus(_ status: RegisteredAccount.Status, of accountID: String) throws(StoreError) {
        try write {
            try db.execute(
                "UPDATE accounts SET status = ? WHERE account_id = ?", [.text(status.rawValue), .text(accountID)])
            if db.changes == 0 { throw StoreError.notFound(kind: "account", id: accountID) }
        }
    }

    /// Routes pushes for `channelID` to one scoped calendar of an account (replacing an older route).
    public func addRoute(_ route: ChannelRoute) throws(StoreError) {
        try write {
            try db.execute(
                "INSERT OR REPLACE INTO channel_routes VALUES (?, ?, ?, ?, ?)",
                [
                    .text(route.channelID), .text(route.accountID), .text(route.providerCalendarID), .text(route.token),
                    .integer(route.expiresAt.nanosecondsSinceEpoch),
                ])
        }
    }

    /// The route of a channel whose account is active, or nil (unknown channel or inactive account).
    public func route(channelID: String) throws(StoreError) -> ChannelRoute? {
        try read {
            try db.queryOne(
                """
                SELECT r.* FROM channel_routes r JOIN accounts a USING (account_id)
                WHERE r.channel_id = ? AND a.status = 'active'
                """, [.text(channelID)]
            ).map(ChannelRoute.decode)
        }
    }

    /// Every route of an account, sorted by channel ID.
    public func routes(ofAccount accountID: String) throws(StoreError) -> [ChannelRoute] {
        try read {
            try db.query("SELECT * FROM channel_routes WHERE account_id = ? ORDER BY channel_id", [.text(accountID)])
                .map(ChannelRoute.decode)
        }
    }

    /// Removes a route (channel stopped or replaced).
    public func removeRoute(channelID: String) throws(StoreError) {
        try write { try db.execute("DELETE FROM channel_routes WHERE channel_id = ?", [.text(channelID)]) }
    }
}

/// Confined to one owner.
@available(*, unavailable)
extension RegistryStore: Sendable {}
