import TMinusCore
import TMinusProviders
import Testing

/// Bad JSON, missing fields and wrong types give `malformedResponse` naming the JSON path —
/// never a crash, never the payload's text.
struct GoogleMalformedPayloadTests {
    private func pageError(_ body: String) -> ProviderError? {
        do {
            _ = try GoogleResponses.eventsPage(Array(body.utf8), calendarID: "primary")
            return nil
        } catch {
            return error
        }
    }

    private func detail(_ body: String) -> String? {
        guard let error = pageError(body) else { return nil }
        #expect(error.kind == "malformedResponse")
        #expect(error.context.operation == "events.list")
        return error.context.detail
    }

    @Test func invalidJSONNamesTheByteOffset() {
        #expect(detail(#"{"items": [}"#) == "not valid JSON: expected a JSON value at byte 11")
        #expect(detail("") == "not valid JSON: expected a JSON value at byte 0")
        #expect(detail(#"{"items":[]"#)?.contains("byte 11") == true)
    }

    @Test func missingFieldsNameTheirPath() {
        #expect(detail(#"{"items":[{"status":"confirmed"}],"nextSyncToken":"s"}"#)?.contains("'items[0].id'") == true)
        let noStart = #"{"items":[{"id":"abcde","end":{"date":"2026-03-02"}}],"nextSyncToken":"s"}"#
        #expect(detail(noStart) == "'items[0].start': expected an object, found nothing")
        let emptyStart = #"{"items":[{"id":"abcde","start":{},"end":{"date":"2026-03-02"}}],"nextSyncToken":"s"}"#
        #expect(detail(emptyStart)?.contains("items[0].start.dateTime") == true)
        #expect(detail(#"{"items":[]}"#) == "'nextPageToken': expected nextPageToken or nextSyncToken, found neither")
    }

    @Test func wrongTypesNameTheirPathButNotTheValue() {
        let secretTitle = "Divorce lawyer appointment"
        let body =
            #"{"items":[{"id":"abcde","summary":["\#(secretTitle)"],"start":{"date":"2026-03-02"},"#
            + #""end":{"date":"2026-03-03"}}],"nextSyncToken":"s"}"#
        let error = pageError(body)
        #expect(error?.context.detail == "'items[0].summary': expected a string, found an array")
        #expect(error?.description.contains(secretTitle) == false)
        #expect(detail(#"{"items":{"id":"x"},"nextSyncToken":"s"}"#) == "'items': expected an array, found an object")
        #expect(detail(#"{"items":[42],"nextSyncToken":"s"}"#) == "'items[0]': expected an object, found a number")
        #expect(detail(#"[]"#) == "'': expected an object, found an array")
    }

    @Test func unreadableDatesAndStatusesAreMalformedWithoutTheirValues() {
        let badDate =
            #"{"items":[{"id":"abcde","start":{"dateTime":"next tuesday"},"end":{"date":"2026-03-03"}}],"nextSyncToken":"s"}"#
        let error = pageError(badDate)
        #expect(error?.context.detail?.contains("items[0].start.dateTime") == true)
        #expect(error?.description.contains("next tuesday") == false)
        let badZone =
            #"{"items":[{"id":"abcde","start":{"dateTime":"2026-03-02T09:00:00","timeZone":"Mars/Olympus"},"#
            + #""end":{"date":"2026-03-03"}}],"nextSyncToken":"s"}"#
        #expect(pageError(badZone)?.context.detail?.contains("items[0].start.timeZone") == true)
        let badStatus = #"{"items":[{"id":"abcde","status":"archived"}],"nextSyncToken":"s"}"#
        #expect(pageError(badStatus)?.context.detail?.contains("items[0].status") == true)
        let badMarker =
            #"{"items":[{"id":"abcde","status":"cancelled","extendedProperties":{"private":{"tminus":true}}}],"#
            + #""nextSyncToken":"s"}"#
        #expect(
            pageError(badMarker)?.context.detail
                == "'items[0].extendedProperties.private.tminus': expected a string, found a boolean")
    }

    @Test func floatsAndUnknownFieldsAnywhereAreTolerated() throws {
        let body =
            #"{"items":[{"id":"abcde","status":"confirmed","score":0.75,"x":{"y":[1e-3,-2.5E+2]},"#
            + #""start":{"date":"2026-03-02"},"end":{"date":"2026-03-03"}}],"nextSyncToken":"s","latency":1.5}"#
        let page = try GoogleResponses.eventsPage(Array(body.utf8), calendarID: "primary")
        #expect(page.records.count == 1)
    }

    @Test func otherParsersReportMalformedToo() {
        let bad: [UInt8] = Array(#"{"access_token":"x"}"#.utf8)
        #expect(throws: ProviderError.self) { try GoogleOAuth.grant(bad) }
        #expect(throws: ProviderError.self) {
            try GoogleOAuth.grant(Array(#"{"access_token":"x","expires_in":"soon"}"#.utf8))
        }
        #expect(throws: ProviderError.self) { try GoogleResponses.channel(Array(#"{"id":5}"#.utf8), calendarID: "p") }
        #expect(throws: ProviderError.self) {
            try GoogleResponses.calendarListPage(Array(#"{"items":[{"id":"a","accessRole":"god"}]}"#.utf8))
        }
        #expect(throws: ProviderError.self) { try GoogleResponses.insertedCalendar(Array("<html>".utf8)) }
    }

    @Test func malformedPageThroughTheClientIsMalformedResponse() async {
        let transport = ScriptedTransport([.respond(HTTPResponse(status: 200, body: Array(#"{"items": [tru"#.utf8)))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).fullListing(calendarID: "primary", window: nil)
        }
        #expect(error?.kind == "malformedResponse" && error?.recovery == .backoffAndRetry)
    }
}

extension GoogleMalformedPayloadTests {
    @Test func yearsATimestampCannotHoldAreMalformedNotOverflows() {
        for (field, value) in [("date", "9999-12-31"), ("dateTime", "3026-03-02T09:00:00Z"), ("date", "0001-01-01")] {
            let body = #"{"items":[{"id":"abcde","start":{"\#(field)":"\#(value)"},"end":{"date":"2026-03-03"}}],"#
                + #""nextSyncToken":"s"}"#
            #expect(pageError(body)?.context.detail?.contains("items[0].start.\(field)") == true)
        }
        let updated = #"{"id":"abcde","status":"cancelled","updated":"9026-02-21T08:03:58.709Z"}"#
        #expect(throws: ProviderError.self) {
            try GoogleResponses.event(Array(updated.utf8), calendarID: "p", operation: "events.get")
        }
        #expect(throws: ProviderError.self) {
            try GoogleResponses.channel(Array(#"{"id":"c","expiration":"9223372036854775807"}"#.utf8), calendarID: "p")
        }
    }
}
