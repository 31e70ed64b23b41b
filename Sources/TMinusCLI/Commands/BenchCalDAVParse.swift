import TMinusCore
import TMinusProviders

/// The CalDAV part of `tminus bench providers`: how fast the adapter turns sync-collection answers
/// (multistatus XML with calendar data) into records — XML, iCalendar, recurrence expansion — and
/// how fast it encodes mirror PUT bodies. Wall time is read here, in the CLI layer.
extension BenchProvidersCommand {
    func benchCalDAV(_ io: CommandIO, projections: [ProjectedEvent]) {
        let count = min(events, 20_000)
        let pages = SyntheticCalDAVAnswers.pages(events: count, pageSize: max(100, min(pageSize, 1_000)))
        let bytes = pages.reduce(0) { $0 + $1.count }
        let reader = CalDAVResourceReader(
            calendarID: SyntheticCalDAVAnswers.collection, singlesStart: nil, singlesEnd: nil,
            expandStart: SyntheticCalDAVAnswers.start,
            expandEnd: SyntheticCalDAVAnswers.start.adding(.seconds(366 * 86_400)),
            floatingTimeZone: nil)
        var records = 0
        let parse = fastest {
            records = 0
            for page in pages {
                guard let answer = try? CalDAVSyncPage.parse(page, collection: SyntheticCalDAVAnswers.collection) else {
                    continue
                }
                for change in answer.changes {
                    guard let data = change.calendarData else { continue }
                    records += (try? reader.read(Array(data.utf8), etag: change.etag, previous: []))?.records.count ?? 0
                }
            }
        }
        let xml = fastest {
            for page in pages { _ = try? DAVMultistatus.parse(page) }
        }
        io.print(
            "  caldav sync answer parse: \(Self.caldavRate(count, parse)) resources/s, "
                + "\(BenchFormat.fixed(Double(bytes) / 1_048_576 / (Double(max(1, parse)) / 1e9), 1)) MiB/s "
                + "(\(count) resources -> \(records) records; \(BenchFormat.milliseconds(parse)) ms, "
                + "XML alone \(BenchFormat.milliseconds(xml)) ms)")
        let mirrors = Array(projections.prefix(count))
        let stamp = SyntheticCalDAVAnswers.start
        let encode = fastest {
            for (index, projection) in mirrors.enumerated() {
                let key = MirrorKey(
                    canonicalEventID: projection.markers.canonicalEventID, targetAccountID: "acc_\(index % 5)")
                _ =
                    ICalendarMapping.mirrorCalendar(for: projection, uid: CalDAVEventID.uid(for: key), stamp: stamp)
                    .bytes
            }
        }
        io.print(
            "  caldav mirror PUT encode: \(Self.caldavRate(mirrors.count, encode)) events/s "
                + "(UID derivation + iCalendar; \(BenchFormat.milliseconds(encode)) ms)")
    }

    private func fastest(_ body: () -> Void) -> Int64 { BenchFormat.fastest(repetitions: repetitions, body) }

    private static func caldavRate(_ count: Int, _ nanoseconds: Int64) -> String {
        BenchFormat.compact(BenchFormat.rate(count, nanoseconds))
    }
}

/// Synthetic sync-collection answers in Radicale's shape: timed events with a TZID, all-day
/// events, weekly series with an override (one in ten), our managed mirrors (one in five).
enum SyntheticCalDAVAnswers {
    static let collection = "/bench/calendar/"
    /// 2026-01-01T00:00:00Z.
    static let start = Timestamp(secondsSinceEpoch: 1_767_225_600)

    static func pages(events: Int, pageSize: Int) -> [[UInt8]] {
        stride(from: 0, to: events, by: pageSize).map { first in
            let responses = (first..<min(events, first + pageSize)).map { index in
                DAVResponse(
                    href: collection + "event-\(index).ics",
                    propstats: [
                        DAVPropstat(
                            status: 200,
                            properties: [
                                DAVElement(.getETag, text: "\"etag-\(index)\""),
                                DAVElement(.calendarData, text: calendar(index)),
                            ])
                    ])
            }
            return DAVMultistatus(responses: responses, syncToken: "http://radicale.org/ns/sync/\(first)").xml
        }
    }

    static func calendar(_ index: Int) -> String {
        let day = 1 + index % 28
        let month = 1 + index % 12
        let date = "2026\(month < 10 ? "0" : "")\(month)\(day < 10 ? "0" : "")\(day)"
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bench//EN", "BEGIN:VEVENT", "UID:event-\(index)@bench",
        ]
        lines.append("DTSTAMP:20260101T000000Z")
        if index % 7 == 3 {
            lines += ["DTSTART;VALUE=DATE:\(date)", "DURATION:P1D"]
        } else {
            lines += ["DTSTART;TZID=Europe/Berlin:\(date)T090000", "DTEND;TZID=Europe/Berlin:\(date)T100000"]
        }
        lines.append("SUMMARY:Planning \(index)\\, with escapes\\; and unicode é会")
        lines.append("DESCRIPTION:" + String(repeating: "Agenda item \(index). ", count: 4))
        if index % 10 == 0 { lines.append("RRULE:FREQ=WEEKLY;COUNT=5") }
        if index % 5 == 1 {
            lines += ["X-TMINUS-MANAGED:true", "X-TMINUS-CANONICAL-ID:evt_\(index)", "X-TMINUS-ORIGIN-ACCOUNT:acc_1"]
        }
        lines.append("END:VEVENT")
        if index % 10 == 0 {
            lines += [
                "BEGIN:VEVENT", "UID:event-\(index)@bench", "DTSTAMP:20260101T000000Z",
                "RECURRENCE-ID;TZID=Europe/Berlin:\(date)T090000", "DTSTART;TZID=Europe/Berlin:\(date)T110000",
                "DTEND;TZID=Europe/Berlin:\(date)T120000", "SUMMARY:Planning \(index) (moved)", "END:VEVENT",
            ]
        }
        return (lines + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
    }
}
