import TMinusCore
import TMinusProviders

extension CalDAVServerState {
    /// `REPORT` on a calendar: sync-collection, calendar-multiget or calendar-query.
    mutating func report(_ request: HTTPRequest, path: String, now: Timestamp) -> HTTPResponse {
        guard let collection = collections[path], !collection.deleted else { return text(404, path: path, now: now) }
        guard let root = reportBodies.document(request.body) else { return text(400, now: now) }
        switch root.name {
        case .syncCollection: return syncCollection(root, path: path, now: now)
        case .calendarMultiget: return multiget(root, path: path, now: now)
        case .calendarQuery: return calendarQuery(root, path: path, now: now)
        default: return error(403, [.other(.dav("supported-report"))], now: now)
        }
    }

    /// RFC 6578 sync-collection with the dialect's differences (token status, calendar data,
    /// `DAV:limit`, order, token position) and the configured faults (rows 40–42, 48).
    private mutating func syncCollection(_ root: DAVElement, path: String, now: Timestamp) -> HTTPResponse {
        let query: DAVSyncCollection
        do {
            query = try DAVSyncCollection.parse(root: root)
        } catch {
            return text(400, now: now)
        }
        var from: UInt64 = 0
        if let token = query.syncToken {
            guard let position = redeem(token, in: path, now: now) else {
                let description = dialect == .xandikos ? "Requested sync token \(token) is invalid" : nil
                return error(dialect.invalidSyncTokenStatus, [.validSyncToken], description: description, now: now)
            }
            from = position
        }
        if query.limit != nil, configuration.rejectsSyncLimit {
            return error(507, [.numberOfMatchesWithinLimits], now: now)
        }
        let collection = collections[path]!
        var names = collection.log.keys(changedAfter: from)
        if from == 0 { names = names.filter { collection.resources[$0] != nil } }
        var tokenPosition = collection.log.head
        var truncated = false
        if let limit = configuration.syncTruncation, names.count > limit {
            names = Array(names.prefix(limit))
            tokenPosition = collection.log.lastPosition(of: names[limit - 1]) ?? tokenPosition
            truncated = true
        } else if let limit = query.limit, dialect.honoursSyncLimit, names.count > limit {
            names = Array(names.prefix(limit))  // Xandikos: obeyed, unmarked, final token (6c).
        }
        var changed: [DAVResponse] = []
        var removed: [DAVResponse] = []
        for name in names {
            if let resource = collection.resources[name] {
                changed.append(member(resource, in: path, properties: query.properties, inSync: true))
            } else {
                removed.append(DAVResponse(href: href(path + name), status: 404))
            }
        }
        var responses = dialect.removalsFirst ? removed + changed : changed + removed
        if configuration.listsCollectionInSync, from != 0 {
            responses.insert(
                DAVResponse(
                    href: href(path),
                    propstats: [DAVPropstat(status: 200, properties: [DAVElement(.getETag, text: ctag(path))])]),
                at: 0)
        }
        if truncated {
            responses.append(
                DAVResponse(
                    href: href(path), status: 507, error: DAVErrorBody(conditions: [.numberOfMatchesWithinLimits])))
        }
        let token = self.token(path, position: tokenPosition, now: now)
        return xml(207, ordered(DAVMultistatus(responses: responses, syncToken: token).element), now: now)
    }

    /// The multistatus with its sync-token moved first on Radicale.
    private func ordered(_ element: DAVElement) -> DAVElement {
        guard dialect.syncTokenFirst, let index = element.children.firstIndex(where: { $0.name == .syncToken }) else {
            return element
        }
        var element = element
        element.children.insert(element.children.remove(at: index), at: 0)
        return element
    }

    /// One member's response with the requested properties (calendar data refused with a 404
    /// propstat inside sync-collection on Xandikos, 6d).
    func member(_ resource: CalDAVResourceRecord, in path: String, properties: [DAVName], inSync: Bool) -> DAVResponse {
        var found: [DAVElement] = []
        var missing: [DAVElement] = []
        for name in properties.isEmpty ? [.getETag] : properties {
            switch name {
            case .getETag: found.append(DAVElement(.getETag, text: resource.etag))
            case .getContentType: found.append(DAVElement(.getContentType, text: dialect.itemContentType))
            case .calendarData where !inSync || dialect.syncReturnsCalendarData:
                found.append(DAVElement(.calendarData, text: resource.text))
            default: missing.append(DAVElement(name))
            }
        }
        var propstats: [DAVPropstat] = []
        if !found.isEmpty { propstats.append(DAVPropstat(status: 200, properties: found)) }
        if !missing.isEmpty { propstats.append(DAVPropstat(status: 404, properties: missing)) }
        return DAVResponse(href: href(path + resource.name), propstats: propstats)
    }

    /// calendar-multiget: one response per href in request order, 404 for missing ones (13).
    private func multiget(_ root: DAVElement, path: String, now: Timestamp) -> HTTPResponse {
        let properties = root.child(.prop)?.childNames ?? [.getETag, .calendarData]
        let collection = collections[path]!
        let responses = root.hrefs.map { raw -> DAVResponse in
            let decoded = DAVHref.normalize(raw, relativeTo: path)
            guard let parts = split(decoded), parts.collection == path, let resource = collection.resources[parts.name]
            else { return DAVResponse(href: raw, status: 404) }
            return member(resource, in: path, properties: properties, inSync: false)
        }
        return xml(207, DAVMultistatus(responses: responses).element, now: now)
    }

    /// calendar-query: VEVENT resources overlapping the time-range (recurrences expanded, 12a–c)
    /// and, when the filter has `prop-filter name="UID"`, whose UID contains the text-match.
    private func calendarQuery(_ root: DAVElement, path: String, now: Timestamp) -> HTTPResponse {
        guard let query = try? DAVCalendarQuery.parse(root: root) else {
            return error(403, [.other(.calDAV("valid-filter"))], now: now)
        }
        let uid = CalDAVRequests.queriedUID(in: root)
        let collection = collections[path]!
        var responses: [DAVResponse] = []
        for name in collection.memberNames {
            let resource = collection.resources[name]!
            if let uid, !resource.uids.contains(where: { $0.contains(uid) }) { continue }
            if query.start != nil || query.end != nil {
                let from = query.start ?? Timestamp(secondsSinceEpoch: -2_208_988_800)
                let to = query.end ?? Timestamp(secondsSinceEpoch: 7_258_118_400)
                let instances = try? ICalendarExpansion.instances(in: resource.calendar, from: from, to: to)
                guard let instances, !instances.isEmpty else { continue }
            }
            responses.append(member(resource, in: path, properties: query.properties, inSync: false))
        }
        return xml(207, DAVMultistatus(responses: responses).element, now: now)
    }
}
