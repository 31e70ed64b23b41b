import TMinusCore
import TMinusProviders
import Testing

/// The documented Graph payload shapes (Fixtures/graph) parse into the values the engine needs.
struct GraphFixtureParsingTests {
    let propertyID = GraphConfiguration.defaultMarkerPropertyID

    @Test func calendarsPagesCarryRolesDefaultFlagAndTheNextLink() throws {
        let first = try GraphResponses.calendarsPage(GraphFixtures.bytes("calendars-page-first.json"))
        #expect(first.calendars.map(\.id) == ["AAMkAGI2TGuLAAA=", "AAMkAGI2TGuLBBB="])
        #expect(first.calendars[0].isPrimary && first.calendars[0].accessRole == .owner)
        #expect(!first.calendars[1].isPrimary && first.calendars[1].accessRole == .reader)
        #expect(first.calendars[0].version == ResourceVersion("nfZyf7VcrEKLNoU37KWlkQAAA0x0+w=="))
        #expect(first.nextLink == "https://graph.microsoft.com/v1.0/me/calendars?$top=2&$skip=2")
        let last = try GraphResponses.calendarsPage(GraphFixtures.bytes("calendars-page-last.json"))
        #expect(last.nextLink == nil)
        #expect(last.calendars.first?.name == OverlayCalendar.defaultName)
        let created = try GraphResponses.createdCalendar(GraphFixtures.bytes("calendar-created.json"))
        #expect(created.id == "AAMkAGI2TGuLDDD=" && created.isWritable)
    }

    @Test func aTimedEventInAWindowsZoneReadsAsTheRightInstantWithItsIANAZone() throws {
        let record = try GraphResponses.event(
            GraphFixtures.bytes("event.json"), calendarID: "c", propertyID: propertyID, operation: "events.get")
        let content = try #require(record.delta.content)
        // 12:00 Pacific Daylight Time (PDT since 2026-03-08) is 19:00 UTC.
        #expect(content.start == .timed(Timestamp(secondsSinceEpoch: 1_773_601_200), timeZone: "America/Los_Angeles"))
        #expect(content.end.instant == Timestamp(secondsSinceEpoch: 1_773_608_400))
        #expect(content.title == "Let's go for lunch")
        #expect(content.description == "Does noon work for you?")
        #expect(content.location == "Harry's Bar")
        #expect(content.visibility == .default && content.transparency == .opaque)
        #expect(record.version == ResourceVersion("ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw=="))
        #expect(record.updatedAt == Timestamp(nanosecondsSinceEpoch: 1_771_636_442_113_485_100))
        #expect(record.iCalendarUID?.hasPrefix("040000008200E00074C5B7101A82E008") == true)
        #expect(record.delta.markers == .none, "attendees are never read; no markers of ours")
        #expect(record.instance == nil)
    }

    @Test func anAllDayEventReadsAsDatesWhateverTheZone() throws {
        let record = try GraphResponses.event(
            GraphFixtures.bytes("event-all-day.json"), calendarID: "c", propertyID: propertyID, operation: "events.get")
        let content = try #require(record.delta.content)
        #expect(content.start == .allDay(try #require(CalendarDate(iso: "2026-04-02"))))
        #expect(content.end == .allDay(try #require(CalendarDate(iso: "2026-04-04"))))
        #expect(content.transparency == .transparent, "showAs free")
        #expect(content.description == nil, "an empty body is no description")
        #expect(record.delta.markers == .none, "a foreign category is not our marker")
    }

    @Test func anOccurrenceCarriesItsSeriesAndOriginalStart() throws {
        let record = try GraphResponses.event(
            GraphFixtures.bytes("event-occurrence.json"), calendarID: "c", propertyID: propertyID, operation: "x")
        let instance = try #require(record.instance)
        #expect(instance.seriesID == "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AZlnW4RIAV06KYYwlrfNZvQAAKGWwfwAA")
        #expect(instance.originalStart.instant == Timestamp(secondsSinceEpoch: 1_772_697_600))
        #expect(instance.originalStart.timeZone == "Europe/Berlin")
    }

    @Test func aSeriesMasterKeepsItsPatternAsAnRRULE() throws {
        let record = try GraphResponses.event(
            GraphFixtures.bytes("event-series-master.json"), calendarID: "c", propertyID: propertyID, operation: "x")
        #expect(record.delta.content?.recurrenceRule == "FREQ=WEEKLY;UNTIL=20260630;BYDAY=MO,TH;WKST=SU")
    }

