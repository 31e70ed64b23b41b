/// Scenarios the benchmarks run (`tminus bench world`): fixed, realistic workloads whose wall time
/// is compared with the targets of the harness issue. They are ordinary scenario text, decoded by
/// ``ScenarioDecoder`` exactly as a file would be, so the benchmark measures what `sim run` runs.
public enum BenchScenarios: Sendable {
    /// A week of one person with five linked accounts (two Google, two Microsoft, one CalDAV) in
    /// four time zones across a DST change: about six meetings per account per working day, edits,
    /// deletions, all-day events, a few tampered mirrors, and mild faults (latency, rare 503s and
    /// connection resets) as a real week has. All-pairs BUSY policy.
    public static let fiveAccountWeekName = "bench-five-account-week"

    /// The scenario text of ``fiveAccountWeekName``.
    public static let fiveAccountWeekText = """
        {
          "name": "bench-five-account-week",
          "description": "A realistic week of one person with five accounts (Google x2, Microsoft x2, CalDAV).",
          "seed": 7001,
          "duration": "P7D",
          "start": "2026-03-23T06:00:00Z",
          "users": [
            {
              "id": "ana",
              "accounts": [
                {"id": "ana-work", "provider": "google", "timeZone": "Europe/Berlin"},
                {"id": "ana-personal", "provider": "google", "timeZone": "Europe/Berlin"},
                {"id": "ana-client", "provider": "microsoft", "timeZone": "Europe/London"},
                {"id": "ana-board", "provider": "microsoft", "timeZone": "America/New_York"},
                {"id": "ana-family", "provider": "caldav", "timeZone": "Europe/Berlin"}
              ],
              "policy": "all-pairs-busy"
            }
          ],
          "workload": {
            "eventsPerAccountPerDay": 6,
            "allDayShare": "1/10",
            "editShare": "1/4",
            "deleteShare": "1/10",
            "mirrorEditsPerAccountPerDay": "1/7",
            "mirrorDeletionsPerAccountPerDay": "1/14"
          },
          "faults": [
            {"kind": "latency", "latency": {"min": "PT0.05S", "max": "PT0.8S"}},
            {"kind": "server-errors", "target": {"provider": "microsoft"}, "window": {"from": "PT0S", "to": "P7D"},
             "probability": "1/200", "status": 503},
            {"kind": "connection-reset", "target": {"provider": "caldav"}, "window": {"from": "PT0S", "to": "P7D"},
             "probability": "1/300"}
          ],
          "expect": {"convergenceDeadline": "PT24H"}
        }
        """

    /// ``fiveAccountWeekText`` decoded.
    public static func fiveAccountWeek() throws(ScenarioLoadError) -> Scenario {
        try ScenarioDecoder.decode(text: fiveAccountWeekText, file: "<\(fiveAccountWeekName)>")
    }
}
