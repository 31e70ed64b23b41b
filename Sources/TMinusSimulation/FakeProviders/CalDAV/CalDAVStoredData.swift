import TMinusCore
import TMinusProviders

/// What the fake checks and changes in PUT data before storing it, like the real servers: it
/// must be iCalendar (`valid-calendar-data`), hold one component type and one UID without METHOD
/// (`valid-calendar-object-resource`, RFC 4791 §4.1), and every VEVENT must have a UID and a
/// DTSTART. Radicale accepts other component types in a VEVENT calendar (probed), so the
/// component set is not enforced. With `truncateText`, a TEXT value holding an unescaped comma is
/// cut at it (Radicale's silent data loss, caldav-servers.md 4g).
enum CalDAVStoredData {
    /// The violated precondition.
    struct Invalid: Error {
        let condition: DAVName
    }

    /// TEXT properties Radicale cuts at an unescaped comma.
    static let textProperties: Set<String> = ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"]

    /// The calendar to store.
    static func validated(_ bytes: [UInt8], truncateText: Bool) throws(Invalid) -> ICalendarCalendar {
        guard var calendar = try? ICalendarCalendar.parse(bytes) else {
            throw Invalid(condition: CalDAVNames.validCalendarData)
        }
        let items = calendar.component.components.filter { $0.key != "VTIMEZONE" }
        guard let kind = items.first?.key, items.allSatisfy({ $0.key == kind }),
            calendar.component.property("METHOD") == nil
        else { throw Invalid(condition: CalDAVNames.validCalendarObjectResource) }
        let uids = Set(items.compactMap { $0.property("UID")?.text })
        guard uids.count == 1, items.allSatisfy({ $0.property("UID") != nil }) else {
            throw Invalid(condition: CalDAVNames.validCalendarObjectResource)
        }
        if kind == "VEVENT", (try? calendar.events()) == nil { throw Invalid(condition: CalDAVNames.validCalendarData) }
        if truncateText {
            for index in calendar.component.components.indices
            where calendar.component.components[index].key == "VEVENT" {
                for property in calendar.component.components[index].properties.indices {
                    let value = calendar.component.components[index].properties[property]
                    guard textProperties.contains(value.key), let cut = unescapedComma(in: value.value) else {
                        continue
                    }
                    calendar.component.components[index].properties[property].value = String(value.value[..<cut])
                }
            }
        }
        return calendar
    }

    /// The position of the first comma not preceded by a backslash escape.
    static func unescapedComma(in value: String) -> String.Index? {
        var escaped = false
        for index in value.indices {
            let character = value[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                return index
            }
        }
        return nil
    }
}
