import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// One provider under test for ``ProviderConformanceTests``: the real adapter, talking to that
/// provider's wire-level fake through the simulated transport on a manual clock, plus the
/// scenario hooks the suite needs. Every provider builds the same shape, so one suite checks
/// them all and the abstraction stays symmetric.
struct ConformanceWorld: Sendable {
    let kind: ProviderKind
    let clock: ManualClock
    let transport: SimulatedTransport
    let provider: any CalendarProvider
    let credentials: ConformanceCredentials
    /// The person's calendar app, and the invariant checker's view.
    let human: any HumanCalendarActions
    let inspection: any FakeCalendarInspection
    let account: String
    /// The calendar a person edits (Google's primary, Graph's default calendar).
    let personalCalendarID: String
    /// A path glob matching event creates in any calendar (for the lost-response fault).
    let createPath: String
    /// The method of an event create (`POST` on Google and Graph, `PUT` on CalDAV).
    var createMethod: String = "POST"
    /// Invalidates every cursor of a calendar now.
    let invalidateCursors: @Sendable (String) -> Void
    /// Expires every access token now (the next call gets a 401).
    let expireAccessTokens: @Sendable () -> Void
    /// Revokes the grant (the refresh token dies).
    let revokeGrant: @Sendable () -> Void
    /// Makes the server throttle requests arriving in the next millisecond, with this `Retry-After`.
    let throttleBriefly: @Sendable (_ retryAfterSeconds: Int64) -> Void
}

/// A provider the suite can run: a name for reports and a world builder. Each lives in its own
/// `ProviderConformance+<Provider>.swift`; adding a provider is one line in
/// ``ProviderConformanceTests/providers``.
struct ConformanceSubject: Sendable, CustomStringConvertible {
    let name: String
    let makeWorld: @Sendable (_ seed: UInt64) -> ConformanceWorld

    var description: String { name }
}

/// A credential source that refreshes through the adapter's own token endpoint call, stores a
/// rotated refresh token before using the new access token (engine rule 10), and counts refreshes.
final class ConformanceCredentials: CredentialSource, Sendable {
    typealias Refresher = @Sendable (ProviderSecret) async throws(ProviderError) -> TokenGrant

    private struct State: Sendable {
        var accessToken: ProviderSecret
        var refreshToken: ProviderSecret
        var refreshes = 0
        var refresher: Refresher?
    }

    private let state: LockedBox<State>

    init(accessToken: String, refreshToken: String) {
        state = LockedBox(State(accessToken: ProviderSecret(accessToken), refreshToken: ProviderSecret(refreshToken)))
    }

    /// Installs the token endpoint call (made by an adapter that needs no credential for it).
    func use(_ refresher: @escaping Refresher) { state.withLock { $0.refresher = refresher } }

    var refreshCount: Int { state.withLock { $0.refreshes } }
    var currentRefreshToken: ProviderSecret { state.withLock { $0.refreshToken } }

    func credential() async throws(ProviderError) -> ProviderCredential {
        .bearer(state.withLock { $0.accessToken })
    }

    func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError) -> ProviderCredential {
        let (refreshToken, refresher) = state.withLock { ($0.refreshToken, $0.refresher) }
        guard let refresher else {
            throw .unsupported(
                ProviderErrorContext(provider: .google, operation: "oauth.token", detail: "no refresher"))
        }
        let grant = try await refresher(refreshToken)
        state.withLock { state in
            if let rotated = grant.rotatedRefreshToken { state.refreshToken = rotated }
            state.accessToken = grant.accessToken
            state.refreshes += 1
        }
        return .bearer(grant.accessToken)
    }
}

/// 2026-03-02T08:00:00Z, the worlds' start.
let conformanceStart = Timestamp(secondsSinceEpoch: 1_772_438_400)
