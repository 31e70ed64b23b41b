import TMinusCore
import TMinusProviders

extension CalDAVServerState {
    /// `PROPFIND` Depth 0 or 1 on the root, a principal, a home, a calendar or a resource. Known
    /// properties come back in a 200 propstat, unknown ones empty in a 404 propstat (as both
    /// servers do); an empty body means allprop.
    mutating func propfind(_ request: HTTPRequest, path: String, user: String, now: Timestamp) -> HTTPResponse {
        let body: DAVPropfind
        do {
            body = try DAVPropfind.parse(request.body)
        } catch {
            return text(400, now: now)
        }
        let depth = request.headers["Depth"]?.trimmingSpaces == "0" ? 0 : 1
        var targets: [(path: String, known: [DAVName: DAVElement])] = []
        if let known = knownProperties(of: path, user: user, now: now) {
            targets.append((path, known))
        } else {
            return text(404, path: path, now: now)
        }
        if depth == 1 { targets += children(of: path, user: user, now: now) }
        let responses = targets.map { target in
            DAVResponse(href: href(target.path), propstats: Self.propstats(target.known, requested: body.properties))
        }
        return xml(207, DAVMultistatus(responses: responses).element, now: now)
    }

    /// 200 propstat with the requested known properties, 404 propstat with the rest.
    static func propstats(_ known: [DAVName: DAVElement], requested: [DAVName]) -> [DAVPropstat] {
        let names = requested.isEmpty ? known.keys.sorted() : requested
        let found = names.compactMap { known[$0] }
        let missing = names.filter { known[$0] == nil }.map { DAVElement($0) }
        var propstats: [DAVPropstat] = []
        if !found.isEmpty { propstats.append(DAVPropstat(status: 200, properties: found)) }
        if !missing.isEmpty { propstats.append(DAVPropstat(status: 404, properties: missing)) }
        return propstats
    }

    /// The properties of whatever lives at `path`, or nil when nothing does.
    private mutating func knownProperties(of path: String, user: String, now: Timestamp) -> [DAVName: DAVElement]? {
        if let collection = collections[path], !collection.deleted { return calendarProperties(path, now: now) }
        if let (collection, name) = split(path), let resource = collections[collection]?.resources[name],
            !(collections[collection]?.deleted ?? true)
        {
            return [
                .getETag: DAVElement(.getETag, text: resource.etag),
                .getContentType: DAVElement(.getContentType, text: dialect.itemContentType),
                .resourceType: DAVElement(.resourceType),
            ]
        }
        var known: [DAVName: DAVElement] = [:]
        if let account = accounts[user] {
            known[.currentUserPrincipal] = DAVElement(
                .currentUserPrincipal, children: [DAVElement(.href, text: href(account.principal))])
        }
        if path == "/" {
            known[.resourceType] = DAVElement(.resourceType, children: [DAVElement(.collection)])
            return known
        }
        guard let owner = owner(of: path), let account = accounts[owner] else { return nil }
        if path == account.principal {
            known[.calendarHomeSet] = DAVElement(
                .calendarHomeSet, children: [DAVElement(.href, text: href(account.home))])
            var types = [DAVElement(.principal), DAVElement(.collection)]
            if dialect == .xandikos {
                types = [DAVElement(.principal)]
                known[.displayName] = DAVElement(.displayName, text: owner)
            }
            known[.resourceType] = DAVElement(.resourceType, children: types)
            return known
        }
        if path == account.home {
            known[.resourceType] = DAVElement(.resourceType, children: [DAVElement(.collection)])
            return known
        }
        return nil
    }

    /// The properties of a calendar collection.
    private mutating func calendarProperties(_ path: String, now: Timestamp) -> [DAVName: DAVElement] {
        let collection = collections[path]!
        let ctag = ctag(path)
        let etag = dialect == .radicale ? ctag : "\"" + ctag + "\""
        var known: [DAVName: DAVElement] = [
            .resourceType: DAVElement(.resourceType, children: [DAVElement(.calendar), DAVElement(.collection)]),
            .getCTag: DAVElement(.getCTag, text: ctag),
            .syncToken: DAVElement(.syncToken, text: currentToken(path, now: now)),
            .getETag: DAVElement(.getETag, text: etag),
            .getContentType: DAVElement(.getContentType, text: dialect.collectionContentType),
            CalDAVNames.currentUserPrivilegeSet: DAVElement(
                CalDAVNames.currentUserPrivilegeSet,
                children: ["read", "all", "write", "write-content"].map {
                    DAVElement(CalDAVNames.privilege, children: [DAVElement(.dav($0))])
                }),
            .supportedReportSet: DAVElement(
                .supportedReportSet,
                children: [DAVName.calendarMultiget, .calendarQuery, .syncCollection].map { report in
                    DAVElement(
                        .dav("supported-report"), children: [DAVElement(.dav("report"), children: [DAVElement(report)])]
                    )
                }),
        ]
        if let name = collection.displayName { known[.displayName] = DAVElement(.displayName, text: name) }
        if !collection.components.isEmpty {
            known[.supportedCalendarComponentSet] = DAVElement(
                .supportedCalendarComponentSet,
                children: collection.components.map { DAVElement(.comp, attributes: [DAVAttribute("name", $0)]) })
        }
        return known
    }

    /// The Depth 1 children of `path`: a home's calendars, a calendar's resources.
    private mutating func children(of path: String, user: String, now: Timestamp)
        -> [(path: String, known: [DAVName: DAVElement])]
    {
        if let collection = collections[path], !collection.deleted {
            return collection.memberNames.compactMap { name in
                let member = path + name
                return knownProperties(of: member, user: user, now: now).map { (member, $0) }
            }
        }
        let calendars = collections.keys.sorted().filter { key in
            guard let collection = collections[key], !collection.deleted, key.hasPrefix(path), key != path else {
                return false
            }
            return !key.dropFirst(path.count).dropLast().contains("/")
        }
        return calendars.map { ($0, calendarProperties($0, now: now)) }
    }
}
