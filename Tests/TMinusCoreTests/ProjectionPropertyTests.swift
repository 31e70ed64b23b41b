import TMinusCore
import Testing

/// Seeded property tests of the projection compiler over hundreds of random events × edges.
struct ProjectionPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 1234]

    @Test(arguments: seeds)
    func sameInputAlwaysGivesSamePayloadAndHash(seed: UInt64) {
        var random = RandomEvents(seed: seed)
        for index in 0..<300 {
            let event = random.event(id: index)
            let detail = random.pick(DetailLevel.allCases)
            let kind = random.pick(CalendarKind.allCases)
            let first = ProjectionCompiler.project(event, detail: detail, kind: kind)
            let second = ProjectionCompiler.project(event, detail: detail, kind: kind)
            #expect(first == second, "seed \(seed) event \(index)")
            if let first {
                #expect(first.hash.count == 64)
                #expect(first.hash == ProjectionCompiler.hash(first.payload, first.detail, kind))
            }
        }
    }

    @Test(arguments: seeds)
    func busyAndTitlePayloadsNeverCarryTextTheyMustNot(seed: UInt64) {
        var random = RandomEvents(seed: seed)
        for index in 0..<300 {
            let event = random.event(id: index)
            for detail in DetailLevel.allCases {
                guard let projection = ProjectionCompiler.project(event, detail: detail, kind: .busyOverlay) else { continue }
                let payload = projection.payload
                switch projection.detail {
                case .busy:
                    #expect(payload.summary == ProjectionCompiler.busyTitle, "seed \(seed) event \(index)")
                    #expect(payload.description == nil && payload.location == nil)
                    #expect(payload.visibility == .private)
                case .title:
                    #expect(payload.description == nil && payload.location == nil, "seed \(seed) event \(index)")
                    #expect(payload.summary == (event.content.title ?? ProjectionCompiler.busyTitle))
                case .full:
                    #expect(payload.description == event.content.description)
                }
                for secret in RandomEvents.secretWords where projection.detail == .busy {
                    #expect(!StableJSON.serialize(MirrorCommand.upsert(
                        UpsertMirror(projection: projection, targetAccountID: "acc_x", targetCalendarID: nil)).json)
                        .contains(secret), "seed \(seed) event \(index) leaked \(secret)")
                }
            }
        }
    }

    @Test(arguments: seeds)
    func privateAndConfidentialOriginsNeverProjectMoreThanBusy(seed: UInt64) {
        var random = RandomEvents(seed: seed)
        for index in 0..<300 {
            var event = random.event(id: index)
            event.content.visibility = random.pick([.private, .confidential])
            for detail in DetailLevel.allCases {
                guard let projection = ProjectionCompiler.project(event, detail: detail, kind: .trueMirror) else { continue }
                #expect(projection.detail == .busy, "seed \(seed) event \(index)")
                #expect(projection.payload.summary == ProjectionCompiler.busyTitle)
            }
        }
    }

    @Test(arguments: seeds)
    func deletedOrCancelledEventsHaveNoProjection(seed: UInt64) {
        var random = RandomEvents(seed: seed)
        for index in 0..<300 {
            let event = random.event(id: index)
            let projection = ProjectionCompiler.project(event, detail: .full, kind: .busyOverlay)
            #expect((projection == nil) == (event.isDeleted || event.content.status == .cancelled))
        }
    }

    @Test func hashDependsOnDetailKindAndIdentity() throws {
        var random = RandomEvents(seed: 7)
        var event = random.event(id: 1)
        event.isDeleted = false
        event.content.status = .confirmed
        event.content.visibility = .default
        let busy = try #require(ProjectionCompiler.project(event, detail: .busy, kind: .busyOverlay))
        let overlayVsMirror = try #require(ProjectionCompiler.project(event, detail: .busy, kind: .trueMirror))
        var other = event
        other.id = "evt_other"
        let otherID = try #require(ProjectionCompiler.project(other, detail: .busy, kind: .busyOverlay))
        #expect(busy.hash != overlayVsMirror.hash)
        #expect(busy.hash != otherID.hash)
        #expect(busy.idempotencyKey(targetAccountID: "acc_b") != busy.idempotencyKey(targetAccountID: "acc_c"))
    }

    @Test func busyHashIgnoresTextChangesButNotTimeChanges() throws {
        var random = RandomEvents(seed: 9)
        var event = random.event(id: 1)
        event.isDeleted = false
        event.content.status = .confirmed
        let before = try #require(ProjectionCompiler.project(event, detail: .busy, kind: .busyOverlay))
        event.content.title = "Completely different"
        event.content.description = "new notes"
        #expect(ProjectionCompiler.project(event, detail: .busy, kind: .busyOverlay)?.hash == before.hash)
        event.content.end = .timed(event.content.end.instant.adding(.seconds(60)), timeZone: nil)
        #expect(ProjectionCompiler.project(event, detail: .busy, kind: .busyOverlay)?.hash != before.hash)
    }

    @Test func overlongTextIsBoundedInFullProjections() throws {
        var random = RandomEvents(seed: 3)
        var event = random.event(id: 1)
        event.isDeleted = false
        event.content.status = .confirmed
        event.content.visibility = .public
        event.content.title = String(repeating: "x", count: 5_000)
        event.content.description = String(repeating: "y", count: 100_000)
        let projection = try #require(ProjectionCompiler.project(event, detail: .full, kind: .trueMirror))
        #expect(projection.payload.summary.count == ProjectionCompiler.maximumSummaryLength)
        #expect(projection.payload.description?.count == ProjectionCompiler.maximumDescriptionLength)
    }

    @Test func commandJSONRoundTrips() throws {
        var random = RandomEvents(seed: 11)
        for index in 0..<200 {
            var event = random.event(id: index)
            event.isDeleted = false
            event.content.status = .confirmed
            guard let projection = ProjectionCompiler.project(event, detail: random.pick(DetailLevel.allCases), kind: .busyOverlay)
            else { continue }
            let command = MirrorCommand.upsert(UpsertMirror(projection: projection, targetAccountID: "acc_t", targetCalendarID: "c"))
            let decoded = try MirrorCommand(json: try StableJSON.parse(StableJSON.serialize(command.json)))
            #expect(decoded == command, "event \(index)")
        }
        let delete = MirrorCommand.delete(DeleteMirror(canonicalEventID: "evt_1", targetAccountID: "acc_t", targetCalendarID: nil, providerEventID: "p"))
        #expect(try MirrorCommand(json: delete.json) == delete)
    }

    /// A decoded command carries the key it was stored with, as written (decoding does not hash
    /// the fields again), for upserts and deletes alike.
    @Test func decodingKeepsTheStoredIdempotencyKey() throws {
        var random = RandomEvents(seed: 12)
        var event = random.event(id: 1)
        event.isDeleted = false
        event.content.status = .confirmed
        let projection = try #require(ProjectionCompiler.project(event, detail: .busy, kind: .busyOverlay))
        let commands = [
            MirrorCommand.upsert(UpsertMirror(projection: projection, targetAccountID: "acc_t", targetCalendarID: nil)),
            .delete(DeleteMirror(canonicalEventID: "evt_1", targetAccountID: "acc_t", targetCalendarID: "c", providerEventID: nil)),
        ]
        for command in commands {
            guard case .object(var object) = command.json else {
                Issue.record("a command's JSON is an object")
                continue
            }
            object["idempotency_key"] = .string("stored-key")
            let decoded = try MirrorCommand(json: .object(object))
            #expect(decoded.idempotencyKey == "stored-key")
        }
    }
}
