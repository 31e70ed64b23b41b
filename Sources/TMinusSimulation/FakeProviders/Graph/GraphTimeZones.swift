/// The Windows zone names Outlook records for the IANA zones people most often use (CLDR
/// windowsZones, territory 001): what `originalStartTimeZone` shows for an event a person typed
/// in Outlook. Unlisted zones are recorded under their IANA name, which Graph also accepts.
enum GraphTimeZones {
    static let windowsNames: [String: String] = [
        "UTC": "UTC", "Etc/UTC": "UTC", "America/Los_Angeles": "Pacific Standard Time",
        "America/Denver": "Mountain Standard Time", "America/Phoenix": "US Mountain Standard Time",
        "America/Chicago": "Central Standard Time", "America/New_York": "Eastern Standard Time",
        "America/Sao_Paulo": "E. South America Standard Time", "Europe/London": "GMT Standard Time",
        "Europe/Berlin": "W. Europe Standard Time", "Europe/Paris": "Romance Standard Time",
        "Europe/Moscow": "Russian Standard Time", "Asia/Tokyo": "Tokyo Standard Time",
        "Asia/Shanghai": "China Standard Time", "Asia/Calcutta": "India Standard Time",
        "Australia/Sydney": "AUS Eastern Standard Time", "Pacific/Auckland": "New Zealand Standard Time",
    ]

    /// The name Outlook records for an IANA zone (nil: UTC).
    static func recordedName(_ iana: String?) -> String {
        guard let iana else { return "UTC" }
        return windowsNames[iana] ?? iana
    }
}
