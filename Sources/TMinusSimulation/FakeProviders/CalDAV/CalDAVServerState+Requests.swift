package import TMinusCore
package import TMinusProviders

extension CalDAVServerState {
    /// Answers one request at the server's instant `now`: authentication (Radicale dialect),
    /// injected faults, rate limits, owner-only access, then the method.
    package mutating func handle(_ request: HTTPRequest, parts: URLParts?, now: Timestamp) -> HTTPResponse {
        guard let parts = parts, parts.host.lowercased() == configuration.host.lowercased() else {
            return text(404, now: now)
        }
        let path = normalized(parts.path)
        guard let user = authenticate(request.headers) else { return unauthorized(now: now) }
        if let injected = injectedFault(request, parts: parts, now: now) { return injected }
        if let throttled = throttle(user, now: now) { return throttled }
        if dialect.requiresAuthentication, let owner = owner(of: path), owner != user {
            return text(403, now: now)
        }
        let response = dispatch(request, path: path, user: user, now: now)
        if ["PUT", "DELETE", "MKCALENDAR"].contains(request.method.uppercased()) {
            logWrite(request, path: path, status: response.status)
        }
        if !response.isSuccess {
            trace.record(component: "caldav", event: "error \(response.status) \(request.method) \(parts.path)")
        }
        return response
    }

    private mutating func dispatch(_ request: HTTPRequest, path: String, user: String, now: Timestamp) -> HTTPResponse {
        switch request.method.uppercased() {
        case "OPTIONS":
            var response = HTTPResponse(status: 200, headers: dateHeaders(now))
            response.headers.add("DAV", dialect.davHeader)
            response.headers.add(
                "Allow", "DELETE, GET, HEAD, MKCALENDAR, OPTIONS, PROPFIND, PUT, REPORT")
            return response
        case "PROPFIND": return propfind(request, path: path, user: user, now: now)
        case "REPORT": return report(request, path: path, now: now)
        case "GET", "HEAD": return get(request, path: path, now: now)
        case "PUT": return put(request, path: path, now: now)
        case "DELETE": return delete(request, path: path, now: now)
        case "MKCALENDAR": return mkcalendar(request, path: path, user: user, now: now)
        default: return text(405, now: now)
        }
    }

    /// The user of a request: Basic credentials (or a bearer token the server issued) on Radicale; on Xandikos credentials are ignored
    /// unless valid, and the first account is assumed.
    private func authenticate(_ headers: HTTPHeaders) -> String? {
        if let token = FakeHTTP.bearerToken(headers), let holder = bearerTokens[token], !holder.expired {
            return holder.user
        }
        if let credential = Self.basicCredential(headers), let account = accounts[credential.user],
            account.password == credential.password
        {
            return account.user
        }
        return dialect.requiresAuthentication ? nil : accountOrder.first
    }

    /// 401 with Radicale's challenge.
    private func unauthorized(now: Timestamp) -> HTTPResponse {
        var response = Self.plain(401, "Access to the requested resource forbidden.", now: now)
        response.headers.add("WWW-Authenticate", "Basic realm=\"Radicale - Password Required\"")
        return response
    }

    /// `user:password` of an `Authorization: Basic …` header.
    static func basicCredential(_ headers: HTTPHeaders) -> (user: String, password: String)? {
        guard let value = headers["Authorization"], let parts = FakeHTTP.authorizationParts(value),
            parts.scheme.lowercased() == "basic"
        else { return nil }
        // Standard base64 read as base64url. Mapping bytes maps the same Characters: a text with
        // non-ASCII bytes keeps them either way and does not decode.
        let urlSafe = parts.credentials.utf8.map { byte in
            byte == UInt8(ascii: "+") ? UInt8(ascii: "-") : byte == UInt8(ascii: "/") ? UInt8(ascii: "_") : byte
        }
        guard let bytes = Base64URL.decode(String(decoding: urlSafe, as: UTF8.self)),
            let colon = bytes.firstIndex(of: UInt8(ascii: ":"))
        else {
            return nil
        }
        return (
            String(decoding: bytes[..<colon], as: UTF8.self),
            String(decoding: bytes[bytes.index(after: colon)...], as: UTF8.self)
        )
    }

    private mutating func injectedFault(_ request: HTTPRequest, parts: URLParts, now: Timestamp) -> HTTPResponse? {
        guard
            let (fault, retryAfter) = configuration.faults.firstFiring(
                method: request.method, parts: parts, at: now, random: &streams.faults)
        else { return nil }
        var response = Self.plain(fault.status, DAVStatus.reason(fault.status), now: now)
        if let retryAfter { response.headers.add("Retry-After", String(retryAfter.components.seconds)) }
        trace.record(component: "caldav", event: "fault \(fault) \(request.method) \(parts.path)")
        return response
    }

    private mutating func throttle(_ user: String, now: Timestamp) -> HTTPResponse? {
        guard var limiter else { return nil }
        let decision = limiter.admit(user, at: now)
        self.limiter = limiter
        guard case .throttled(let wait) = decision else { return nil }
        let status = configuration.throttleStatus
        var response = Self.plain(status, DAVStatus.reason(status), now: now)
        if streams.limits.chance(configuration.retryAfterChance) {
            let seconds = max(1, (wait.components.seconds) + (wait.components.attoseconds > 0 ? 1 : 0))
            response.headers.add("Retry-After", String(seconds))
        }
        trace.record(component: "caldav", event: "throttled \(status) \(user)")
        return response
    }

    // MARK: Responses

    func dateHeaders(_ now: Timestamp) -> HTTPHeaders { HTTPHeaders([("Date", HTTPDate.format(now))]) }

    /// An XML answer in the dialect's content type.
    func xml(_ status: Int, _ element: DAVElement, now: Timestamp) -> HTTPResponse {
        var headers = dateHeaders(now)
        headers.add("Content-Type", dialect.xmlContentType)
        return HTTPResponse(status: status, headers: headers, body: DAVXMLWriter.bytes(element))
    }

    /// A `DAV:error` answer naming `conditions`.
    func error(_ status: Int, _ conditions: [DAVErrorBody.Condition], description: String? = nil, now: Timestamp)
        -> HTTPResponse
    {
        xml(status, DAVErrorBody(conditions: conditions, responseDescription: description).element, now: now)
    }

    /// A plain answer with the dialect's usual message (Radicale's `text/plain` lines, Xandikos's
    /// empty 412 and "Path … not found." 404).
    func text(_ status: Int, path: String = "", now: Timestamp) -> HTTPResponse {
        switch (dialect, status) {
        case (.xandikos, 412), (.xandikos, 204): return HTTPResponse(status: status, headers: dateHeaders(now))
        case (.xandikos, 404): return Self.plain(404, "Path \(path) not found.", now: now)
        case (_, 400): return Self.plain(400, "Bad Request", now: now)
        case (_, 403): return Self.plain(403, "Access to the requested resource forbidden.", now: now)
        case (_, 404): return Self.plain(404, "The requested resource could not be found.", now: now)
        case (_, 409): return Self.plain(409, "Conflict in the request.", now: now)
        case (_, 412): return Self.plain(412, "Precondition failed.", now: now)
        default: return Self.plain(status, DAVStatus.reason(status), now: now)
        }
    }

    static func plain(_ status: Int, _ message: String, now: Timestamp) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: HTTPHeaders([("Date", HTTPDate.format(now)), ("Content-Type", "text/plain; charset=utf-8")]),
            body: Array(message.utf8))
    }
}
