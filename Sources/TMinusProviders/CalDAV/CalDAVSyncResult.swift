/// What a listing's requests reported for one collection, merged in order: changed members (a
/// later answer wins for the same name) and removed names, the token, and how many answers
/// were read. Lookups are by name, so merging thousands of members stays linear.
struct CalDAVSyncResult {
    private(set) var changed: [CalDAVSyncPage.Change] = []
    private(set) var removed: [String] = []
    var token = ""
    var rounds = 0
    private var changedIndex: [String: Int] = [:]
    private var removedNames: Set<String> = []

    /// The live changes, in order of first report.
    var changes: [CalDAVSyncPage.Change] { changed.filter { changedIndex[$0.name] != nil } }

    mutating func apply(_ page: CalDAVSyncPage) {
        for name in page.removals { remove(name) }
        for change in page.changes { record(change) }
        token = page.syncToken
    }

    mutating func remove(_ name: String) {
        if let index = changedIndex.removeValue(forKey: name) { changed[index].name = "" }
        if removedNames.insert(name).inserted { removed.append(name) }
    }

    mutating func record(_ change: CalDAVSyncPage.Change) {
        if removedNames.remove(change.name) != nil { removed.removeAll { $0 == change.name } }
        if let index = changedIndex[change.name] {
            changed[index] = change
        } else {
            changedIndex[change.name] = changed.count
            changed.append(change)
        }
    }

    /// Fills in a body fetched later (and its ETag when the answer carried one).
    mutating func fill(_ name: String, calendarData: String, etag: String?) {
        guard let index = changedIndex[name] else { return }
        changed[index].calendarData = calendarData
        if let etag { changed[index].etag = etag }
    }
}
