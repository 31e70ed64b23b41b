import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

struct RegistryAndAccountStoreTests {
    @Test func relinkingTheSameProviderSubjectReusesTheAccountID() throws {
        let registry = try RegistryStore(path: ":memory:", environment: StoreFixtures.environment())
        let user = try registry.createUser()
        let first = try registry.linkAccount(userID: user, provider: .google, subject: "sub-1", email: "a@example.com")
        try registry.setStatus(.revoked, of: first)
        let again = try registry.linkAccount(userID: user, provider: .google, subject: "sub-1", email: "a@example.com")
        #expect(first == again)
        #expect(try registry.account(first)?.status == .active)
        let other = try registry.linkAccount(userID: user, provider: .microsoft, subject: "sub-1", email: nil)
        #expect(other != first)
        #expect(try registry.accounts(ofUser: user).count == 2)
    }

    @Test func everyScopedCalendarGetsItsOwnRouteAndInactiveAccountsAreNotRouted() throws {
        let registry = try RegistryStore(path: ":memory:", environment: StoreFixtures.environment())
        let user = try registry.createUser()
        let account = try registry.linkAccount(userID: user, provider: .google, subject: "s", email: nil)
        let expiry = StoreFixtures.start.adding(.seconds(86_400))
        try registry.addRoute(ChannelRoute(channelID: "chn_1", accountID: account, providerCalendarID: "primary", token: "t1", expiresAt: expiry))
        try registry.addRoute(ChannelRoute(channelID: "chn_2", accountID: account, providerCalendarID: "work", token: "t2", expiresAt: expiry))
        #expect(try registry.route(channelID: "chn_2")?.providerCalendarID == "work")
        #expect(try registry.routes(ofAccount: account).map(\.channelID) == ["chn_1", "chn_2"])
        try registry.setStatus(.error, of: account)
        #expect(try registry.route(channelID: "chn_1") == nil)
    }

    @Test func accountStoreKeepsTokensCursorsWatchesAndHealth() throws {
        let env = StoreFixtures.environment()
        let store = try AccountStore(accountID: "acc_a", path: ":memory:", environment: env)
        let tokens = AccountTokens(
            accessToken: Secret("ya29.secret"), accessTokenExpiresAt: StoreFixtures.start, refreshToken: Secret("1//refresh"),
            scopes: ["calendar"])
        try store.storeTokens(tokens)
        #expect(try store.tokens() == tokens)
        #expect("\(tokens.refreshToken)" == "<redacted>")
        try store.upsertScope(CalendarScope(providerCalendarID: "primary", role: .primary))
        try store.upsertScope(CalendarScope(providerCalendarID: "overlay", role: .overlay, syncEnabled: false))
        #expect(try store.scopes().map(\.providerCalendarID) == ["overlay", "primary"])
        try store.setCursor("sync-1", calendarID: "primary")
        #expect(try store.cursor(calendarID: "primary") == "sync-1")
        try store.setCursor(nil, calendarID: "primary")
        #expect(try store.cursor(calendarID: "primary") == nil)
        let watch = CalendarWatch(
            providerCalendarID: "primary", channelID: "chn_1", resourceID: "r", token: "t",
            expiresAt: StoreFixtures.start.adding(.seconds(3600)))
        try store.upsertWatch(watch)
        let due = try store.watchesDueForRenewal(
            expiringBefore: StoreFixtures.start.adding(.seconds(7200)), silentSince: StoreFixtures.start)
        #expect(due == [watch])
        try store.recordSync(error: "HTTP 503")
        try store.recordSync(error: "HTTP 503")
        #expect(try store.health().consecutiveErrors == 2)
        try store.recordSync(error: nil)
        #expect(try store.health().consecutiveErrors == 0)
        #expect(try store.health().lastSuccessAt == StoreFixtures.start)
        try store.dropTokens()
        #expect(try store.tokens() == nil)
    }
}

/// What the stores remember between reads never differs from what a read would return.
struct RememberedRowsTests {
    private struct Abort: Error {}

    private func tokens(_ access: String) -> AccountTokens {
        AccountTokens(
            accessToken: Secret(access), accessTokenExpiresAt: StoreFixtures.start, refreshToken: Secret("1//r"),
            scopes: ["calendar"])
    }

    @Test func tokensAreTheLastStoredEvenAfterARolledBackWrite() throws {
        let store = try AccountStore(accountID: "acc_a", path: ":memory:", environment: StoreFixtures.environment())
        #expect(try store.tokens() == nil)
        try store.storeTokens(tokens("one"))
        #expect(try store.tokens() == tokens("one"))
        _ = try? store.connection.inTransaction {
            try store.storeTokens(tokens("two"))
            #expect(try store.tokens() == tokens("two"))
            throw Abort()
        }
        #expect(try store.tokens() == tokens("one"))
        try store.dropTokens()
        #expect(try store.tokens() == nil)
        try store.storeTokens(tokens("three"))
        #expect(try store.tokens() == tokens("three"))
    }

    @Test func scopesAndWatchesFollowEveryWriteAndRollback() throws {
        let store = try AccountStore(accountID: "acc_a", path: ":memory:", environment: StoreFixtures.environment())
        let watch = CalendarWatch(
            providerCalendarID: "work", channelID: "chn_1", resourceID: nil, token: "t", expiresAt: StoreFixtures.start)
        #expect(try store.scopes().isEmpty && store.watches().isEmpty)
        try store.upsertScope(CalendarScope(providerCalendarID: "work", role: .primary))
        try store.upsertWatch(watch)
        #expect(try store.scopes().map(\.providerCalendarID) == ["work"])
        #expect(try store.watches() == [watch])
        _ = try? store.connection.inTransaction {
            try store.upsertScope(CalendarScope(providerCalendarID: "home", role: .secondary))
            try store.removeWatch(calendarID: "work")
            #expect(try store.scopes().count == 2 && store.watches().isEmpty)
            throw Abort()
        }
        #expect(try store.scopes().map(\.providerCalendarID) == ["work"])
        #expect(try store.watches() == [watch])
        try store.removeScope(calendarID: "work")
        #expect(try store.scopes().isEmpty && store.watches().isEmpty)
    }

    @Test func aRegistrationIsReadAgainAfterAnyChangeToTheRegistry() throws {
        let registry = try RegistryStore(path: ":memory:", environment: StoreFixtures.environment())
        let user = try registry.createUser()
        let account = try registry.linkAccount(userID: user, provider: .google, subject: "a@example.com", email: nil)
        #expect(try registry.account(account)?.status == .active)
        try registry.setStatus(.error, of: account)
        #expect(try registry.account(account)?.status == .error)
        #expect(try registry.account("acc_missing") == nil)
        try registry.setStatus(.active, of: account)
        #expect(try registry.account(account)?.status == .active)
    }

    @Test func everyRegistrationIsReadAgainAfterAnyChangeToTheRegistry() throws {
        let registry = try RegistryStore(path: ":memory:", environment: StoreFixtures.environment())
        let user = try registry.createUser()
        #expect(try registry.allAccounts().isEmpty)
        let first = try registry.linkAccount(userID: user, provider: .google, subject: "a@example.com", email: nil)
        #expect(try registry.allAccounts().map(\.accountID) == [first])
        #expect(try registry.allAccounts().map(\.accountID) == [first])
        let second = try registry.linkAccount(userID: user, provider: .microsoft, subject: "b@example.com", email: nil)
        #expect(try registry.allAccounts().map(\.accountID) == [first, second].sorted())
        try registry.setStatus(.revoked, of: first)
        #expect(try registry.allAccounts().first { $0.accountID == first }?.status == .revoked)
    }
}
