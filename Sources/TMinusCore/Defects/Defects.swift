/// Which seeded defect is active in this process: none by default.
///
/// A plain value so callers can save and restore it around a run.
public struct DefectSwitch: Hashable, Sendable {
    /// The active defect, or nil for the correct engine.
    public var active: SeededDefect?

    /// A switch with `active` on (nil: none).
    public init(active: SeededDefect? = nil) { self.active = active }
}

/// The process-wide seeded-defect switch read at each defect site (`docs/seeded-defects.md`).
///
/// This is the one deliberate global of the engine. Its storage, and every defect site that reads
/// it, exist only when compiled with `-DTMINUS_SEEDED_DEFECTS` (`scripts/mutants.sh`); in a normal
/// build ``isActive(_:)`` is a constant `false`, ``isCompiledIn`` is false and ``activate(_:)``
/// does nothing, so no defect code ships.
public enum Defects: Sendable {
    #if TMINUS_SEEDED_DEFECTS
        private static let storage = LockedBox(DefectSwitch())
        private static let nonces = LockedBox(UInt64(0))

        /// True: this binary was built with the seeded defects.
        public static let isCompiledIn = true

        /// Whether `defect` is the active one.
        public static func isActive(_ defect: SeededDefect) -> Bool {
            storage.withLock { $0.active == defect }
        }

        /// Sets the switch (mutant runs only; one defect at a time, for the whole process).
        public static func activate(_ value: DefectSwitch) { storage.withLock { $0 = value } }

        /// The current switch.
        public static var current: DefectSwitch { storage.withLock { $0 } }

        /// A process-unique number, for defects that must break determinism of keys.
        public static func nextNonce() -> UInt64 {
            nonces.withLock {
                $0 += 1
                return $0
            }
        }
    #else
        /// False: this is a normal build; no defect code is compiled in.
        public static let isCompiledIn = false

        /// Always false in a normal build.
        @inline(__always)
        public static func isActive(_ defect: SeededDefect) -> Bool { false }

        /// Does nothing in a normal build.
        public static func activate(_ value: DefectSwitch) {}

        /// Always "none" in a normal build.
        public static var current: DefectSwitch { DefectSwitch() }
    #endif
}
