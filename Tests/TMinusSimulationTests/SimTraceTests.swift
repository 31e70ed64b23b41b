import Foundation
import TMinusCore
import Testing

@testable import TMinusSimulation

@Suite struct SimTraceTests {
    @Test func linesAreVirtualTimeComponentEventWithNanoseconds() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler)
        trace.record(component: "queue", event: "enqueue msg=1")
        scheduler.advance(by: .nanoseconds(1_000_000_123))
        trace.record(component: "google", event: "GET /calendars 200")
        #expect(trace.recentLines() == [
            "2026-03-02T08:00:00.000000000Z queue enqueue msg=1",
            "2026-03-02T08:00:01.000000123Z google GET /calendars 200",
        ])
        #expect(trace.lineCount == 2)
    }

    @Test func digestIsTheSHA256OfAllLines() throws {
        let name = "simtrace-\(ProcessInfo.processInfo.processIdentifier).txt"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler, recentCapacity: 3, capture: try TraceFileWriter(path: path))
        for index in 0..<5_000 {
            scheduler.advance(by: .microseconds(index % 7))
            trace.record(component: "c\(index % 3)", event: "step \(index)")
        }
        try trace.finish()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(SHA256.hash(bytes) == trace.digest)
        #expect(bytes.count == trace.byteCount)
        #expect(bytes.split(separator: 0x0A).count == 5_000)
    }

    @Test func theRingKeepsOnlyTheMostRecentLinesInOrder() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler, recentCapacity: 3)
        for index in 0..<10 { trace.record(component: "c", event: "e\(index)") }
        #expect(trace.recentLines().map { String($0.split(separator: " ").last!) } == ["e7", "e8", "e9"])
    }

    @Test func embeddedNewlinesCannotSplitARecord() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler)
        trace.record(component: "evil\ncomponent", event: "line1\r\nline2")
        #expect(trace.recentLines() == ["2026-03-02T08:00:00.000000000Z evil\\ncomponent line1\\r\\nline2"])
    }

    @Test func digestDependsOnOrderAndTime() {
        func digest(_ events: [String], gap: Duration) -> SHA256Digest {
            let scheduler = SimScheduler(seed: SimulationSeed(1))
            let trace = SimTrace(scheduler: scheduler)
            for event in events {
                trace.record(component: "c", event: event)
                scheduler.advance(by: gap)
            }
            return trace.digest
        }
        let base = digest(["a", "b"], gap: .nanoseconds(1))
        #expect(base == digest(["a", "b"], gap: .nanoseconds(1)))
        #expect(base != digest(["b", "a"], gap: .nanoseconds(1)))
        #expect(base != digest(["a", "b"], gap: .nanoseconds(2)))
    }

    @Test func timeFormattingHandlesInstantsBeforeTheEpoch() {
        var formatter = TraceLineFormatter()
        var bytes: [UInt8] = []
        formatter.appendTime(to: &bytes, instant: Timestamp(nanosecondsSinceEpoch: -1))
        #expect(String(decoding: bytes, as: UTF8.self) == "1969-12-31T23:59:59.999999999Z")
    }

    @Test func aRecordFromAnotherThreadIsALeak() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler)
        let done = DispatchSemaphore(value: 0)
        Thread {
            trace.record(component: "rogue", event: "hello")
            done.signal()
        }.start()
        done.wait()
        #expect(trace.lineCount == 0, "not recorded on the foreign thread")
        scheduler.run()
        #expect(trace.lineCount == 1)
        #expect(scheduler.leakCount == 1)
        #expect(scheduler.leakNotes.first?.contains("rogue hello") == true)
    }
}
