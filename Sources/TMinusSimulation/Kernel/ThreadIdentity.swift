#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The identity of an operating-system thread, used only to tell the simulator thread apart from
/// every other thread (the leak detector).
///
/// It wraps `pthread_self()` and `pthread_equal`; it never creates, names or blocks a thread.
struct ThreadIdentity: Sendable {
    /// The raw `pthread_t` of the thread, as an integer.
    let raw: UInt

    /// The calling thread.
    @inline(__always)
    static func current() -> ThreadIdentity { ThreadIdentity(raw: UInt(bitPattern: rawSelf())) }

    /// Whether the calling thread is this one.
    @inline(__always)
    var isCurrent: Bool { ThreadIdentity.current().raw == raw }

    /// The calling thread's name as set with `pthread_setname_np` (empty when unnamed), for leak
    /// notes. Names are at most 15 bytes on Linux.
    static func currentName() -> String {
        #if canImport(Glibc) || canImport(Musl)
            // Glibc's Swift module hides this GNU extension, so it is looked up by name.
            typealias GetName = @convention(c) (pthread_t, UnsafeMutablePointer<CChar>, Int) -> Int32
            guard let symbol = dlsym(nil, "pthread_getname_np") else { return "" }
            let getName = unsafeBitCast(symbol, to: GetName.self)
            var buffer = [CChar](repeating: 0, count: 64)
            guard getName(pthread_self(), &buffer, buffer.count) == 0 else { return "" }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
            return ""
        #endif
    }

    @inline(__always)
    private static func rawSelf() -> Int {
        #if canImport(Darwin)
            return Int(bitPattern: pthread_self())
        #else
            return Int(bitPattern: UInt(pthread_self()))
        #endif
    }
}
