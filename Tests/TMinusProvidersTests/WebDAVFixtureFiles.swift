import Foundation

/// Loads the recorded CalDAV exchanges under `Fixtures/caldav/` (see its README).
enum CalDAVFixtures {
    /// The bytes of `caldav/<name>`; a missing fixture is a broken test setup, so it stops the run.
    static func bytes(_ name: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/caldav"),
            let data = try? Data(contentsOf: url)
        else { fatalError("missing fixture caldav/\(name)") }
        return Array(data)
    }

    /// The text of `caldav/<name>`.
    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }

    /// Every fixture name with `suffix`, sorted.
    static func names(endingWith suffix: String) -> [String] {
        guard let folder = Bundle.module.url(forResource: "caldav", withExtension: nil, subdirectory: "Fixtures"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { fatalError("missing fixture folder caldav/") }
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }
}
