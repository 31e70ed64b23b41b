/// One row of the fault catalogue: everything validation and documentation need about a kind.
struct FaultCatalogueEntry: Sendable {
    let name: String
    let category: FaultKind.Category
    let timing: FaultKind.Timing
    let parameters: [FaultParameter]
    let required: [FaultParameter]
    let oneOf: [FaultParameter]
    let targets: [FaultTarget.Field]
    let requiredTargets: [FaultTarget.Field]
    let recovery: String

    init(
        _ name: String, _ category: FaultKind.Category, _ timing: FaultKind.Timing,
        parameters: [FaultParameter] = [], required: [FaultParameter] = [], oneOf: [FaultParameter] = [],
        targets: [FaultTarget.Field] = [.provider, .account], requiredTargets: [FaultTarget.Field] = [],
        recovery: String
    ) {
        self.name = name
        self.category = category
        self.timing = timing
        self.parameters = parameters
        self.required = required
        self.oneOf = oneOf
        self.targets = targets
        self.requiredTargets = requiredTargets
        self.recovery = recovery
    }
}

extension FaultKind {
    /// The catalogue, indexed by raw value (so in severity order). `FaultKindTests` checks that it
    /// has one entry per case and that names are unique.
    static let catalogue: [FaultCatalogueEntry] = transportAndProvider + pushEngineAndHumans

    private static let transportAndProvider: [FaultCatalogueEntry] = [
        .init(
            "latency", .transport, .window, parameters: [.latency], required: [.latency],
            recovery: "None needed: requests are slower; client timeouts above the deadline are retried."),
        .init(
            "push-delay", .push, .window, parameters: [.delay], required: [.delay],
            recovery: "Changes arrive later; nothing is lost, convergence is only delayed."),
        .init(
            "push-duplication", .push, .window,
            recovery: "A notification only triggers an incremental sync, so a duplicate costs one extra listing."),
        .init(
            "push-reorder", .push, .window, parameters: [.delay],
            recovery: "Order of notifications carries no meaning: each one syncs from the stored cursor."),
        .init(
            "connection-reset", .transport, .window,
            recovery: "Nothing was applied: retry with backoff."),
        .init(
            "timeout-before-apply", .transport, .window,
            recovery: "Nothing was applied, but the client cannot know: retry idempotently."),
        .init(
            "truncated-body", .transport, .window,
            recovery: "The parser reports a malformed response (never a partial success): retry the request."),
        .init(
            "malformed-body", .transport, .window,
            recovery: "As for a truncated body: a typed parse error and a retry, never a crash."),
        .init(
            "server-errors", .provider, .window, parameters: [.status, .retryAfter],
            recovery: "5xx bursts: back off exponentially with jitter and retry; honour Retry-After when present."),
        .init(
            "rate-limit", .provider, .window, parameters: [.status, .retryAfter],
            recovery: "429/403 rate limits: back off, honour Retry-After, stay within the quota (invariant K)."),
        .init(
            "eventual-consistency", .provider, .window, parameters: [.delay], required: [.delay],
            recovery: "A write is not yet visible to list/delta: never treat its absence as a deletion (G)."),
        .init(
            "pagination-change", .provider, .window,
            recovery: "Short, empty or replayed pages during a full sync: follow page tokens to the end, dedupe."),
        .init(
            "duplicate-delivery", .transport, .window,
            recovery: "The provider saw the request twice: id-keyed writes answer 409 and the engine adopts (D)."),
        .init(
            "queue-redelivery", .engine, .window, targets: [.component],
            recovery: "A message is delivered again: handlers are idempotent, no second write (D, L)."),
        .init(
            "precondition-failure", .provider, .window,
            recovery: "412 from a concurrent edit: re-read the event, recompute, write again if still needed."),
        .init(
            "access-token-expiry", .provider, .windowOrInstant,
            recovery: "401: refresh the access token once (single-flight) and retry; no user involvement."),
        .init(
            "stale-sync-token", .provider, .windowOrInstant,
            recovery: "410 / invalid sync-token: discard the cursor, run a full sync that deletes nothing on absence."),
    ]

    private static let pushEngineAndHumans: [FaultCatalogueEntry] = [
        .init(
            "recurring-instance-edit", .human, .windowOrInstant, targets: [.account],
            recovery: "An edited or cancelled occurrence becomes an exception; mirrors follow it."),
        .init(
            "event-move", .human, .windowOrInstant, targets: [.account],
            recovery: "An event moved between calendars keeps one canonical event and its mirrors (B)."),
        .init(
            "mirror-edit", .human, .windowOrInstant, targets: [.account],
            recovery: "A human edit of a mirror is not a new origin (E): the mirror is corrected to the projection."),
        .init(
            "timeout-after-apply", .transport, .window,
            recovery: "The provider applied the write but the response was lost: the retry must not duplicate (D)."),
        .init(
            "push-loss", .push, .window,
            recovery: "Lost notifications are caught by polling and the daily reconcile (M within the deadline)."),
        .init(
            "forged-notification", .push, .window,
            recovery: "A notification with a wrong channel token or clientState is refused and changes nothing."),
        .init(
            "channel-expiry", .push, .instant,
            recovery: "A channel expires without renewal: cron renews or recreates it; polling covers the gap."),
        .init(
            "dead-channel", .push, .windowOrInstant,
            recovery:
                "A channel silently stops delivering: polling and reconcile find the changes, the channel is renewed."),
        .init(
            "clock-skew", .engine, .window, parameters: [.offset, .driftPPM], oneOf: [.offset, .driftPPM],
            targets: [.provider, .component], requiredTargets: [],
            recovery: "Clocks disagree: compare provider stamps only with provider stamps, never with our clock."),
        .init(
            "clock-jump", .engine, .instant, parameters: [.by], required: [.by],
            targets: [.provider, .component],
            recovery: "A clock steps: timers and leases tolerate it; nothing is expired or repeated by mistake."),
        .init(
            "mirror-deletion", .human, .windowOrInstant, targets: [.account],
            recovery: "A human deleted a mirror: tombstone it and do not recreate it unless asked."),
        .init(
            "overlay-calendar-deletion", .human, .windowOrInstant, targets: [.account],
            recovery: "The overlay calendar was deleted: recreate it and re-project its mirrors at reconcile."),
        .init(
            "quota-exhausted", .provider, .instant,
            recovery: "Daily quota spent: stop calling the provider until the reset, then resume; no tight retry loop."),
        .init(
            "crash", .engine, .windowOrInstant, parameters: [.site], targets: [.component],
            requiredTargets: [.component],
            recovery:
                "A consumer or the whole process dies (between steps, or inside a handler at a crash point): durable "
                + "state survives, nothing acknowledged is lost, nothing is done twice (D, L, M)."),
        .init(
            "token-revocation", .provider, .instant, targets: [.account], requiredTargets: [.account],
            recovery: "invalid_grant: mark the account for re-link, stop its writes, keep every user event (G)."),
    ]
}
