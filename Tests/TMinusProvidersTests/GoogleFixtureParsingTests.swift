import TMinusCore
import TMinusProviders
import Testing

/// Google's documented payload shapes (fixtures) read by the adapter's parsers.
struct GoogleFixtureParsingTests {
    private func event(_ name: String) throws -> ProviderEventRecord {
        try GoogleResponses.event(Fixtures.google(name), calendarID: "alice@example.com", operation: "events.get")
    }

    @Test func eventResourceBecomesAnUpdateWithContentVersionAndServerStamp() throws {
        let record = try event("event.json")
        #expect(record.delta.kind == .updated)
        #expect(record.delta.providerEventID == "7cbh8rpc10lrc0ckih9tafss99")
        #expect(record.delta.calendarID == "alice@example.com")
        let content = try #require(record.delta.content)
        #expect(content.title == "Quarterly planning")
        #expect(content.description == "Agenda: roadmap, hiring, budget.\nBring numbers.")
        #expect(content.location == "Room 4.2, 1600 Amphitheatre Pkwy")
        #expect(content.start == .timed(Timestamp(secondsSinceEpoch: 1_772_460_000), timeZone: "America/New_York"))
        #expect(content.end.instant == Timestamp(secondsSinceEpoch: 1_772_465_400))
        #expect(content.visibility == .default && content.transparency == .opaque && content.status == .confirmed)
        #expect(record.version == ResourceVersion("\"3420951837418000\""))
        #expect(record.updatedAt == Timestamp(millisecondsSinceEpoch: 1_771_661_038_709))
        #expect(record.iCalendarUID == "7cbh8rpc10lrc0ckih9tafss99@google.com")
        #expect(record.instance == nil)
        #expect(record.delta.markers == .none)
    }

    @Test func allDayEventKeepsDatesTransparencyAndPrivateVisibility() throws {
        let content = try #require(try event("event-all-day.json").delta.content)
        #expect(content.start == .allDay(try #require(CalendarDate(iso: "2026-03-09"))))
        #expect(content.end == .allDay(try #require(CalendarDate(iso: "2026-03-11"))))
        #expect(content.transparency == .transparent)
        #expect(content.visibility == .private)
    }

