import TMinusCore
import TMinusProviders

/// An account's credentials as its provider adapter holds them: the ``AccountState`` behind a weak
/// reference.
///
/// The account keeps its adapter (behind its ``RetryAfterGate``) for its whole life, and the
/// adapter keeps its credential source for its own; a strong reference back would make a cycle
/// that keeps every account, with its open store, alive after its engine is gone (every world of
/// a fuzz campaign, every account a daemon unlinks). Once the account is gone, a call the adapter
/// still makes is cancelled.
final class AccountCredentials: CredentialSource {
    private weak let account: AccountState?
    private let kind: ProviderKind

    init(_ account: AccountState) {
        self.account = account
        kind = account.kind
    }

    func credential() async throws(ProviderError) -> ProviderCredential {
        try await live().credential()
    }

    func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError) -> ProviderCredential {
        try await live().refreshedCredential(replacing: rejected)
    }

    private func live() throws(ProviderError) -> AccountState {
        guard let account else {
            throw .cancelled(ProviderErrorContext(provider: kind, operation: "credential of a closed account"))
        }
        return account
    }
}
