/// A deliberately broken variant of the engine, used only to prove that the simulated world's
/// invariant checker catches realistic bugs (`tminus sim mutants`, `docs/seeded-defects.md`).
///
/// Each case names one realistic bug and, in its doc comment, the invariant that must catch it.
/// The code that breaks the engine exists only in a build with `-DTMINUS_SEEDED_DEFECTS`
/// (`scripts/mutants.sh`); in a normal build every case is inert and ``Defects/isActive(_:)``
/// returns false.
public enum SeededDefect: String, CaseIterable, Sendable {
    /// Classifies provider events by the mirror IDs we recorded only, ignoring our markers: a mirror
    /// seen before its row recorded the provider ID (a lost create response) is ingested as an
    /// origin and mirrored again. Caught by **E** (a canonical event originates from a mirror).
    case classifyByRecordedIDOnly = "classify-by-recorded-id-only"
    /// Never corrects drift: a mirror a human edited keeps the human's edit. Caught by **M**
    /// (mirror drifted from its projection).
    case dropDriftCorrection = "drop-drift-correction"
    /// Treats a mirror a human deleted as an echo: the row stays ACTIVE, nothing is tombstoned or
    /// recreated. Caught by **M** (an ACTIVE mirror missing at the provider).
    case ignoreHumanMirrorDeletes = "ignore-human-mirror-deletes"
    /// Creates mirrors with a fresh key on every attempt, so a retry after a lost response cannot
    /// adopt the event it already created. Caught by **D** (two mirrors of one event in an account).
    case nonIdempotentCreate = "non-idempotent-create"
    /// BUSY projections carry the origin's title. Caught by **H** (a title shown over a BUSY edge).
    case busyMirrorsCarryTitle = "busy-mirrors-carry-title"
    /// The reconcile's orphan sweep deletes every unrecorded event in a mirror calendar without
    /// checking our markers, including people's own events in the primary calendar. Caught by **G**.
    case sweepOrphansWithoutMarkerCheck = "sweep-orphans-without-marker-check"
    /// Deleting an origin leaves its mirrors in place (only policy changes delete mirrors).
    /// Caught by **M** (orphaned mirror).
    case keepMirrorsOfDeletedOrigins = "keep-mirrors-of-deleted-origins"
    /// An existing mirror row counts as done: origin edits are never written to the mirrors.
    /// Caught by **M** (mirror drifted from its projection).
    case neverUpdateExistingMirrors = "never-update-existing-mirrors"

    /// Projects an event into every target at the most detailed of its outgoing edges (the detail
    /// computed once per event instead of per edge): a BUSY target shows the title a TITLE edge
    /// allows elsewhere. Caught by **H**.
    case widestDetailForAllTargets = "widest-detail-for-all-targets"
    /// The writer gives up on the first failed write (a 503, a 429, a timeout): the mirror goes to
    /// ERROR instead of being retried, and stays missing or stale. Caught by **M**.
    case giveUpOnFailedWrites = "give-up-on-failed-writes"

    /// The Microsoft Graph adapter writes an all-day mirror's end date as inclusive (one day early),
    /// as Outlook shows it, instead of Graph's exclusive end. Caught by **M** (drifted or missing).
    case graphAllDayEndInclusive = "graph-all-day-end-inclusive"

    /// The Microsoft Graph adapter creates events without the deterministic `transactionId`, so a
    /// create retried after a lost response makes a second event. Caught by **D**.
    case graphCreateWithoutTransactionID = "graph-create-without-transaction-id"

    /// The Google adapter treats the 409 `duplicate` of a create retried after a lost response as a
    /// failure instead of adopting the event it already made: the mirror goes to ERROR while the
    /// event stays at Google, unrecorded. Caught by **M**.
    case googleDuplicateNotAdopted = "google-duplicate-not-adopted"

