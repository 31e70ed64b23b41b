public import TMinusCore
public import TMinusSQLite

/// The state of one external account (the seed's AccountDO): tokens, calendar scopes, one sync
/// cursor and one watch per scoped calendar, sync health and rate-limiter state.
///
/// Cursors are written only by the sync path after the deltas they cover are committed to the
/// user graph (engine rule 7). Secrets are wrapped in ``Secret`` so they never reach logs.
public final class AccountStore {
    /// The account this store belongs to.
    public let accountID: String
    let database: StoreDatabase
    let environment: Environment
    /// The tokens, scopes and watches as last written or read (only this store's methods write
    /// them; see ``WrittenHereMemo``).
    private var knownTokens = WrittenHereMemo<AccountTokens?>()
    private var knownScopes = WrittenHereMemo<[CalendarScope]>()
    private var knownWatches = WrittenHereMemo<[CalendarWatch]>()
    private var knownLastReconcile = WrittenHereMemo<Timestamp?>()

    /// Opens (creating and migrating) the account database at `path` with `options`.
    public init(
        accountID: String, path: String, environment: Environment, options: ConnectionOptions = .standard
    ) throws(StoreError) {
        self.accountID = accountID
        self.environment = environment
        database = try StoreDatabase(path: path, migrator: AccountSchema.migrator, options: options)
    }

    /// Drops the connection the way a killed process would (no checkpoint, nothing more written);
    /// the store must not be used afterwards.
    public func abandonForCrashTest() { database.abandonForCrashTest() }

    var db: Connection { database.connection }

    /// The store's connection, for tests that change the file behind the store's methods.
    package var connection: Connection { db }

    func write<T>(_ body: () throws -> T) throws(StoreError) -> T { try database.write(body) }

    func read<T>(_ body: () throws -> T) throws(StoreError) -> T { try database.read(body) }

    var nowNanos: SQLiteValue { .integer(environment.clock.now().nanosecondsSinceEpoch) }

    /// Stores a token set (a rotated refresh token is stored before it is used).
    public func storeTokens(_ tokens: AccountTokens) throws(StoreError) {
        try writeTokens(tokens) {
            try db.execute(
                "INSERT OR REPLACE INTO tokens VALUES (1, ?, ?, ?, ?, ?)",
                [
                    .text(tokens.accessToken.revealed), .integer(tokens.accessTokenExpiresAt.nanosecondsSinceEpoch),
                    .text(tokens.refreshToken.revealed), .text(tokens.scopes.joined(separator: " ")), nowNanos,
                ])
        }
    }

    /// The stored tokens, or nil before linking / after revocation.
    ///
    /// Every provider call asks for them, and only ``storeTokens(_:)`` and ``dropTokens()`` change
    /// them, so when the connection owns the file alone (``Connection/isSoleOwner``) they are read
    /// once and then answered from what was last written or read, until a transaction or savepoint
    /// of this connection is rolled back (which could undo a write).
    public func tokens() throws(StoreError) -> AccountTokens? {
        try knownTokens.value(on: db) { () throws(StoreError) in
            try read {
                try db.queryOne("SELECT * FROM tokens WHERE id = 1").map { row in
                    AccountTokens(
                        accessToken: Secret(try row.get("access_token")),
                        accessTokenExpiresAt: Timestamp(nanosecondsSinceEpoch: try row.get("access_expires_at")),
                        refreshToken: Secret(try row.get("refresh_token")),
                        scopes: (try row.get("scopes", as: String.self)).split(separator: " ").map(String.init))
                }
            }
        }
    }

    /// Forgets the tokens (after revocation at unlink).
    public func dropTokens() throws(StoreError) {
        try writeTokens(nil) { try db.execute("DELETE FROM tokens") }
    }

    /// Runs the write `body` that leaves `tokens` stored, and remembers them once it succeeded.
    private func writeTokens(_ tokens: AccountTokens?, _ body: () throws -> Void) throws(StoreError) {
        knownTokens.forget()
        try write(body)
        knownTokens.remember(tokens, on: db)
    }

    /// Runs the write `body` that changes scopes or watches, forgetting what was remembered of them.
    private func writeScopesOrWatches(_ body: () throws -> Void) throws(StoreError) {
        knownScopes.forget()
        knownWatches.forget()
        defer {
            knownScopes.forget()
            knownWatches.forget()
        }
        try write(body)
    }

