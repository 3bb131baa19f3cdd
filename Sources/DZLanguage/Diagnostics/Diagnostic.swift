/// How serious a ``Diagnostic`` is.
public enum Severity: String, Hashable, Sendable {
    case error, warning, note
}

/// A message from a catalog: a stable identifier plus user-facing text.
///
/// Text is lowercase with no trailing period and says what was expected, e.g.
/// `expected ')' to close '(' at 1:5`. ``SyntaxMessage`` is the front end's catalog;
/// later phases (the evaluator) add their own conforming enums.
public protocol DiagnosticMessage: Sendable {
    /// A stable identifier, e.g. `syntax.expected-expression`; tests and tools may rely on it.
    var id: String { get }
    /// The user-facing message.
    var text: String { get }
    /// Error unless stated otherwise.
    var severity: Severity { get }
}

extension DiagnosticMessage {
    public var severity: Severity { .error }
}

/// A problem found in a ``SourceFile``: what, where and how bad.
///
/// Diagnostics are data; ``DiagnosticRenderer`` turns one into the text users see.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// The catalog identifier of the message (``DiagnosticMessage/id``).
    public var id: String
    /// The user-facing message, e.g. `unexpected '}'`.
    public var message: String
    /// The source the diagnostic points at; the renderer puts the caret at its start.
    public var range: SourceRange
    /// For a runtime error inside user functions: the calls it happened in, outermost
    /// first, the last being the error's own place (Python's traceback); empty otherwise.
    public var callChain: [CallChainEntry] = []

    public init(severity: Severity = .error, id: String, message: String, range: SourceRange) {
        self.severity = severity
        self.id = id
        self.message = message
        self.range = range
    }

    /// A diagnostic with a catalog message.
    public init(_ message: some DiagnosticMessage, at range: SourceRange) {
        self.init(severity: message.severity, id: message.id, message: message.text, range: range)
    }

    public var description: String { "\(severity.rawValue): \(message) at \(range)" }
}

/// One line of a ``Diagnostic/callChain``: where, in which function, and the source line.
public struct CallChainEntry: Hashable, Sendable {
    /// `FILE:LINE:COL`.
    public var location: String
    /// `at top level`, or `in f`.
    public var context: String
    /// The source line, and the byte offset in it of the place (where a long line's
    /// window is centred).
    public var line: String
    public var offsetInLine: Int

    public init(location: String, context: String, line: String, offsetInLine: Int) {
        self.location = location
        self.context = context
        self.line = line
        self.offsetInLine = offsetInLine
    }
}
