import Foundation
import TMinusCore
import TMinusProviders
import Testing

/// Shared builders for Graph adapter tests.
enum GraphTesting {
    static let apiBase = GraphConfiguration.productionAPIBase
    static let calendarID = "AAMkAGI2TGuLAAA="
    /// 2026-03-02T08:00:00Z.
    static let now = Timestamp(secondsSinceEpoch: 1_772_438_400)

    static let configuration = GraphConfiguration(
        oauthClientID: "6731de76-14a6-49ae-97bc-6eba6914391e", oauthClientSecret: ProviderSecret("s3cret"))

    static func provider(
        _ transport: ScriptedTransport, credentials: any CredentialSource = CountingCredentials(),
        configuration: GraphConfiguration = GraphTesting.configuration, clock: ManualClock = ManualClock(start: now)
    ) -> GraphCalendarProvider {
        GraphCalendarProvider(
            transport: transport, credentials: credentials, configuration: configuration, clock: clock)
    }

    static let markers = ManagedMarkers(
        canonicalEventID: "evt_01JABCDEF0123456789ABCDEFG", originAccountID: "acc_01JORIGIN000000000000000000")

    static let key = MirrorKey(
        canonicalEventID: markers.canonicalEventID, targetAccountID: "acc_01JTARGET000000000000000000")

    /// A projection at 2026-03-03 14:00–15:00 UTC (BUSY unless a description is given).
    static func projection(description: String? = nil, location: String? = nil, summary: String = "Busy")
        -> ProjectedEvent
    {
        ProjectedEvent(
            summary: summary, description: description, location: location,
            start: .timed(Timestamp(secondsSinceEpoch: 1_772_546_400), timeZone: "Europe/Berlin"),
            end: .timed(Timestamp(secondsSinceEpoch: 1_772_550_000), timeZone: "Europe/Berlin"),
            transparency: .opaque, visibility: description == nil ? .private : .default, markers: markers)
    }

    static func json(_ status: Int, _ body: String, headers: HTTPHeaders = ["Content-Type": "application/json"])
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    /// A delta page with raw item JSON and one continuation.
    static func page(items: [String], nextLink: String? = nil, deltaLink: String? = nil) -> HTTPResponse {
        var body =
            #"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(event)","value":["#
            + items.joined(separator: ",") + "]"
        if let nextLink { body += #","@odata.nextLink":"\#(nextLink)""# }
        if let deltaLink { body += #","@odata.deltaLink":"\#(deltaLink)""# }
        return json(200, body + "}")
    }

    static func link(_ kind: String, _ token: String) -> String {
        "\(apiBase)/me/calendars/\(calendarID)/calendarView/delta?$\(kind)=\(token)"
    }

    /// A minimal live event item.
    static func item(
        _ id: String, subject: String = "S", start: String = "2026-03-02T09:00:00.0000000",
        end: String = "2026-03-02T10:00:00.0000000", changeKey: String = "CK1", extra: String = ""
    ) -> String {
        ##"{"@odata.type":"#microsoft.graph.event","id":"\##(id)","changeKey":"\##(changeKey)","subject":"\##(subject)","##
            + #""start":{"dateTime":"\#(start)","timeZone":"UTC"},"end":{"dateTime":"\#(end)","timeZone":"UTC"}"#
            + extra + "}"
    }

    /// A delta removal entry.
    static func removed(_ id: String) -> String {
        ##"{"@odata.type":"#microsoft.graph.event","id":"\##(id)","@removed":{"reason":"deleted"}}"##
    }

    /// The `Prefer` preferences of a request, lowercased and split.
    static func preferences(_ request: HTTPRequest) -> [String] {
        request.headers.values("Prefer").flatMap { $0.split(separator: ",") }.map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
    }
}
