import Foundation
import TMinusCore
import Testing

@testable import TMinusSimulation

/// The kernel through its plain, closure-based API: works inside `swift test` (no runtime capture).
@Suite struct SimSchedulerTests {
    private func makeScheduler(seed: UInt64 = 1, order: JobOrder = .fifo) -> SimScheduler {
        SimScheduler(seed: SimulationSeed(seed), order: order)
    }

    @Test(arguments: [1, 2, 3, 99] as [UInt64])
    func timersFireInInstantThenSequenceOrder(seed: UInt64) {
        let scheduler = makeScheduler()
        var random = Xoshiro256StarStar(seed: seed)
        var fired: [(instant: Int64, sequence: Int)] = []
        var sequence = 0
        func plant(count: Int) {
            for _ in 0..<count {
                let delay = Int64(random.below(20)) * 1_000  // 20 distinct offsets: many ties
                let mine = sequence
                sequence += 1
                let due = scheduler.elapsedNanoseconds + delay
                scheduler.schedule(after: .nanoseconds(delay), "t\(mine)") {
                    #expect(scheduler.elapsedNanoseconds == due, "seed \(seed): timer \(mine) fired at the wrong time")
                    fired.append((scheduler.elapsedNanoseconds, mine))
                    if random.below(4) == 0 { plant(count: 2) }  // timers scheduled from timers
                }
            }
        }
        plant(count: 300)
        #expect(scheduler.run() == .idle)
        #expect(fired.count == sequence)
        for (earlier, later) in zip(fired, fired.dropFirst()) {
            #expect(earlier.instant <= later.instant, "seed \(seed): time moved backwards")
            if earlier.instant == later.instant {
                #expect(earlier.sequence < later.sequence, "seed \(seed): ties must fire in scheduling order")
            }
        }
    }

    @Test func seededOrderIsReproducibleAndDiffersFromFIFO() {
        func order(_ jobOrder: JobOrder, seed: UInt64) -> [Int] {
            let scheduler = makeScheduler(seed: seed, order: jobOrder)
            var ran: [Int] = []
            for index in 0..<20 { scheduler.execute("job\(index)") { ran.append(index) } }
            scheduler.run()
            return ran
        }
        #expect(order(.fifo, seed: 5) == Array(0..<20))
        #expect(order(.seeded, seed: 5) == order(.seeded, seed: 5))
        #expect(order(.seeded, seed: 5) != Array(0..<20))
        #expect(order(.seeded, seed: 5) != order(.seeded, seed: 6))
        #expect(order(.seeded, seed: 5).sorted() == Array(0..<20))
    }

    @Test func cancelledTimerNeitherRunsNorAdvancesTime() {
        let scheduler = makeScheduler()
        var ran: [String] = []
        scheduler.schedule(after: .milliseconds(1), "kept") { ran.append("kept") }
        let doomed = scheduler.schedule(after: .seconds(60), "doomed") { ran.append("doomed") }
        scheduler.cancel(doomed)
        #expect(scheduler.run() == .idle)
        #expect(ran == ["kept"])
        #expect(scheduler.elapsed == .milliseconds(1))
        #expect(scheduler.statistics.timersDiscarded == 1)
    }

    @Test func runStopsAtTheLimitWithTheClockAtTheLimit() {
        let scheduler = makeScheduler()
        var ran = 0
        scheduler.schedule(after: .seconds(1), "early") { ran += 1 }
        scheduler.schedule(after: .seconds(5), "late") { ran += 1 }
        #expect(scheduler.run(until: .seconds(3)) == .reachedLimit)
        #expect(ran == 1)
        #expect(scheduler.elapsed == .seconds(3))
        #expect(scheduler.run() == .idle)
        #expect(ran == 2)
        #expect(scheduler.now == SimScheduler.defaultStart.adding(.seconds(5)))
    }

    @Test func advanceMovesTheClockExactlyEvenWhenIdle() {
        let scheduler = makeScheduler()
        scheduler.advance(by: .milliseconds(250))
        #expect(scheduler.elapsedNanoseconds == 250_000_000)
        var at: Int64 = -1
        scheduler.schedule(after: .milliseconds(100), "tick") { at = scheduler.elapsedNanoseconds }
        scheduler.advance(by: .milliseconds(50))
        #expect(at == -1)
        scheduler.advance(by: .milliseconds(50))
        #expect(at == 350_000_000)
    }

    @Test func stopReturnsAfterTheCurrentJob() {
        let scheduler = makeScheduler()
        var ran = 0
        scheduler.execute("first") {
            ran += 1
            scheduler.stop()
        }
        scheduler.execute("second") { ran += 1 }
        #expect(scheduler.run() == .stopped)
        #expect(ran == 1)
        #expect(scheduler.run() == .idle)
        #expect(ran == 2)
    }

    @Test func workFromAnotherThreadIsReportedAsALeak() {
        let scheduler = makeScheduler()
        let ran = Flag()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            scheduler.execute("from-a-real-thread") { ran.value = true }
            done.signal()
        }
        thread.start()
        done.wait()
        scheduler.run()
        #expect(ran.value, "leaked work still runs, on the simulator thread")
        #expect(scheduler.leakCount == 1)
        #expect(scheduler.leakNotes.first?.contains("from-a-real-thread") == true)
        #expect(scheduler.leakNotes.first?.contains("not the simulator thread") == true)
    }

    @Test func simulatorRunFailsClearlyWithoutTheRuntime() {
        // swift test never installs the executor factory, so async capture must refuse to start.
        let simulator = Simulator(seed: SimulationSeed(1))
        let report = simulator.run {}
        #expect(report.failure == .runtimeNotInstalled)
        #expect(report.failure?.description.contains("installIfNeeded") == true)
    }
}

/// A flag set by a closure that crosses threads in a test (written once, read after a semaphore).
private final class Flag: @unchecked Sendable {
    var value = false
}
