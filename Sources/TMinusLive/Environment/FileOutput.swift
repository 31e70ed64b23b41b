import Foundation

/// Unbuffered writes to the process's standard streams, for live-mode logging.
enum FileOutput {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
