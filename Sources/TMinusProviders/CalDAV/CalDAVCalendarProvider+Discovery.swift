import TMinusCore

extension CalDAVCalendarProvider {
    /// The decoded calendar home path (trailing slash): configured, or discovered in two steps —
    /// `current-user-principal` on the server URL, then `calendar-home-set` on the principal.
    /// Radicale answers principal = home = `/<user>/`; Xandikos `/<user>/` and `/<user>/calendars/`.
    public func calendarHome() async throws(ProviderError) -> String {
        if let home = configuration.calendarHomePath { return Self.collectionPath(home) }
        let principal: String
        if let configured = configuration.principalPath {
            principal = Self.collectionPath(configured)
        } else {
            let operation = "propfind.current-user-principal"
            let answer = try await propfind(operation, path: configuration.serverPath, depth: 0, .currentUserPrincipal)
            guard
                let href = answer.responses.lazy.compactMap({ $0.property(.currentUserPrincipal)?.hrefs.first }).first,
                !href.isEmpty
            else { throw malformed(operation, "no current-user-principal href in the answer") }
            principal = Self.collectionPath(DAVHref.normalize(href, relativeTo: configuration.serverPath))
        }
        let operation = "propfind.calendar-home-set"
        let answer = try await propfind(operation, path: principal, depth: 0, .calendarHome)
        guard let href = answer.responses.lazy.compactMap({ $0.property(.calendarHomeSet)?.hrefs.first }).first,
            !href.isEmpty
        else { throw malformed(operation, "no calendar-home-set href on the principal") }
        return Self.collectionPath(DAVHref.normalize(href, relativeTo: principal))
    }

    /// The event calendars directly under `home`, sorted by path.
    func collections(home: String) async throws(ProviderError) -> [CalDAVCollection] {
        let answer = try await propfind("propfind.calendars", path: home, depth: 1, CalDAVRequests.collectionProperties)
        return answer.responses.compactMap(CalDAVCollection.init(response:))
            .filter { $0.holdsEvents && $0.path != home }
            .sorted { $0.path < $1.path }
    }

    /// `PROPFIND` on a decoded path, answered as a multistatus.
    func propfind(_ operation: String, path: String, depth: Int, _ body: DAVPropfind) async throws(ProviderError)
        -> DAVMultistatus
    {
        let response = try await exchange.send(operation) { credential in
            DAVRequests.propfind(
                url: configuration.url(forPath: path), depth: depth, body,
                authorization: credential.authorizationHeader)
        }
        return try multistatus(response, operation: operation)
    }

    /// The 207 body of `response`.
    func multistatus(_ response: HTTPResponse, operation: String) throws(ProviderError) -> DAVMultistatus {
        guard response.status == 207 else {
            throw malformed(operation, "expected 207 Multi-Status", status: response.status)
        }
        do {
            return try DAVMultistatus.parse(response.body)
        } catch {
            throw malformed(operation, error.description, status: response.status)
        }
    }

    /// The strong ETag of a write answer, or nil when absent or weak (`W/"…"` cannot be used in
    /// `If-Match`, RFC 9110 §13.1.1).
    static func strongETag(_ response: HTTPResponse) -> ResourceVersion? {
        guard let etag = response.headers["ETag"]?.trimmingSpaces, !etag.isEmpty, !etag.hasPrefix("W/") else {
            return nil
        }
        return ResourceVersion(etag)
    }

    /// The resource's ETag by `PROPFIND Depth 0` (after a write answered without one, row 47).
    func fetchETag(url: String, operation: String) async throws(ProviderError) -> ResourceVersion? {
        let response = try await exchange.send(operation) { credential in
            DAVRequests.propfind(
                url: url, depth: 0, CalDAVRequests.etagOnly, authorization: credential.authorizationHeader)
        }
        return try multistatus(response, operation: operation).responses.lazy.compactMap(\.etag).first
            .map(ResourceVersion.init)
    }
}
