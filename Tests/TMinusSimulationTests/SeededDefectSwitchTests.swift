import TMinusCore
import Testing

/// The seeded defects never ship: in the normal (test) build the switch is compiled out, so no
/// defect is ever active, even after someone tries to switch one on.
struct SeededDefectSwitchTests {
    @Test(arguments: SeededDefect.allCases)
    func everyDefectIsInactiveInANormalBuild(defect: SeededDefect) {
        #expect(!Defects.isCompiledIn)
        #expect(!Defects.isActive(defect))
        Defects.activate(DefectSwitch(active: defect))
        #expect(!Defects.isActive(defect), "\(defect) became active in a normal build")
        #expect(Defects.current.active == nil)
    }

    @Test(arguments: SeededDefect.allCases)
    func everyDefectNamesAnInvariantTheWorldChecks(defect: SeededDefect) {
        let checked = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"]
        #expect(checked.contains(defect.expectedInvariant))
        #expect(SeededDefect(rawValue: defect.rawValue) == defect)
    }

    @Test
    func theCatalogueHasAtLeastFifteenDefects() {
        #expect(SeededDefect.allCases.count >= 15)
    }

    /// Every invariant the world checks but F (whose conflicts no engine path can produce yet, see
    /// docs/seeded-defects.md) has a defect that must be caught by it.
    @Test
    func everyCheckedInvariantButFHasADefect() {
        let caught = Set(SeededDefect.allCases.map(\.expectedInvariant))
        for invariant in ["A", "B", "C", "D", "E", "G", "H", "I", "J", "K", "L", "M"] {
            #expect(caught.contains(invariant), "no seeded defect proves \(invariant) can fail")
        }
    }
}
