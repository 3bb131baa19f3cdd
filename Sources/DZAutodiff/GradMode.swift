#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations record the graph. On by default; off inside ``withoutGrad(_:)``
/// (the language's `no_grad { }`) and during a backward pass without `createGraph`.
///
/// The setting is scoped, not a global switch: it belongs to the current thread, and it is
/// restored when the scope ends, even by an error. (Every op reads it; a thread-specific
/// slot costs a few instructions where a task-local value cost a runtime lookup.)
public enum GradMode {
    private static let flag = ThreadFlag()

    /// Whether operations record the graph on this thread.
    public static var isEnabled: Bool { !flag.isSet }

    /// Runs `body` without recording any graph.
    public static func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
        try flag.with(true, body)
    }

    /// Runs `body` with recording switched to `enabled`.
    public static func with<T>(enabled: Bool, _ body: () throws -> T) rethrows -> T {
        try flag.with(!enabled, body)
    }
}

/// Whether layers behave as in training (dropout active) or testing (dropout off).
public enum TrainMode {
    private static let flag = ThreadFlag()

    /// Whether layers train on this thread.
    public static var isTraining: Bool { !flag.isSet }

    /// Runs `body` in test mode (the language's `test_mode { }`).
    public static func testing<T>(_ body: () throws -> T) rethrows -> T {
        try flag.with(true, body)
    }
}

/// A per-thread boolean, false until set within a scope. Scopes are synchronous closures,
/// so a value set on a thread is seen only by the code that runs inside the scope.
final class ThreadFlag: @unchecked Sendable {
    private var key = pthread_key_t()

    init() { pthread_key_create(&key, nil) }

    var isSet: Bool { pthread_getspecific(key) != nil }

    func with<T>(_ value: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = pthread_getspecific(key)
        pthread_setspecific(key, value ? UnsafeRawPointer(bitPattern: 1) : nil)
        defer { pthread_setspecific(key, saved) }
        return try body()
    }
}
