#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Reads lines from stdin with no prompt, no escapes and no history: for pipes, files and
/// any case where stdin or stdout is not a terminal.
public struct PlainLineEditor: LineEditor {
    public init() {}

    /// Reads one line. Ctrl-C while it waits (the read fails with EINTR) drops the line and
    /// gives `.interrupted`, as in the line editor, instead of ending the session.
    public mutating func readLine(prompt: String) -> LineResult {
        errno = 0
        if let line = Swift.readLine(strippingNewline: true) { return .line(line) }
        if ferror(stdin) != 0 && errno == EINTR {
            clearerr(stdin)
            if Interrupt.take() { return .interrupted }
            return readLine(prompt: prompt)
        }
        return .eof
    }

    public mutating func addHistory(_ entry: String) {}
}
