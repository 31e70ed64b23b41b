import TMinusCore
import TMinusProviders

extension CalDAVServerState {
    /// `GET` of a resource: its stored (re-serialized) bytes and strong ETag; Xandikos answers
    /// 304 to `If-None-Match` with the current ETag, Radicale ignores it (10e).
    func get(_ request: HTTPRequest, path: String, now: Timestamp) -> HTTPResponse {
        guard let parts = split(path), let collection = collections[parts.collection], !collection.deleted,
            let resource = collection.resources[parts.name]
        else { return text(404, path: path, now: now) }
        var headers = dateHeaders(now)
        headers.add("ETag", resource.etag)
        if dialect.answersNotModified, request.headers["If-None-Match"]?.trimmingSpaces == resource.etag {
            return HTTPResponse(status: 304, headers: headers)
        }
        headers.add("Content-Type", "text/calendar; charset=utf-8")
        let body = request.method.uppercased() == "HEAD" ? [] : resource.bytes
        return HTTPResponse(status: 200, headers: headers, body: body)
    }

    /// `PUT` of a calendar object resource: preconditions (412), iCalendar validity (Radicale 400,
    /// Xandikos 412 `valid-calendar-data`), one component type without METHOD, UID uniqueness
    /// (`no-uid-conflict`, 409 / 412), then storage with a content ETag (201 / 204).
    mutating func put(_ request: HTTPRequest, path: String, now: Timestamp) -> HTTPResponse {
        guard let parts = split(path), let collection = collections[parts.collection], !collection.deleted else {
            return text(409, now: now)
        }
        let existing = collection.resources[parts.name]
        if let refusal = checkPreconditions(request.headers, current: existing?.etag, now: now) { return refusal }
        let calendar: ICalendarCalendar
        do {
            calendar = try CalDAVStoredData.validated(request.body, truncateText: configuration.truncatesUnescapedText)
        } catch {
            return invalidData(error.condition, now: now)
        }
        for uid in calendar.uids {
            if collection.member(holding: uid, except: parts.name) != nil {
                let description = dialect == .xandikos ? "UID already in use." : nil
                return self.error(
                    dialect.uidConflictStatus, [.noUIDConflict(href: nil)], description: description, now: now)
            }
        }
        if let existing, !existing.uids.isEmpty, Set(existing.uids) != Set(calendar.uids) {
            return self.error(dialect.uidConflictStatus, [.noUIDConflict(href: nil)], now: now)
        }
        let etag = store(calendar, name: parts.name, in: parts.collection, now: now)
        var headers = dateHeaders(now)
        if !streams.writes.chance(configuration.omitETagChance) { headers.add("ETag", etag) }
        if dialect == .xandikos { headers.add("Content-Type", "application/octet-stream") }
        return HTTPResponse(status: existing == nil ? 201 : 204, headers: headers)
    }

    /// Stores `calendar` as member `name`, appending to the change log only when the content
    /// changed (an identical PUT keeps ETag and token, as on Radicale); returns the ETag.
    @discardableResult
    mutating func store(_ calendar: ICalendarCalendar, name: String, in path: String, now: Timestamp) -> String {
        let bytes = calendar.bytes
        let etag = etag(for: bytes)
        let previous = collections[path]!.resources[name]
        guard previous?.etag != etag else { return etag }
        collections[path]!.store(
            CalDAVResourceRecord(
                name: name, calendar: calendar, bytes: bytes, etag: etag, created: previous?.created ?? now,
                modified: now))
        collections[path]!.log.append(name)
        return etag
    }

    /// Removes member `name` and logs the removal.
    mutating func removeMember(_ name: String, from path: String) {
        guard collections[path]!.remove(name) != nil else { return }
        collections[path]!.log.append(name)
    }

    /// `DELETE` of a resource (If-Match → 412, missing → 404; Radicale 200 with a multistatus,
    /// Xandikos 204) or of a whole calendar.
    mutating func delete(_ request: HTTPRequest, path: String, now: Timestamp) -> HTTPResponse {
        if let collection = collections[path], !collection.deleted {
            deleteCollection(path, now: now)
            return deleted(path, now: now)
        }
        guard let parts = split(path), let collection = collections[parts.collection], !collection.deleted,
            let resource = collection.resources[parts.name]
        else { return text(404, path: path, now: now) }
        if let refusal = checkPreconditions(request.headers, current: resource.etag, now: now) { return refusal }
        removeMember(parts.name, from: parts.collection)
        return deleted(path, now: now)
    }

    /// Marks a calendar deleted: its tokens die with it (a new epoch), requests to it answer 404.
    mutating func deleteCollection(_ path: String, now: Timestamp) {
        collections[path]!.deleted = true
        collections[path]!.epoch += 1
        trace.record(component: "caldav", event: "collection.deleted \(path)")
    }

    private func deleted(_ path: String, now: Timestamp) -> HTTPResponse {
        guard dialect == .radicale else { return text(204, now: now) }
        return xml(200, DAVMultistatus(responses: [DAVResponse(href: href(path), status: 200)]).element, now: now)
    }

    /// `MKCALENDAR` directly under the user's home: 201; an existing path 409
    /// `resource-must-be-null` (Radicale, probed); outside the home 409.
    mutating func mkcalendar(_ request: HTTPRequest, path: String, user: String, now: Timestamp) -> HTTPResponse {
        guard path.hasSuffix("/"), let owner = owner(of: path), let account = accounts[owner],
            path.hasPrefix(account.home), path != account.home,
            !path.dropFirst(account.home.count).dropLast().contains("/")
        else { return text(409, now: now) }
        if let existing = collections[path], !existing.deleted {
            return error(409, [.other(.dav("resource-must-be-null"))], now: now)
        }
        guard let body = try? DAVMkcalendar.parse(request.body) else { return text(400, now: now) }
        createCollection(path, owner: owner, displayName: body.displayName, components: body.components, now: now)
        return HTTPResponse(status: 201, headers: dateHeaders(now))
    }

    /// Creates (or recreates) a calendar collection.
    mutating func createCollection(
        _ path: String, owner: String, displayName: String?, components: [String], now: Timestamp
    ) {
        let epoch = (collections[path]?.epoch ?? -1) + 1
        var record = CalDAVCollectionRecord(
            path: path, owner: owner, displayName: displayName, components: components.map { $0.uppercased() },
            created: now)
        record.epoch = epoch
        collections[path] = record
    }

    /// 412 when `If-Match` names another version (or `*` with no resource) or `If-None-Match`
    /// names the current one (or `*` with a resource); nil when the write may proceed.
    private func checkPreconditions(_ headers: HTTPHeaders, current: String?, now: Timestamp) -> HTTPResponse? {
        if let ifMatch = headers["If-Match"]?.trimmingSpaces {
            let tags = ifMatch.split(separator: ",").map { String($0).trimmingSpaces }
            let holds = current.map { tag in tags.contains("*") || tags.contains(tag) } ?? false
            if !holds { return text(412, now: now) }
        }
        if let ifNoneMatch = headers["If-None-Match"]?.trimmingSpaces, let current {
            let tags = ifNoneMatch.split(separator: ",").map { String($0).trimmingSpaces }
            if tags.contains("*") || tags.contains(current) { return text(412, now: now) }
        }
        return nil
    }

    private func invalidData(_ condition: DAVName, now: Timestamp) -> HTTPResponse {
        dialect == .radicale ? text(400, now: now) : error(412, [.other(condition)], now: now)
    }
}
