import TMinusProviders
import TMinusQueues

extension AccountState {
    /// The decision for work that met a spent quota (`error` recovers by
    /// ``ProviderRecovery/pauseWritesAndAlert``): every call to the account is held back for
    /// ``quotaPauseLength`` and the message is postponed until then, without spending an attempt.
    /// Syncs, mirror writes and reconciles all answer a spent quota this way (engine rule 11).
    func postponeForSpentQuota(_ error: ProviderError) -> HandlerDecision {
        pauseForQuota()
        return .postpone(after: Self.quotaPauseLength, reason: error.description)
    }
}
