import TMinusCore

/// The access tokens a fake's OAuth endpoint issued (Google, Graph): who holds each and until when.
/// A token is valid strictly before its expiry; expiring an account's tokens makes its next API
/// call answer 401 until the client refreshes.
struct FakeAccessTokens: Sendable {
    private struct Issued: Sendable {
        let account: String
        var expiresAt: Timestamp
    }

    private var issued: [String: Issued] = [:]

    /// Mints a token (`prefix` and `length` characters drawn from `random`) for `account`, valid
    /// for `lifetime` from `now`.
    mutating func mint(
        for account: String, prefix: String, length: Int, lifetime: Duration, now: Timestamp,
        random: inout Xoshiro256StarStar
    ) -> String {
        let token = CredentialMint.token(prefix: prefix, length: length, random: &random)
        issued[token] = Issued(account: account, expiresAt: now.adding(lifetime))
        return token
    }

    /// The account holding `token` when it is still valid at `now`.
    func account(holding token: String, at now: Timestamp) -> String? {
        guard let grant = issued[token], grant.expiresAt > now else { return nil }
        return grant.account
    }

    /// The account `token` was issued to, expired or not (who sent a request, for the checker).
    func account(issuedWith token: String) -> String? { issued[token]?.account }

    /// Expires every token of `account` at `now`.
    mutating func expire(account: String, at now: Timestamp) {
        for token in issued.keys.sorted() where issued[token]!.account == account {
            issued[token]!.expiresAt = now
        }
    }
}
