/// A position in a ``SourceFile``: a byte offset into its UTF-8 text.
///
/// Line and column are computed only when a diagnostic is rendered
/// (``SourceFile/lineAndColumn(of:)``).
public struct SourceLocation: Hashable, Comparable, Sendable {
    /// The byte offset from the start of the file's UTF-8 text.
    public var offset: Int

    public init(offset: Int) { self.offset = offset }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool { lhs.offset < rhs.offset }
}

/// A half-open range of UTF-8 byte offsets, `start..<end`, in a ``SourceFile``.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The range `start..<end` of byte offsets.
    public init(_ start: Int, _ end: Int) {
        self.init(start: SourceLocation(offset: start), end: SourceLocation(offset: end))
    }

    /// An empty range at `offset` (used for "expected … here" diagnostics at the end of a token).
    public static func empty(at offset: Int) -> SourceRange { SourceRange(offset, offset) }

    /// The byte offsets as a Swift range.
    public var offsets: Range<Int> { start.offset..<end.offset }

    /// The smallest range covering both `self` and `other`.
    public func to(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start.offset)..<\(end.offset)" }
}
