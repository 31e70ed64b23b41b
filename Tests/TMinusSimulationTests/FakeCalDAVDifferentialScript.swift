import TMinusCore
import TMinusProviders
import TMinusSimulation

/// The operations of the differential suite, each turned into one line of observable result that
/// carries no server-specific token or ETag text (kinds, statuses, IDs, titles, instants). Run on
/// the fake and on a real Radicale, the two lists must be equal.
///
/// Covered: discovery, an idempotent create, update with the current and with a stale ETag, a
/// raw client's create / conditional rewrite / conditional delete, sync after changes, sync with
/// an invalid token, a recurring event with an override and an excluded date, unicode text with
/// escapes across folded lines, a UID conflict, Radicale's unescaped-comma truncation, deletes.
enum CalDAVDifferentialScript {
    static let calendarName = "T-Minus differential ✓"
    static let window = ListingWindow(
        start: Timestamp(secondsSinceEpoch: 1_772_323_200), end: Timestamp(secondsSinceEpoch: 1_777_593_600))
    static let unicodeTitle =
        "Réunion d’équipe — 会議室 Ω, with commas; semicolons \\ backslashes and a long tail that must be folded: "
        + String(repeating: "ünïcødé ", count: 12)
    static let unicodeDescription = "Line one\nLine two — 🚀 rocket, “quotes”; done"

    /// What Radicale 3.9.0 answered, as recorded (caldav-servers.md) and re-run live.
    static let recordedRadicale: [String] = [
        "home: /test/",
        "overlay: created=true",
        "create: created strongETag=true",
        "create again: adopted sameVersion=true",
        "read: title=Busy start=2026-03-02T10:00:00.000Z managed=true",
        "update: versionChanged=true",
        "update stale: preconditionFailed 412",
        "full: [tminus-omdv03rgeibq80jlhgj81dcssr57ntpp]",
        "raw put: 201 etag=true",
        "raw put again: 412",
        "raw identical put: 204 sameETag=true",
        "changes: upserts=[lunch-1@example.org] deletions=[]",
        "uid conflict: 409 no-uid-conflict",
        "raw delete stale: 412",
        "raw delete: 200",
        "changes: upserts=[] deletions=[lunch-1@example.org]",
        "invalid token: cursorInvalid 403 valid-sync-token",
        "recurring: ids=[20260303T080000Z,20260310T080000Z,20260317T080000Z,20260331T070000Z,20260407T070000Z]",
        "override: title=Weekly sync (moved) start=2026-03-17T09:00:00.000Z original=2026-03-17T08:00:00.000Z",
        "exdate: deletions=[weekly-1@example.org#20260310T080000Z] upserts=4",
        "unicode: titleSame=true descriptionSame=true listedSame=true",
        "unicode stored: linesWithin75Octets=true",
        "unescaped comma: stored summary=U",
        "delete stale: preconditionFailed 412",
        "delete: deleted",
        "delete again: alreadyGone",
        "update missing: notFound 412",
        "series removed: deletions=4",
    ]

    /// Runs every step on `target`, in order, and returns one line per step.
    static func run(on target: CalDAVTarget) async -> [String] {
        var log = DifferentialLog()
        let provider = target.provider
        await log.step("home") { () async throws(ProviderError) in "\(try await provider.calendarHome())" }
        await removeLeftovers(target)
        var calendar = ""
        await log.step("overlay") { () async throws(ProviderError) in
            let overlay = try await provider.findOrCreateOverlayCalendar(named: calendarName)
            calendar = overlay.calendar.id
            return "created=\(overlay.created)"
        }
        var mirror = EventAddress(calendarID: calendar, eventID: "")
        await mirrorSteps(provider, calendar: calendar, mirror: &mirror, log: &log)
        var cursor = SyncCursor("")
        await log.step("full") { () async throws(ProviderError) in
            let listing = try await provider.fullListing(calendarID: calendar, window: window)
            cursor = listing.cursor
            return "[" + listing.records.map(\.delta.providerEventID).sorted().joined(separator: ",") + "]"
        }
        await rawClientSteps(target, calendar: calendar, cursor: &cursor, log: &log)
        await recurrenceSteps(target, calendar: calendar, cursor: &cursor, log: &log)
        await unicodeSteps(target, calendar: calendar, log: &log)
        await deleteSteps(provider, mirror: mirror, log: &log)
        await log.step("series removed") { () async throws(ProviderError) in
            _ = await target.raw("DELETE", calendar + "weekly.ics")
            let changes = try await provider.changes(calendarID: calendar, since: cursor)
            let series = changes.records.filter { $0.isDeletion && $0.delta.providerEventID.hasPrefix("weekly-1@") }
            return "deletions=\(series.count)"
        }
        _ = await target.raw("DELETE", calendar)
        return log.lines
    }

    /// Deletes collections named like ours that an earlier run left on a real server.
    static func removeLeftovers(_ target: CalDAVTarget) async {
        guard let calendars = try? await target.provider.listCalendars() else { return }
        for calendar in calendars where calendar.name == calendarName { _ = await target.raw("DELETE", calendar.id) }
    }
}

/// The observation lines of one run.
struct DifferentialLog {
    private(set) var lines: [String] = []

    /// Runs one step; a thrown provider error becomes the observation.
    mutating func step(_ label: String, _ body: () async throws(ProviderError) -> String) async {
        do {
            lines.append("\(label): " + (try await body()))
        } catch {
            let status = error.context.status.map { " \($0)" } ?? ""
            let reason = error.context.reason.map { " \($0)" } ?? ""
            lines.append("\(label): \(error.kind)\(status)\(reason)")
        }
    }

    /// Records a line computed without provider calls.
    mutating func note(_ label: String, _ text: String) { lines.append("\(label): \(text)") }
}
