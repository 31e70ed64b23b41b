public import TMinusCore

/// One scripted action of a scenario (`steps[]`), at an offset from the start.
///
/// Steps run in the order of their offsets (file order among equal offsets), alongside any
/// generated workload. Events are named by a scenario-local label (`"event": "standup"`) given when
/// a `create-event` step creates them; later steps refer to that label, and validation checks that
/// the label exists and was created earlier.
public struct ScenarioStep: Hashable, Sendable {
    /// When the step runs, as an offset from the scenario's start.
    public var at: Duration
    /// What it does.
    public var action: ScenarioAction

    /// Creates a step.
    public init(at: Duration, action: ScenarioAction) {
        self.at = at
        self.action = action
    }
}

/// What a scripted step does. Every case names its JSON `action` in its documentation.
public enum ScenarioAction: Hashable, Sendable {
    /// `create-event`: a human creates an origin event at the account's provider.
    case createEvent(ScenarioEventSpec)
    /// `edit-event`: a human edits an event they created (time, title, description, location).
    case editEvent(event: String, changes: ScenarioEventChanges)
    /// `delete-event`: a human deletes an event (a whole series for a recurring one).
    case deleteEvent(event: String)
    /// `move-event`: a human moves an event to another calendar of the same account (0-based).
    case moveEvent(event: String, toCalendar: Int)
    /// `edit-occurrence`: a human edits one occurrence (0-based) of a recurring series.
    case editOccurrence(event: String, occurrence: Int, changes: ScenarioEventChanges)
    /// `cancel-occurrence`: a human deletes one occurrence (0-based) of a recurring series.
    case cancelOccurrence(event: String, occurrence: Int)
    /// `edit-mirror`: a human edits T-Minus's mirror of `event` in `account`.
    case editMirror(event: String, account: String)
    /// `delete-mirror`: a human deletes T-Minus's mirror of `event` in `account`.
    case deleteMirror(event: String, account: String)
    /// `delete-overlay-calendar`: a human deletes the "External Busy" overlay calendar of `account`.
    case deleteOverlayCalendar(account: String)
    /// `link-account`: the user links an account declared with `"linked": false` (or re-links one).
    case linkAccount(account: String)
    /// `unlink-account`: the user unlinks an account; its mirrors elsewhere are removed.
    case unlinkAccount(account: String)
    /// `set-policy-edge`: add an edge or change its detail level or calendar kind.
    case setPolicyEdge(PolicyEdge)
    /// `remove-policy-edge`: remove the edge `from` → `to`.
    case removePolicyEdge(from: String, to: String)
    /// `revoke-token`: the user revokes T-Minus's grant at the provider (`invalid_grant`).
    case revokeToken(account: String)
    /// `reauthorize`: the user consents again after a revocation.
    case reauthorize(account: String)
    /// `reconcile-now`: run reconcile for one account, or for every account when nil.
    case reconcileNow(account: String?)
    /// `create-through-tminus`: the user creates an event in the account through T-Minus (flow B
    /// write-through): the engine creates it at the provider; it is the account's origin, and its
    /// fields are T-Minus's until a human edits them there (invariant F). No recurrence.
    case createThroughTMinus(ScenarioEventSpec)
    /// `edit-through-tminus`: the user changes, through T-Minus, an event a `create-through-tminus`
    /// step made; the engine writes the change to its provider.
    case editThroughTMinus(event: String, changes: ScenarioEventChanges)
    /// `delete-through-tminus`: the user deletes, through T-Minus, an event a `create-through-tminus`
    /// step made; the engine deletes it at its provider.
    case deleteThroughTMinus(event: String)
    /// `lifecycle-notification`: Microsoft Graph sends a lifecycle event (`lifecycle`:
    /// `reauthorizationRequired`, `missed` or `subscriptionRemoved`) for every live subscription of
    /// a Microsoft account.
    case lifecycleNotification(account: String, event: GraphLifecycleEvent)

    /// The JSON `action` names, in documentation order.
    public static let names = [
        "create-event", "edit-event", "delete-event", "move-event", "edit-occurrence", "cancel-occurrence",
        "edit-mirror", "delete-mirror", "delete-overlay-calendar", "link-account", "unlink-account",
        "set-policy-edge", "remove-policy-edge", "revoke-token", "reauthorize", "reconcile-now",
        "lifecycle-notification", "create-through-tminus", "edit-through-tminus", "delete-through-tminus",
    ]

    /// This action's JSON name.
    public var name: String {
        switch self {
        case .createEvent: "create-event"
        case .editEvent: "edit-event"
        case .deleteEvent: "delete-event"
        case .moveEvent: "move-event"
        case .editOccurrence: "edit-occurrence"
        case .cancelOccurrence: "cancel-occurrence"
        case .editMirror: "edit-mirror"
        case .deleteMirror: "delete-mirror"
        case .deleteOverlayCalendar: "delete-overlay-calendar"
        case .linkAccount: "link-account"
        case .unlinkAccount: "unlink-account"
        case .setPolicyEdge: "set-policy-edge"
        case .removePolicyEdge: "remove-policy-edge"
        case .revokeToken: "revoke-token"
        case .reauthorize: "reauthorize"
        case .reconcileNow: "reconcile-now"
        case .lifecycleNotification: "lifecycle-notification"
        case .createThroughTMinus: "create-through-tminus"
        case .editThroughTMinus: "edit-through-tminus"
        case .deleteThroughTMinus: "delete-through-tminus"
        }
    }
}

/// The event a `create-event` step makes.
public struct ScenarioEventSpec: Hashable, Sendable {
    /// The scenario-local label later steps use.
    public var label: String
    /// The account whose human creates it.
    public var account: String
    /// Which of the account's calendars (0-based; 0 is the primary).
    public var calendar: Int
    /// The title.
    public var title: String
    /// Start: a timed instant with the account's zone, or an all-day date.
    public var start: EventDateTime
    /// End (exclusive for all-day dates).
    public var end: EventDateTime
    /// An RRULE (without the `RRULE:` prefix), for a recurring series.
    public var recurrence: String?
    /// Optional description and location (they only reach FULL mirrors).
    public var description: String?
    public var location: String?

    /// Creates an event specification.
    public init(
        label: String, account: String, calendar: Int = 0, title: String, start: EventDateTime, end: EventDateTime,
        recurrence: String? = nil, description: String? = nil, location: String? = nil
    ) {
        self.label = label
        self.account = account
        self.calendar = calendar
        self.title = title
        self.start = start
        self.end = end
        self.recurrence = recurrence
        self.description = description
        self.location = location
    }
}

/// The fields an `edit-event` or `edit-occurrence` step changes; nil fields stay as they are.
public struct ScenarioEventChanges: Hashable, Sendable {
    public var title: String?
    public var start: EventDateTime?
    public var end: EventDateTime?
    public var description: String?
    public var location: String?

    /// Creates a change set.
    public init(
        title: String? = nil, start: EventDateTime? = nil, end: EventDateTime? = nil, description: String? = nil,
        location: String? = nil
    ) {
        self.title = title
        self.start = start
        self.end = end
        self.description = description
        self.location = location
    }

    /// Whether nothing changes.
    public var isEmpty: Bool { title == nil && start == nil && end == nil && description == nil && location == nil }
}
