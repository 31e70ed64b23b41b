import TMinusCore
import TMinusSQLite

/// How far an account's onboarding (flow C) got: the steps finished, and the steps that failed
/// with their last error. Steps are named by the engine (`scopes`, `overlay`, `projection`,
/// `sync:<calendar>`, `watch:<calendar>`, `complete`).
public struct OnboardingProgress: Hashable, Sendable {
    /// Steps finished, for good.
    public var done: Set<String> = []
    /// Steps whose last attempt failed, with the error; cleared when the step succeeds.
    public var failures: [String: String] = [:]

    /// Nothing done yet.
    public init() {}

    /// True once the workflow recorded its last step.
    public var isComplete: Bool { done.contains(OnboardingProgress.complete) }

    /// The name of the final step.
    public static let complete = "complete"
}

extension AccountStore {
    private static let prefix = "onboarding/"

    /// The account's onboarding progress (empty before onboarding starts).
    public func onboardingProgress() throws(StoreError) -> OnboardingProgress {
        try read {
            var progress = OnboardingProgress()
            for row in try db.query(
                "SELECT key, value FROM account_metadata WHERE key LIKE 'onboarding/%' ORDER BY key")
            {
                let step = String((try row.get("key", as: String.self)).dropFirst(Self.prefix.count))
                let value: String = try row.get("value")
                if value == "done" {
                    progress.done.insert(step)
                } else {
                    progress.failures[step] = String(value.dropFirst("failed:".count))
                }
            }
            return progress
        }
    }

    /// Records that `step` finished (`error` nil) or failed with `error`.
    public func recordOnboardingStep(_ step: String, error: String? = nil) throws(StoreError) {
        try write {
            try db.execute(
                "INSERT OR REPLACE INTO account_metadata VALUES (?, ?)",
                [.text(Self.prefix + step), .text(error.map { "failed:" + $0 } ?? "done")])
        }
    }

    /// Forgets every step (a relinked account onboards again from the start) and records the
    /// calendars the user chose besides the primary (nil: the primary only), so that an onboarding
    /// resumed after a crash or a failed listing syncs the same calendars.
    public func resetOnboarding(chosenCalendars: [String]? = nil) throws(StoreError) {
        try write {
            try db.execute("DELETE FROM account_metadata WHERE key LIKE 'onboarding/%'")
            try db.execute("DELETE FROM account_metadata WHERE key = ?", [.text(Self.chosenKey)])
            if let chosenCalendars {
                try db.execute(
                    "INSERT INTO account_metadata VALUES (?, ?)",
                    [.text(Self.chosenKey), .text(chosenCalendars.joined(separator: "\n"))])
            }
        }
    }

    /// The calendars chosen at the last link (see ``resetOnboarding(chosenCalendars:)``), or nil.
    public func chosenCalendars() throws(StoreError) -> [String]? {
        try read {
            try db.scalar("SELECT value FROM account_metadata WHERE key = ?", [.text(Self.chosenKey)], as: String.self)
                .map { $0.split(separator: "\n").map(String.init) }
        }
    }

    private static let chosenKey = "link/chosen-calendars"
}
