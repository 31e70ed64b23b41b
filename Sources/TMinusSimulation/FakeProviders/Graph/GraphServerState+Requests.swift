package import TMinusCore
package import TMinusProviders

extension GraphServerState {
    /// Answers one request at the server's instant `now`.
    package mutating func handle(_ request: HTTPRequest, parts: URLParts?, now: Timestamp) -> HTTPResponse {
        sweepSubscriptions(now: now)
        let requestID = GraphIdentifiers.guid(&streams.ids)
        guard let parts = parts else {
            return GraphAPIError.badRequest("Invalid URL.").response(date: now, requestID: requestID)
        }
        if parts.host.lowercased() == GraphServerState.tokenHost {
            return tokenEndpoint(request, parts: parts, now: now)
        }
        requestCount += 1
        let context = requestContext(request, parts: parts)
        if context.idForm != .immutable { requestsWithoutImmutableIDs += 1 }
        lastWrittenEventID = nil
        var mailbox: String?
        var writer: (operation: String, account: String)?
        var response: HTTPResponse
        do throws(GraphAPIError) {
            guard parts.host.lowercased() == GraphServerState.apiHost,
                let route = GraphRoute(method: request.method, parts: parts, mailbox: &mailbox)
            else { throw .badRequest("Resource not found for the segment '\(parts.pathSegments.last ?? "")'.") }
            let account = try authenticate(request.headers, now: now)
            if let mailbox, mailbox != account, mailbox != accounts[account]!.userID { throw .accessDenied() }
            writer = route.writeOperation.map { ($0, account) }
            try applyLimits(account: account, request: request, parts: parts, now: now)
            response = try dispatch(route, request: request, parts: parts, context: context, account: account, now: now)
        } catch {
            trace.record(
                component: "graph", event: "error \(error.status) \(error.code) \(request.method) \(parts.path)")
            response = error.response(date: now, requestID: requestID)
        }
        if let writer { logWrite(writer, context: context, status: response.status) }
        response.headers.add("request-id", requestID)
        return response
    }

    /// `GraphRequestContext(request, parts:)`, remembered by what it is made from.
    mutating func requestContext(_ request: HTTPRequest, parts: URLParts) -> GraphRequestContext {
        let source = GraphRequestContextSource(request, parts: parts)
        if let known = requestContexts[source] { return known }
        let context = GraphRequestContext(source)
        if requestContexts.count >= 256 { requestContexts.removeAll(keepingCapacity: true) }
        requestContexts[source] = context
        return context
    }

    private mutating func dispatch(
        _ route: GraphRoute, request: HTTPRequest, parts: URLParts, context: GraphRequestContext, account: String,
        now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        switch route {
        case .listCalendars: return listCalendars(account: account, parts: parts, now: now)
        case .createCalendar: return try createCalendar(account: account, body: request.body, now: now)
        case .getCalendar(let id): return try getCalendar(id, account: account, now: now)
        case .deleteCalendar(let id): return try deleteCalendar(id, account: account, now: now)
        case .listEvents(let reference):
            return try listEvents(reference, parts: parts, context: context, account: account, now: now)
        case .createEvent(let reference):
            return try createEvent(reference, request: request, context: context, account: account, now: now)
        case .getEvent(let reference, let id):
            return try getEvent(reference, id, context: context, account: account, now: now)
        case .updateEvent(let reference, let id):
            return try updateEvent(reference, id, request: request, context: context, account: account, now: now)
        case .deleteEvent(let reference, let id):
            return try deleteEvent(reference, id, request: request, account: account, now: now)
        case .delta(let reference):
            let calendarID = try calendarID(reference, account: account)
            return try delta(calendarID: calendarID, request: request, parts: parts, context: context, now: now)
        case .createSubscription:
            return try createSubscription(request: request, context: context, account: account, now: now)
        case .getSubscription(let id): return try getSubscription(id, account: account, now: now)
        case .renewSubscription(let id):
            return try renewSubscription(id, body: request.body, account: account, now: now)
        case .deleteSubscription(let id): return try deleteSubscription(id, account: account, now: now)
        case .reauthorizeSubscription(let id): return try reauthorizeSubscription(id, account: account, now: now)
        }
    }

    private mutating func logWrite(
        _ writer: (operation: String, account: String), context: GraphRequestContext, status: Int
    ) {
        let eventID = lastWrittenEventID ?? "-"
        var calendarID = "-"
        var attendees = 0
        for calendar in calendars.values.sorted(by: { $0.id < $1.id }) where calendar.owner == writer.account {
            guard let record = calendar.events[eventID], !record.current.isDeleted || writer.operation == "delete"
            else {
                continue
            }
            calendarID = calendar.id
            attendees = record.current.fields.attendees.count
        }
        logWrite(
            GraphWriteRecord(
                operation: writer.operation, account: writer.account, calendarID: calendarID, eventID: eventID,
                preferredImmutableIDs: context.idForm == .immutable, attendeeCount: attendees, status: status))
    }

    /// Per-mailbox request rate, then per-mailbox concurrency, then injected fault rules (M-THL).
    /// - Throws: 429 `TooManyRequests` / `ApplicationThrottled`, 503, 504 as configured.
    mutating func applyLimits(account: String, request: HTTPRequest, parts: URLParts, now: Timestamp)
        throws(GraphAPIError)
    {
        if case .throttled(let wait) = rateLimiter.admit(account, at: now) {
            throw .tooManyRequests(retryAfter: wait.wholeRetryAfterSeconds)
        }
        if configuration.requestServiceTime > .zero {
            var busy = (inFlight[account] ?? []).filter { $0 > now }
            if busy.count >= configuration.mailboxConcurrency {
                inFlight[account] = busy
                throw .mailboxConcurrency(retryAfter: busy.min()!.duration(since: now).wholeRetryAfterSeconds)
            }
            busy.append(now.adding(configuration.requestServiceTime))
            inFlight[account] = busy
        }
        if let (fault, retryAfter) = configuration.faults.firstFiring(
            method: request.method, parts: parts, at: now, random: &streams.faults)
        {
            trace.record(component: "graph", event: "fault \(fault) \(request.method) \(parts.path)")
            throw fault.error(retryAfter: retryAfter?.wholeRetryAfterSeconds)
        }
    }
}
