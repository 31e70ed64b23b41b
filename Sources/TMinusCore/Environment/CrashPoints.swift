/// A named place inside one of the engine's handlers where a simulated process may die
/// (FoundationDB's "buggify" points): between two durable effects, where a crash is most telling.
///
/// The raw value is `<consumer>.<place>`; the consumer prefix says which part of the engine
/// reaches it (``consumer``), so a fault can target one consumer.
public enum CrashPoint: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Sync: the provider's listing was read; nothing of it is applied yet.
    case syncAfterListing = "sync.after-listing"
    /// Sync: the deltas are committed to the user graph; the cursor is not saved yet.
    case syncAfterCommit = "sync.after-commit"
    /// Sync: the cursor is saved; the message is not acknowledged yet.
    case syncBeforeAck = "sync.before-ack"
    /// Write: the mirror row wants the write; the provider has not been called.
    case writeBeforeProviderCall = "write.before-provider-call"
    /// Write: the provider applied the write; the mirror state is not committed yet.
    case writeAfterProviderCall = "write.after-provider-call"
    /// Write: the mirror state is committed; the message is not acknowledged yet.
    case writeBeforeAck = "write.before-ack"
    /// Reconcile: the origin scopes are re-synced; the mirror calendars are not checked yet.
    case reconcileAfterOriginSync = "reconcile.after-origin-sync"
    /// Reconcile: the repairs are done; the message is not acknowledged yet.
    case reconcileBeforeAck = "reconcile.before-ack"
    /// Outbox relay: commands are in the write queue; the outbox still holds them.
    case relayAfterEnqueue = "relay.after-enqueue"
    /// Webhook: a notification was accepted; its sync is not requested yet.
    case pushBeforeEnqueue = "push.before-enqueue"
    /// Cron: watches are renewed; polls and reconciles are not requested yet.
    case cronAfterRenewals = "cron.after-renewals"
    /// Onboarding: the account is registered and its workflow recorded; no step has run.
    case onboardingAfterRegistration = "onboarding.after-registration"
    /// Onboarding: the calendars are listed and the scopes chosen; the overlay is not created yet.
    case onboardingAfterScopes = "onboarding.after-scopes"
    /// Onboarding: the overlay calendar exists; the account is not linked into the graph yet.
    case onboardingAfterOverlay = "onboarding.after-overlay"
    /// Onboarding: existing canonical events are projected into the account; no scope synced yet.
    case onboardingAfterProjection = "onboarding.after-projection"
    /// Onboarding: one scope's initial full sync is done and recorded.
    case onboardingAfterScopeSync = "onboarding.after-scope-sync"
    /// Onboarding: one scope's watch is open and recorded.
    case onboardingAfterScopeWatch = "onboarding.after-scope-watch"

    /// The part of the engine that reaches this point: `sync`, `write`, `reconcile`, `relay`,
    /// `push`, `cron` or `onboarding`.
    public var consumer: String { String(rawValue.prefix { $0 != "." }) }

    public static func < (a: CrashPoint, b: CrashPoint) -> Bool { a.rawValue < b.rawValue }
}

/// The process died at ``point``. Thrown by a ``CrashInjector``; after it the process is gone:
/// whoever runs the engine must discard the instance and start a new one on the same storage.
public struct ProcessCrash: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where it died (the first point reached after the decision to crash).
    public var point: CrashPoint

    /// Creates the error.
    public init(at point: CrashPoint) { self.point = point }

    public var description: String { "process crashed at \(point.rawValue)" }
}

/// The seam through which a simulation kills the engine inside a handler. The engine calls
/// ``reach(_:)`` at each ``CrashPoint`` and ``ensureAlive()`` before any durable effect that follows
/// a caught error; it never knows whether it is simulated.
///
/// Contract: once ``reach(_:)`` has thrown, the process is dead — every later ``reach(_:)`` and
/// ``ensureAlive()`` throws too, so a handler that caught the error still stops before its next
/// durable effect. Live mode uses ``NeverCrash``.
public protocol CrashInjector: Sendable {
    /// The engine is at `point`: returns, or throws to kill the process here.
    func reach(_ point: CrashPoint) throws(ProcessCrash)
    /// Throws if the process already died; never decides to crash.
    func ensureAlive() throws(ProcessCrash)
}

/// The live (and default) injector: the process never crashes on purpose.
public struct NeverCrash: CrashInjector {
    /// Creates the injector.
    public init() {}
    public func reach(_ point: CrashPoint) throws(ProcessCrash) {}
    public func ensureAlive() throws(ProcessCrash) {}
}

extension Error {
    /// True when this error is a simulated process death (the handler must not go on).
    public var isProcessCrash: Bool { self is ProcessCrash }
}