    @Test func aManagedMirrorCarriesOurPropertyAndCategoryAndClassifiesAsOurs() throws {
        let record = try GraphResponses.event(
            GraphFixtures.bytes("event-managed-mirror.json"), calendarID: "c", propertyID: propertyID,
            operation: "events.get")
        #expect(record.delta.markers == GraphTesting.markers.evidence(for: .microsoft))
        #expect(
            EventClassifier.classify(record.delta.markers, isRecordedMirror: false)
                == .managedMirror(GraphTesting.markers))
        #expect(record.delta.content?.visibility == .private)
    }

    @Test func aCancelledMeetingIsADeletion() throws {
        let record = try GraphResponses.event(
            GraphFixtures.bytes("event-cancelled.json"), calendarID: "c", propertyID: propertyID, operation: "x")
        #expect(record.isDeletion)
        #expect(record.delta.content == nil)
    }

    @Test func deltaPagesCarryExactlyOneContinuationAndRemovalsNeedOnlyAnID() throws {
        let first = try GraphResponses.deltaPage(
            GraphFixtures.bytes("delta-page-first.json"), calendarID: "c", propertyID: propertyID)
        #expect(first.records.count == 2 && first.nextLink != nil && first.deltaLink == nil)
        // Delta pages never carry extended properties: the category alone marks the mirror.
        let mirror = first.records[1]
        #expect(
            mirror.delta.markers
                == .microsoft(extendedPropertyValue: nil, categories: [ManagedMarkers.microsoftCategory]))
        #expect(EventClassifier.classify(mirror.delta.markers, isRecordedMirror: false).isOrigin == false)
        let empty = try GraphResponses.deltaPage(
            GraphFixtures.bytes("delta-page-empty.json"), calendarID: "c", propertyID: propertyID)
        #expect(empty.records.isEmpty && empty.nextLink != nil)
        let last = try GraphResponses.deltaPage(
            GraphFixtures.bytes("delta-page-last.json"), calendarID: "c", propertyID: propertyID)
        #expect(last.deltaLink?.contains("$deltatoken=") == true && last.nextLink == nil)
        let incremental = try GraphResponses.deltaPage(
            GraphFixtures.bytes("delta-page-incremental.json"), calendarID: "c", propertyID: propertyID)
        #expect(incremental.records.map(\.isDeletion) == [false, true, true])
        #expect(incremental.records[2].delta.providerEventID.hasSuffix("NeverSeenOutsideTheWindowAAA"))
    }

    @Test func theSubscriptionAnswerGivesTheChannel() throws {
        let channel = try GraphResponses.subscription(
            GraphFixtures.bytes("subscription-created.json"), calendarID: "c", operation: "subscriptions.create",
            status: 201)
        #expect(channel.channelID == "7f105c7d-2dc5-4530-97cd-4e7ae6534c07")
        #expect(channel.resourceID == "me/calendars/AAMkAGI2TGuLCCC=/events")
        #expect(channel.expiresAt == Timestamp(secondsSinceEpoch: 1_772_692_200))
    }

    @Test func tokenAnswersRotateTheRefreshTokenAndErrorsNameTheAADSTSCode() throws {
        let grant = try GraphOAuth.grant(GraphFixtures.bytes("oauth-token.json"))
        #expect(grant.expiresIn == .seconds(3599))
        #expect(grant.rotatedRefreshToken?.revealed.hasSuffix("RotatedExample") == true)
        #expect(grant.scopes.count == 2)
        let idle = GraphOAuth.mapError(GraphFixtures.response(400, "oauth-invalid-grant-idle.json"), operation: "t")
        #expect(idle.kind == "tokenRevoked")
        #expect(idle.context.reason == "invalid_grant AADSTS700082")
        let revoked = GraphOAuth.mapError(
            GraphFixtures.response(400, "oauth-invalid-grant-revoked.json"), operation: "t")
        #expect(revoked.context.reason == "invalid_grant AADSTS50173")
        #expect(!revoked.description.contains("Trace ID"), "the description is never copied into reports")
    }

    @Test(arguments: [
        ("error-400-BadRequest.json", 400, "invalidRequest"), ("error-400-ValidationError.json", 400, "invalidRequest"),
        ("error-401-InvalidAuthenticationToken.json", 401, "unauthorized"),
        ("error-403-ErrorAccessDenied.json", 403, "forbidden"), ("error-404-ErrorItemNotFound.json", 404, "notFound"),
        ("error-409-ErrorFolderExists.json", 409, "alreadyExists"),
        ("error-410-SyncStateNotFound.json", 410, "cursorInvalid"),
        ("error-410-resyncRequired.json", 410, "cursorInvalid"),
        ("error-412-ErrorIrresolvableConflict.json", 412, "preconditionFailed"),
        ("error-429-TooManyRequests.json", 429, "rateLimited"),
        ("error-429-ApplicationThrottled.json", 429, "rateLimited"),
        ("error-503-ServiceUnavailable.json", 503, "transient"),
    ])
    func errorBodiesMapToTheirTaxonomyCase(name: String, status: Int, kind: String) {
        let error = GraphErrorMapper.map(GraphFixtures.response(status, name), operation: "calendarView.delta")
        #expect(error.kind == kind)
        #expect(error.context.status == status)
        let code = name.split(separator: "-")[2].split(separator: ".")[0]
        #expect(error.context.reason == String(code))
    }
}