    /// The CalDAV adapter makes a fresh UID (and resource name) for every create attempt instead of
    /// deriving it from the mirror's identity, so `If-None-Match: *` never meets the first attempt's
    /// resource and a retry after a lost response makes a second event. Caught by **D**.
    case caldavFreshUIDPerAttempt = "caldav-fresh-uid-per-attempt"

    /// Ownership is decided by Google's `managed=true` tag alone, which other sync tools write too:
    /// their events (foreign managed, origins to us) are taken for our mirrors and never ingested.
    /// Caught by **A** (a foreign-managed event with no canonical event at quiescence).
    case classifyByOneMarker = "classify-by-one-marker"

    /// An origin update is saved copy-on-write under a freshly minted ID (the mirror rows are moved
    /// along, the mirrors' markers at the providers still name the old one), so the origin's
    /// canonical event gets a new ID on every edit. Caught by **B** (one origin, one ID for life).
    case remintCanonicalIDOnUpdate = "remint-canonical-id-on-update"

    /// The projected-hash check is skipped for ACTIVE mirrors, so an origin change that leaves a
    /// projection unchanged (a title edit under a BUSY edge) rewrites every mirror with the same
    /// content. Caught by **C** (a write repeats content already acknowledged).
    case rewriteEqualProjections = "rewrite-equal-projections"

    /// The origin-delete path forgets its journal entry. Caught by **I** (a canonical change
    /// without a journal entry).
    case journalSkipsOriginDeletes = "journal-skips-origin-deletes"

    /// The drift check compares the echo of our own write with the wrong thing, so every echo looks
    /// like a human edit and is rewritten: the ping-pong loop of mirrors in synced calendars.
    /// Caught by **J** (writes for one change beyond 1 + retries).
    case everyEchoIsDrift = "every-echo-is-drift"

    /// A rate-limited write is retried at once, with neither backoff nor the provider's
    /// `Retry-After`. Caught by **K** (the same request again before its Retry-After ended).
    case retryWithoutBackoff = "retry-without-backoff"

    /// The message loop acknowledges each message when it receives it, before its effects are
    /// committed: a write that fails (a timeout, a 503) is lost and its mirror row waits forever.
    /// Caught by **L** (a waiting mirror row with no queued command).
    case ackBeforeCommit = "ack-before-commit"

    /// A provider's change to a field T-Minus owns (a human edited, in Google or Outlook, an event
    /// the user created through T-Minus) is applied and the field's authority handed over, but the
    /// `field_override` conflict is never journaled. Caught by **F** (authority changed without a
    /// `field_override`).
    case silentFieldOverride = "silent-field-override"

    /// An origin update whose only changes are its start and end (a meeting moved at its provider)
    /// is counted unchanged: the change check looks at every field but the times. The canonical
    /// event and every mirror keep the old time, each mirror equal to its projection. Caught by
    /// **M** (a canonical event with a stale start or end).
    case originMovesLookUnchanged = "origin-moves-look-unchanged"

    /// The invariant the checker must report for this defect.
    public var expectedInvariant: String {
        switch self {
        case .classifyByRecordedIDOnly: return "E"
        case .classifyByOneMarker: return "A"
        case .remintCanonicalIDOnUpdate: return "B"
        case .rewriteEqualProjections: return "C"
        case .journalSkipsOriginDeletes: return "I"
        case .everyEchoIsDrift: return "J"
        case .retryWithoutBackoff: return "K"
        case .ackBeforeCommit: return "L"
        case .silentFieldOverride: return "F"
        case .nonIdempotentCreate, .graphCreateWithoutTransactionID, .caldavFreshUIDPerAttempt: return "D"
        case .busyMirrorsCarryTitle, .widestDetailForAllTargets: return "H"
        case .sweepOrphansWithoutMarkerCheck: return "G"
        case .dropDriftCorrection, .ignoreHumanMirrorDeletes, .keepMirrorsOfDeletedOrigins,
            .neverUpdateExistingMirrors, .giveUpOnFailedWrites,
            .graphAllDayEndInclusive, .googleDuplicateNotAdopted, .originMovesLookUnchanged:
            return "M"
        }
    }
}
