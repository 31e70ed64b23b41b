import TMinusCore
import TMinusProviders

/// `/me/calendars` (M-EVT method table): list (paged with `$top`/`$skip`), create (201; a name
/// already used by a live calendar of the mailbox is 409 `ErrorFolderExists`), get, delete.
extension GraphServerState {
    /// Creates a calendar record and returns its id.
    @discardableResult
    mutating func createCalendar(owner: String, name: String, isDefault: Bool) -> String {
        let id = GraphIdentifiers.calendarID(&streams.ids)
        let number = nextCalendarNumber
        nextCalendarNumber += 1
        calendars[id] = GraphCalendarRecord(
            id: id, number: number, owner: owner, isDefault: isDefault, name: name, changeKey: nextChangeKey())
        calendarNumbers[number] = id
        return id
    }

    /// The calendar resource.
    func calendarJSON(_ id: String) -> JSONValue {
        let calendar = calendars[id]!
        return [
            "id": .string(id), "name": .string(calendar.name), "color": .string(calendar.color), "hexColor": "",
            "isDefaultCalendar": .bool(calendar.isDefault), "changeKey": .string(calendar.changeKey),
            "canShare": true, "canViewPrivateItems": true, "canEdit": true,
            "allowedOnlineMeetingProviders": ["teamsForBusiness"], "defaultOnlineMeetingProvider": "teamsForBusiness",
            "isTallyingResponses": true, "isRemovable": .bool(!calendar.isDefault),
            "owner": ["name": .string(calendar.owner), "address": .string(calendar.owner)],
        ]
    }

    func listCalendars(account: String, parts: URLParts, now: Timestamp) -> HTTPResponse {
        let owned = calendars.values.filter { $0.owner == account && !$0.deleted }
            .sorted { ($0.isDefault ? 0 : 1, $0.number) < ($1.isDefault ? 0 : 1, $1.number) }
        let top = max(1, min(Int(parts.queryValue("$top") ?? "") ?? 10, 1000))
        let skip = max(0, Int(parts.queryValue("$skip") ?? "") ?? 0)
        var body: [String: JSONValue] = [
            "@odata.context": .string("https://graph.microsoft.com/v1.0/$metadata#users('\(account)')/calendars"),
            "value": .array(owned.dropFirst(skip).prefix(top).map { calendarJSON($0.id) }),
        ]
        if skip + top < owned.count {
            body["@odata.nextLink"] = .string(
                "https://graph.microsoft.com/v1.0/me/calendars?$top=\(top)&$skip=\(skip + top)")
        }
        return FakeHTTP.json(200, .object(body), date: now)
    }

    mutating func createCalendar(account: String, body: [UInt8], now: Timestamp) throws(GraphAPIError) -> HTTPResponse {
        guard let json = try? WireJSON.parse(body), case .string(let name)? = json["name"],
            !name.trimmingSpaces.isEmpty
        else { throw .invalidRequest("Your request can't be completed. A calendar needs a name.") }
        let taken = calendars.values.contains {
            $0.owner == account && !$0.deleted && $0.name.lowercased() == name.lowercased()
        }
        guard !taken else { throw .folderExists() }
        let id = createCalendar(owner: account, name: name, isDefault: false)
        trace.record(component: "graph", event: "calendar.created \(id)")
        return resourceResponse(201, calendarJSON(id), context: "users('\(account)')/calendars/$entity", now: now)
    }

    func getCalendar(_ id: String, account: String, now: Timestamp) throws(GraphAPIError) -> HTTPResponse {
        let calendarID = try calendar(id, account: account)
        return resourceResponse(
            200, calendarJSON(calendarID), context: "users('\(account)')/calendars/$entity", now: now)
    }

    mutating func deleteCalendar(_ id: String, account: String, now: Timestamp) throws(GraphAPIError) -> HTTPResponse {
        let calendarID = try calendar(id, account: account)
        guard !calendars[calendarID]!.isDefault else {
            throw .invalidRequest("Your request can't be completed. The default calendar cannot be deleted.")
        }
        removeCalendar(calendarID, now: now)
        return FakeHTTP.empty(204, date: now)
    }

    /// Marks a calendar deleted and invalidates its delta tokens (its events stay inspectable).
    mutating func removeCalendar(_ calendarID: String, now: Timestamp) {
        calendars[calendarID]!.deleted = true
        calendars[calendarID]!.tokenEpoch += 1
        calendars[calendarID]!.changeKey = nextChangeKey()
        trace.record(component: "graph", event: "calendar.deleted \(calendarID)")
    }
}
