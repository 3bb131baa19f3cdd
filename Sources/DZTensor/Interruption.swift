/// Ctrl-C as every module sees it: a poll installed once by the program, and the error a
/// long operation throws when it stops for it.
///
/// The engine does not know the terminal: `dz` installs a poll that reads the SIGINT flag
/// (`Interrupt.install()` in DZREPL does it), and code anywhere below calls ``check()`` at
/// points where stopping is safe (after a BLAS call, between the functions of a backward
/// pass, while waiting on a blocking read). Without a poll installed nothing is ever
/// interrupted.
///
/// ```swift
/// Interruption.install { flag.load() }
/// for f in work { try Interruption.check(); try f() }   // throws Interrupted on Ctrl-C
/// ```
public enum Interruption {
    nonisolated(unsafe) private static var poll: @Sendable () -> Bool = { false }

    /// Sets the poll (call once at startup, before other threads run).
    public static func install(_ poll: @escaping @Sendable () -> Bool) { self.poll = poll }

    /// Whether an interrupt is pending. Cheap: one indirect call and an atomic load.
    public static var isRequested: Bool { poll() }

    /// Throws ``Interrupted`` when an interrupt is pending.
    @inline(__always)
    public static func check() throws(Interrupted) {
        if poll() { throw Interrupted() }
    }
}

/// A long operation stopped because of Ctrl-C. The language reports it as `interrupted`
/// (exit status 130 in a script; the REPL keeps its session).
public struct Interrupted: Error, Sendable, Equatable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