    /// Adds or updates a calendar scope.
    public func upsertScope(_ scope: CalendarScope) throws(StoreError) {
        try writeScopesOrWatches {
            try db.execute(
                "INSERT OR REPLACE INTO calendar_scopes VALUES (?, ?, ?)",
                [.text(scope.providerCalendarID), .text(scope.role.rawValue), .integer(scope.syncEnabled ? 1 : 0)])
        }
    }

    /// Forgets a calendar that no longer exists at the provider: its scope, cursor and watch record,
    /// in one transaction. Removing a calendar that is not scoped changes nothing.
    public func removeScope(calendarID: String) throws(StoreError) {
        try writeScopesOrWatches {
            for table in ["calendar_scopes", "cursors", "watches"] {
                try db.execute("DELETE FROM \(table) WHERE provider_calendar_id = ?", [.text(calendarID)])
            }
        }
    }

    /// Every scope, sorted by calendar ID (remembered between this store's writes of them).
    public func scopes() throws(StoreError) -> [CalendarScope] {
        try knownScopes.value(on: db) { () throws(StoreError) in
            try read {
                try db.query("SELECT * FROM calendar_scopes ORDER BY provider_calendar_id").map { row in
                    CalendarScope(
                        providerCalendarID: try row.get("provider_calendar_id"),
                        role: try CalendarScope.Role.parse(try row.get("role"), field: "calendar_scopes.role"),
                        syncEnabled: try row.get("sync_enabled", as: Int64.self) == 1)
                }
            }
        }
    }

    /// The sync cursor of one calendar (sync token, delta link or CalDAV sync-token), or nil.
    public func cursor(calendarID: String) throws(StoreError) -> String? {
        try read {
            try db.scalar(
                "SELECT cursor FROM cursors WHERE provider_calendar_id = ?", [.text(calendarID)], as: String.self)
        }
    }

    /// Advances (or, with nil, clears for a full resync) one calendar's cursor.
    public func setCursor(_ cursor: String?, calendarID: String) throws(StoreError) {
        try write { try storeCursor(cursor, calendarID: calendarID) }
    }

    /// Ends a sync in one transaction: advances the calendar's cursor and records `outcome` in the
    /// sync health (nothing when nil), so a poll that found nothing commits once, not twice.
    public func finishSync(cursor: String, calendarID: String, outcome: SyncOutcome?) throws(StoreError) {
        try write {
            try storeCursor(cursor, calendarID: calendarID)
            if let outcome { try storeSyncOutcome(outcome) }
        }
    }

