import TMinusCore
import Testing

struct MirrorTransitionTests {
    @Test func documentedPathsAreAllowed() {
        let allowed: [(MirrorState, MirrorState)] = [
            (.pending, .active), (.active, .pending), (.pending, .error), (.error, .pending),
            (.active, .deleting), (.deleting, .deleted), (.active, .tombstoned), (.tombstoned, .pending),
        ]
        for (from, to) in allowed { #expect(MirrorTransition.isAllowed(from: from, to: to), "\(from) → \(to)") }
    }

    @Test func terminalAndBackwardMovesAreRefused() {
        let refused: [(MirrorState, MirrorState)] = [
            (.deleted, .active), (.tombstoned, .active), (.deleting, .active), (.deleting, .pending), (.active, .deleted),
        ]
        for (from, to) in refused { #expect(!MirrorTransition.isAllowed(from: from, to: to), "\(from) → \(to)") }
    }
}