    @Test func recurringInstanceCarriesSeriesAndOriginalStart() throws {
        let record = try event("event-recurring-instance.json")
        #expect(record.delta.kind == .updated)
        let instance = try #require(record.instance)
        #expect(instance.seriesID == "5q2k8v1d3ab7gk0e9r4m6t8s1u")
        #expect(
            instance.originalStart == .timed(Timestamp(secondsSinceEpoch: 1_772_636_400), timeZone: "America/New_York"))
    }

    @Test func minimalCancelledItemIsADeletionWithOnlyAnID() throws {
        let record = try event("event-cancelled-minimal.json")
        #expect(record.delta.kind == .deleted)
        #expect(record.delta.content == nil)
        #expect(record.instance == nil)
        #expect(record.isDeletion)
        try record.delta.validate(field: "delta")
    }

    @Test func cancelledInstanceDeletesOnlyThatOccurrence() throws {
        let record = try event("event-cancelled-instance.json")
        #expect(record.delta.kind == .deleted)
        #expect(record.delta.providerEventID == "5q2k8v1d3ab7gk0e9r4m6t8s1u_20260305T150000Z")
        #expect(record.instance?.seriesID == "5q2k8v1d3ab7gk0e9r4m6t8s1u")
    }

    @Test func managedMirrorIsClassifiedByItsPrivateExtendedProperties() throws {
        let record = try event("event-managed-mirror.json")
        #expect(
            EventClassifier.classify(record.delta.markers, isRecordedMirror: false)
                == .managedMirror(GoogleTesting.markers))
        #expect(GoogleEventID.isValid(record.delta.providerEventID))
    }

    @Test func firstPageContinuesAndLastPageCarriesTheSyncToken() throws {
        let first = try GoogleResponses.eventsPage(Fixtures.google("events-page-first.json"), calendarID: "primary")
        #expect(first.records.count == 2)
        #expect(first.nextPageToken != nil && first.nextSyncToken == nil)
        let empty = try GoogleResponses.eventsPage(Fixtures.google("events-page-empty.json"), calendarID: "primary")
        #expect(empty.records.isEmpty && empty.nextPageToken != nil)
        let last = try GoogleResponses.eventsPage(Fixtures.google("events-page-last.json"), calendarID: "primary")
        #expect(last.records.map(\.delta.kind) == [.updated, .deleted, .deleted, .updated])
        #expect(last.nextSyncToken == "CPDAlvWDx70CEPDAlvWDx70CGAU=" && last.nextPageToken == nil)
    }

    @Test func calendarListSkipsDeletedEntriesAndPrefersTheUsersName() throws {
        let page = try GoogleResponses.calendarListPage(Fixtures.google("calendar-list.json"))
        #expect(
            page.entries.map(\.calendar.id) == [
                "alice@example.com", "c_8f1e3a9b7d@group.calendar.google.com",
                "en.usa#holiday@group.v.calendar.google.com",
            ])
        #expect(page.entries[0].calendar.isPrimary && page.entries[0].calendar.accessRole == .owner)
        #expect(page.entries[2].calendar.name == "US holidays" && !page.entries[2].calendar.isWritable)
        #expect(page.nextPageToken == nil)
    }

    @Test func insertedCalendarIsOwnedAndSecondary() throws {
        let calendar = try GoogleResponses.insertedCalendar(Fixtures.google("calendar-inserted.json"))
        #expect(calendar.id == "c_0a1b2c3d4e5f@group.calendar.google.com")
        #expect(calendar.accessRole == .owner && !calendar.isPrimary)
    }

    @Test func watchResponseGivesResourceIDAndServerExpiration() throws {
        let channel = try GoogleResponses.channel(Fixtures.google("channel-watch-response.json"), calendarID: "primary")
        #expect(channel.channelID == "01234567-89ab-cdef-0123-456789abcdef")
        #expect(channel.resourceID == "o3hgv1538sdjfh")
        #expect(channel.expiresAt == Timestamp(millisecondsSinceEpoch: 1_773_100_800_000))
    }

    @Test func tokenResponsesGiveLifetimeScopesAndAnyRotatedRefreshToken() throws {
        let plain = try GoogleOAuth.grant(Fixtures.google("oauth-token.json"))
        #expect(plain.expiresIn == .seconds(3599))
        #expect(plain.rotatedRefreshToken == nil)
        #expect(
            plain.scopes == [
                "https://www.googleapis.com/auth/calendar", "https://www.googleapis.com/auth/calendar.events",
            ])
        let rotated = try GoogleOAuth.grant(Fixtures.google("oauth-token-rotated.json"))
        #expect(rotated.rotatedRefreshToken == ProviderSecret("1//0gRotatedRefreshTokenExample"))
        #expect("\(rotated)".contains("1//0g") == false)
    }

    @Test func pushHeadersDecodeToSignalsAndAnImmediateOK() throws {
        let sync = try GooglePushDecoder.decode(Fixtures.pushRequest("push-sync.json"))
        #expect(sync.reply.status == 200)
        #expect(
            sync.notifications == [
                PushNotification(
                    channelID: "01234567-89ab-cdef-0123-456789abcdef", resourceID: "o3hgv1538sdjfh",
                    signal: .channelOpened,
                    verificationToken: "target=tminus-channel", messageNumber: 1)
            ])
        #expect(
            try GooglePushDecoder.decode(Fixtures.pushRequest("push-exists.json")).notifications.first?.signal
                == .changed)
        #expect(
            try GooglePushDecoder.decode(Fixtures.pushRequest("push-not-exists.json")).notifications.first?.signal
                == .resourceRemoved)
    }

    @Test func pushWithoutChannelHeaderIsMalformed() {
        var request = Fixtures.pushRequest("push-exists.json")
        request.headers.remove("X-Goog-Channel-ID")
        #expect(throws: ProviderError.self) { try GooglePushDecoder.decode(request) }
    }
}
