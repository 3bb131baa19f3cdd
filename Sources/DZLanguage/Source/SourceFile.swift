/// A named piece of dz source text: a script, a `-e` argument, stdin, or one REPL entry.
///
/// Positions inside it are byte offsets into ``text``'s UTF-8 (``SourceLocation``);
/// ``lineAndColumn(of:)`` turns one into a 1-based line and column for display.
///
/// ```swift
/// let file = SourceFile(name: "<repl>", text: "x = (1 +")
/// file.lineAndColumn(of: SourceLocation(offset: 4))   // (line: 1, column: 5)
/// ```
public struct SourceFile: Hashable, Sendable {
    /// The address of the file's bytes: copies of one file share it, two files never do
    /// (nil for an empty file, whose storage may be shared by all empty arrays).
    var storageKey: UnsafeRawPointer? {
        bytes.isEmpty ? nil : bytes.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    /// The name shown in diagnostics: a path, `<stdin>`, `<repl>` or `<string>`.
    public let name: String
    /// The full source text.
    public let text: String
    /// The UTF-8 bytes of ``text``; offsets index into this.
    let bytes: [UInt8]
    /// The byte offset at which each line starts (line 1 starts at 0).
    let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The number of lines (a trailing newline starts an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The 1-based line containing `offset`.
    public func line(of offset: Int) -> Int {
        // The last line start <= offset, by binary search.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The 1-based line and column of `location`; columns count Unicode scalars.
    public func lineAndColumn(of location: SourceLocation) -> (line: Int, column: Int) {
        let offset = min(max(location.offset, 0), bytes.count)
        let line = line(of: offset)
        return (line, scalarCount(lineStarts[line - 1]..<offset) + 1)
    }

    /// The text of the 1-based `line`, without its line terminator (`\n` or `\r\n`).
    public func text(ofLine line: Int) -> String {
        let range = byteRange(ofLine: line)
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The source text covered by `range`.
    public func text(of range: SourceRange) -> String {
        let lo = min(max(range.start.offset, 0), bytes.count)
        let hi = min(max(range.end.offset, lo), bytes.count)
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// The byte range of the 1-based `line`, without its terminator.
    func byteRange(ofLine line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// The number of Unicode scalars in a byte range (UTF-8 continuation bytes are not counted).
    func scalarCount(_ range: Range<Int>) -> Int {
        var n = 0
        for i in range where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
