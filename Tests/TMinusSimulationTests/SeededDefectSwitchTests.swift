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
        #expect(["D", "E", "G", "H", "M"].contains(defect.expectedInvariant))
        #expect(SeededDefect(rawValue: defect.rawValue) == defect)
    }

    @Test
    func theCatalogueHasAtLeastEightDefects() {
        #expect(SeededDefect.allCases.count >= 8)
    }
}
