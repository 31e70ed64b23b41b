/// What a report says besides the runs themselves: the command that produced it and, only when
/// asked for, wall-clock facts.
///
/// Everything outside ``generated`` is a pure function of the runs, so two invocations with the
/// same scenarios, seeds and binary write byte-identical reports when ``generated`` is nil (golden
/// comparisons, tests). The command line fills ``generated`` in for people.
public struct ReportOptions: Hashable, Sendable {
    /// Wall-clock facts, kept apart from everything deterministic.
    public struct Generation: Hashable, Sendable {
        /// When the report was written, RFC 3339 UTC.
        public var at: String
        /// Wall time of the whole invocation.
        public var wallTime: Duration

        /// Creates generation facts.
        public init(at: String, wallTime: Duration) {
            self.at = at
            self.wallTime = wallTime
        }
    }

    /// The command line that produced the runs, e.g. `tminus sim run scenarios/ --seeds 1..5`.
    public var command: String
    /// Wall-clock facts; nil for deterministic output. When set, per-run wall times are included.
    public var generated: Generation?

    /// Creates options.
    public init(command: String, generated: Generation? = nil) {
        self.command = command
        self.generated = generated
    }
}
