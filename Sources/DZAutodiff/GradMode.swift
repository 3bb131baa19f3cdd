import CThreadFlags

/// Whether operations record the graph. On by default; off inside ``withoutGrad(_:)``
/// (the language's `no_grad { }`) and during a backward pass without `createGraph`.
///
/// The setting is scoped, not a global switch: it belongs to the current thread, and it is
/// restored when the scope ends, even by an error. (Every op reads it: a C thread-local
/// costs a few instructions, where a task-local value costs a runtime lookup.)
public enum GradMode {
    private static let flag = ThreadFlag(index: flagIndex)
    /// The thread flag that says gradients are off.
    @inlinable static var flagIndex: Int32 { 0 }

    /// Whether operations record the graph on this thread. (Inlinable, reading the C
    /// thread-local itself: compiled code asks at every operation, and a call across
    /// modules costs more than the read.)
    @inlinable public static var isEnabled: Bool { dz_thread_flag(flagIndex) == 0 }

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
    private static let flag = ThreadFlag(index: 1)

    /// Whether layers train on this thread.
    public static var isTraining: Bool { !flag.isSet }

    /// Runs `body` in test mode (the language's `test_mode { }`).
    public static func testing<T>(_ body: () throws -> T) rethrows -> T {
        try flag.with(true, body)
    }
}

/// A per-thread boolean, false until set within a scope. Scopes are synchronous closures,
/// so a value set on a thread is seen only by the code that runs inside the scope. Kept in
/// a C thread-local (CThreadFlags), which costs a few instructions to read.
struct ThreadFlag: Sendable {
    let index: Int32

    init(index: Int32) { self.index = index }

    @inline(__always) var isSet: Bool { dz_thread_flag(index) != 0 }

    @inline(__always)
    func with<T>(_ value: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = dz_thread_flag(index)
        dz_set_thread_flag(index, value ? 1 : 0)
        defer { dz_set_thread_flag(index, saved) }
        return try body()
    }
}
