import TMinusCore
import Testing

/// `Duration.nanoseconds`: whole nanoseconds truncated toward zero, saturating outside `Int64`.
struct DurationNanosecondsTests {
    /// The definition through `components`: seconds × 10⁹ plus the attoseconds' whole nanoseconds.
    private func reference(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, sumOverflow) = product.addingReportingOverflow(attoseconds / 1_000_000_000)
        if sumOverflow { return seconds < 0 ? Int64.min : Int64.max }
        return sum
    }

    @Test(arguments: [1, 2, 3, 2026] as [UInt64])
    func equalsTheComponentsDefinitionForSeededDurations(seed: UInt64) {
        let random = RandomSource(seed: seed)
        for _ in 0..<2_000 {
            let seconds = Int64(bitPattern: random.next()) % 10_000_000_000
            let attoseconds = Int64(bitPattern: random.next()) % 1_000_000_000_000_000_000
            let duration = Duration(secondsComponent: seconds, attosecondsComponent: attoseconds)
            #expect(duration.nanoseconds == reference(duration), "\(duration)")
        }
    }

    @Test func truncatesTowardZeroAndSaturates() {
        #expect(Duration.nanoseconds(1_500).nanoseconds == 1_500)
        #expect(Duration(secondsComponent: 0, attosecondsComponent: 999_999_999).nanoseconds == 0)
        #expect(Duration(secondsComponent: 0, attosecondsComponent: -1_999_999_999).nanoseconds == -1)
        #expect(Duration.seconds(-3).nanoseconds == -3_000_000_000)
        #expect(Duration.seconds(Int64.max).nanoseconds == Int64.max)
        #expect(Duration.seconds(Int64.min).nanoseconds == Int64.min)
        #expect(Duration.nanoseconds(Int64.max).nanoseconds == Int64.max)
        #expect(Duration.nanoseconds(Int64.min).nanoseconds == Int64.min)
    }
}
