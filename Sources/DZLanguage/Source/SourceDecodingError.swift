/// Why raw bytes could not become a ``SourceFile``: the diagnostic, and the text to show it in.
///
/// For invalid UTF-8, ``source`` is the text with each invalid sequence replaced by U+FFFD
/// and the diagnostic points at the first one, so it renders as any other error
/// (`FILE:LINE:COL: error: …`, the line, a caret). A source too long has no position:
/// ``source`` is nil and ``rendered(by:)`` gives `FILE: error: …`.
public struct SourceDecodingError: Error, Sendable {
    public let diagnostic: Diagnostic
    /// The name of the file or stream the bytes came from.
    public let name: String
    /// The replacement-decoded text the diagnostic points into, or nil when it has no position.
    public let source: SourceFile?

    public init(_ diagnostic: Diagnostic, name: String, source: SourceFile?) {
        self.diagnostic = diagnostic
        self.name = name
        self.source = source
    }

    /// The message as users see it, without a trailing newline.
    public func rendered(by renderer: DiagnosticRenderer) -> String {
        guard let source else { return "\(name): \(diagnostic.severity.rawValue): \(diagnostic.message)" }
        return renderer.render(diagnostic, in: source)
    }
}
