/// Every fault a scenario can inject (`faults[].kind`), the whole catalogue of `simulation.md`, in
/// one enum ordered by severity (style rule 18): from a slow link the engine barely notices to a
/// revoked grant that needs the user.
///
/// Each kind documents its recovery expectation (what the engine must do so that the scenario's
/// invariants still hold and it converges after the fault stops), where it acts (``category``),
/// how it is timed (a window with a probability, or one instant), which targets and parameters it
/// takes. Validation of `faults[]` and the documentation table are generated from this catalogue
/// (`FaultKind+Catalogue.swift`), so adding a kind means adding one case and one entry there.
public enum FaultKind: Int, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case latency = 0
    case pushDelay
    case pushDuplication
    case pushReorder
    case connectionReset
    case timeoutBeforeApply
    case truncatedBody
    case malformedBody
    case serverErrors
    case rateLimit
    case eventualConsistency
    case paginationChange
    case duplicateDelivery
    case queueRedelivery
    case preconditionFailure
    case accessTokenExpiry
    case staleSyncToken
    case recurringInstanceEdit
    case eventMove
    case mirrorEdit
    case timeoutAfterApply
    case pushLoss
    case forgedNotification
    case channelExpiry
    case deadChannel
    case clockSkew
    case clockJump
    case mirrorDeletion
    case overlayCalendarDeletion
    case quotaExhausted
    case crash
    case tokenRevocation

    /// Where a fault acts.
    public enum Category: String, Sendable, CaseIterable {
        /// The simulated network between the engine and a provider.
        case transport
        /// A fake provider's protocol answers.
        case provider
        /// Push notifications from a provider to our webhook.
        case push
        /// The engine's own processes, queues and clocks.
        case engine
        /// People using their calendars at the providers.
        case human
    }

    /// How a fault is placed in time.
    public enum Timing: String, Sendable {
        /// Active during `window` (default: the whole run), firing with `probability` (default 1).
        case window
        /// Happens once, `at` an instant.
        case instant
        /// Either of the two.
        case windowOrInstant = "window-or-instant"
    }

    public static func < (a: FaultKind, b: FaultKind) -> Bool { a.rawValue < b.rawValue }

    /// The name used in scenario files and traces, e.g. `timeout-after-apply`.
    public var description: String { entry.name }

    /// The kind called `name` in scenario files, or nil.
    public init?(name: String) {
        guard let index = FaultKind.catalogue.firstIndex(where: { $0.name == name }) else { return nil }
        self.init(rawValue: index)
    }

    /// Every name, in severity order (for "did you mean" and documentation).
    public static var names: [String] { allCases.map(\.description) }

    /// Where the fault acts.
    public var category: Category { entry.category }

    /// How it is timed.
    public var timing: Timing { entry.timing }

    /// What the engine must do to recover; every scenario using the kind relies on it.
    public var recovery: String { entry.recovery }

    /// The parameters the kind accepts.
    public var parameters: [FaultParameter] { entry.parameters }

    /// The parameters the kind needs (for `clock-skew`: at least one of `offset` and `driftPPM`,
    /// which ``requiresOneOf`` states instead).
    public var requiredParameters: [FaultParameter] { entry.required }

    /// Parameters of which at least one must be given.
    public var requiresOneOf: [FaultParameter] { entry.oneOf }

    /// The target fields the kind accepts.
    public var targets: [FaultTarget.Field] { entry.targets }

    /// The target fields the kind needs.
    public var requiredTargets: [FaultTarget.Field] { entry.requiredTargets }

    /// The kinds injected at a provider's wire or fake as a whole (hosts, paths, cursors, quota):
    /// an `account` target narrows them to that account's provider, not to the account.
    static let providerWide: Set<FaultKind> = [
        .latency, .pushDelay, .pushDuplication, .pushReorder, .pushLoss, .connectionReset, .timeoutBeforeApply,
        .timeoutAfterApply, .truncatedBody, .malformedBody, .duplicateDelivery, .serverErrors, .rateLimit,
        .eventualConsistency, .paginationChange, .preconditionFailure, .accessTokenExpiry, .staleSyncToken,
        .quotaExhausted,
    ]

    /// The HTTP statuses a `status` parameter may take, when the kind accepts one.
    public var allowedStatuses: [Int] {
        switch self {
        case .serverErrors: [500, 502, 503, 504]
        case .rateLimit: [429, 403]
        default: []
        }
    }

    /// The components a `component` target may name: for `queue-redelivery` only those that
    /// acknowledge queue messages, for every other kind any of them.
    public var allowedComponents: [ScenarioComponent] {
        switch self {
        case .queueRedelivery: [.process, .syncConsumer, .writeConsumer, .reconcileConsumer]
        default: ScenarioComponent.allCases
        }
    }

    var entry: FaultCatalogueEntry { FaultKind.catalogue[rawValue] }
}

/// A kind-specific setting of a fault (`faults[].latency`, `faults[].by`, …).
public enum FaultParameter: String, Hashable, Sendable, CaseIterable, Comparable {
    /// A latency range (`{"min": "PT0.02S", "max": "PT2S"}` or one duration).
    case latency
    /// A delay range (push delay, eventual-consistency lag, reorder hold-back).
    case delay
    /// The `Retry-After` range a rate limit or 5xx carries; absent: no `Retry-After` header.
    case retryAfter
    /// The HTTP status to answer with (see ``FaultKind/allowedStatuses``).
    case status
    /// A signed clock offset (clock skew).
    case offset
    /// Clock drift in parts per million, signed (clock skew).
    case driftPPM
    /// A signed clock step (clock jump).
    case by
    /// Where a crash strikes (``CrashSite``): between the world's steps or inside a handler.
    case site = "where"

    public static func < (a: FaultParameter, b: FaultParameter) -> Bool { a.rawValue < b.rawValue }
}