    private func storeCursor(_ cursor: String?, calendarID: String) throws {
        if let cursor {
            try db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?, ?)", [.text(calendarID), .text(cursor), nowNanos])
        } else {
            try db.execute("DELETE FROM cursors WHERE provider_calendar_id = ?", [.text(calendarID)])
        }
    }

    /// Records a watch for one calendar (replacing the previous one).
    public func upsertWatch(_ watch: CalendarWatch) throws(StoreError) {
        try writeScopesOrWatches {
            try db.execute(
                "INSERT OR REPLACE INTO watches VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(watch.providerCalendarID), .text(watch.channelID),
                    watch.resourceID.map(SQLiteValue.text) ?? .null,
                    .text(watch.token), .integer(watch.expiresAt.nanosecondsSinceEpoch), .text(watch.state.rawValue),
                    watch.lastNotificationAt.map { .integer($0.nanosecondsSinceEpoch) } ?? .null,
                ])
        }
    }

    /// Every watch, sorted by calendar ID (remembered between this store's writes of them).
    public func watches() throws(StoreError) -> [CalendarWatch] {
        try knownWatches.value(on: db) { () throws(StoreError) in
            try read {
                try db.query("SELECT * FROM watches ORDER BY provider_calendar_id").map { row in
                    CalendarWatch(
                        providerCalendarID: try row.get("provider_calendar_id"), channelID: try row.get("channel_id"),
                        resourceID: try row.optional("resource_id"), token: try row.get("token"),
                        expiresAt: Timestamp(nanosecondsSinceEpoch: try row.get("expires_at")),
                        state: try CalendarWatch.State.parse(try row.get("state"), field: "watches.state"),
                        lastNotificationAt: try row.optional("last_notification_at", as: Int64.self)
                            .map(Timestamp.init(nanosecondsSinceEpoch:)))
                }
            }
        }
    }

    /// Watches that expire before `deadline` or have been silent since `silentSince`: due for renewal.
    public func watchesDueForRenewal(expiringBefore deadline: Timestamp, silentSince: Timestamp) throws(StoreError)
        -> [CalendarWatch]
    {
        try watches().filter { watch in
            watch.state != .stopped
                && (watch.expiresAt < deadline || (watch.lastNotificationAt ?? watch.expiresAt) < silentSince)
        }
    }

    /// Records a sync attempt; `error` nil means success (resets the error count).
    public func recordSync(error: String?) throws(StoreError) {
        try write { try storeSyncOutcome(error.map(SyncOutcome.failed) ?? .succeeded) }
    }

    private func storeSyncOutcome(_ outcome: SyncOutcome) throws {
        switch outcome {
        case .failed(let error):
            try db.execute(
                "UPDATE sync_health SET last_sync_at = ?, consecutive_errors = consecutive_errors + 1, last_error = ?",
                [nowNanos, .text(error)])
        case .succeeded:
            try db.execute(
                "UPDATE sync_health SET last_sync_at = ?1, last_success_at = ?1, consecutive_errors = 0, last_error = NULL",
                [nowNanos])
        }
    }

    /// The account's sync health.
    public func health() throws(StoreError) -> SyncHealth {
        try read {
            let row = try db.queryOne("SELECT * FROM sync_health")!
            return SyncHealth(
                lastSyncAt: try row.optional("last_sync_at", as: Int64.self).map(
                    Timestamp.init(nanosecondsSinceEpoch:)),
                lastSuccessAt: try row.optional("last_success_at", as: Int64.self).map(
                    Timestamp.init(nanosecondsSinceEpoch:)),
                consecutiveErrors: Int(try row.get("consecutive_errors", as: Int64.self)),
                lastError: try row.optional("last_error"))
        }
    }

    /// When the last reconcile of this account completed, if ever.
    /// (Remembered between this store's writes of it: the cron asks at every tick.)
    public func lastReconcileAt() throws(StoreError) -> Timestamp? {
        try knownLastReconcile.value(on: db) { () throws(StoreError) in
            try read {
                try db.scalar("SELECT value FROM account_metadata WHERE key = 'last_reconcile_at'", as: String.self)
                    .flatMap(Int64.init).map(Timestamp.init(nanosecondsSinceEpoch:))
            }
        }
    }

    /// Records a completed reconcile.
    public func recordReconcile(at instant: Timestamp) throws(StoreError) {
        knownLastReconcile.forget()
        try write {
            try db.execute(
                "INSERT OR REPLACE INTO account_metadata VALUES ('last_reconcile_at', ?)",
                [.text(String(instant.nanosecondsSinceEpoch))])
        }
        knownLastReconcile.remember(instant, on: db)
    }

    /// Removes a calendar's watch record (after it was stopped).
    public func removeWatch(calendarID: String) throws(StoreError) {
        try writeScopesOrWatches {
            try db.execute("DELETE FROM watches WHERE provider_calendar_id = ?", [.text(calendarID)])
        }
    }

    /// Rate-limiter state: available tokens (in thousandths) and when they were last refilled.
    public func rateLimiterState() throws(StoreError) -> (milliTokens: Int64, refilledAt: Timestamp)? {
        try read {
            try db.queryOne("SELECT * FROM rate_limiter").map { row in
                (try row.get("milli_tokens"), Timestamp(nanosecondsSinceEpoch: try row.get("refilled_at")))
            }
        }
    }

    /// Saves rate-limiter state.
    public func saveRateLimiterState(milliTokens: Int64, refilledAt: Timestamp) throws(StoreError) {
        try write {
            try db.execute(
                "INSERT OR REPLACE INTO rate_limiter VALUES (1, ?, ?)",
                [.integer(milliTokens), .integer(refilledAt.nanosecondsSinceEpoch)])
        }
    }
}

/// Confined to one owner (the `AccountState` actor or a test).
@available(*, unavailable)
extension AccountStore: Sendable {}
