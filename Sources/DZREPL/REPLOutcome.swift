/// What evaluating one entry or running one command produced.
public struct REPLOutcome: Equatable, Sendable {
    /// Text for stdout (a newline is added if it lacks one); empty prints nothing.
    public var output: String
    /// Text for stderr (a newline is added if it lacks one); non-empty means the entry failed.
    public var error: String
    /// Whether the session should end after printing.
    public var quits: Bool

    public init(output: String = "", error: String = "", quits: Bool = false) {
        self.output = output
        self.error = error
        self.quits = quits
    }

    /// Nothing to print.
    public static let nothing = REPLOutcome()
    /// End the session.
    public static let quit = REPLOutcome(quits: true)
    /// Print `text` on stdout.
    public static func output(_ text: String) -> REPLOutcome { REPLOutcome(output: text) }
    /// Print `text` on stderr; the entry failed.
    public static func error(_ text: String) -> REPLOutcome { REPLOutcome(error: text) }

    /// Whether the entry failed (there is error text).
    public var failed: Bool { !error.isEmpty }
}

/// Where `REPLSession` writes: stdout and stderr by default.
public struct REPLWriter {
    public var output: (String) -> Void
    public var error: (String) -> Void

    public init(output: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.output = output
        self.error = error
    }

    /// C stdio stdout and stderr (the streams libedit uses), flushed after each write.
    public static var standard: REPLWriter {
        REPLWriter(output: { StandardStreams.write($0, toError: false) },
                   error: { StandardStreams.write($0, toError: true) })
    }
}
