extension SourceFile {
    /// How many bytes of a file or stream to read at most: one more than the longest source
    /// accepted, so that `/dev/zero` or an endless pipe is `source text too long`, not a
    /// read that exhausts memory.
    public static let readingLimit = Parser.maxSourceBytes + 1

    /// A source file from raw bytes, refusing invalid UTF-8 at the first bad byte (rather
    /// than replacing it and running something else): the error's source shows the line with
    /// U+FFFD for the invalid bytes and its caret under the first one. More than
    /// ``Parser/maxSourceBytes`` bytes is `source text too long`, before any decoding, so a
    /// reader may stop after `maxSourceBytes + 1` bytes (``readingLimit``).
    public static func decoding(_ bytes: [UInt8], name: String) throws(SourceDecodingError) -> SourceFile {
        if bytes.count > Parser.maxSourceBytes {
            throw SourceDecodingError(Diagnostic(SyntaxMessage.sourceTooLong(limit: Parser.maxSourceBytes), at: .empty(at: 0)),
                                      name: name, source: nil)
        }
        // A UTF-8 byte order mark (some editors write one) is skipped, as Python does.
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && i + length <= bytes.count
            if valid {
                for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { valid = false }
            }
            if valid, length > 1 {
                // Overlongs, surrogates and values beyond U+10FFFF.
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) {
                    valid = false
                }
            }
            guard valid else {
                let hex = String(b, radix: 16, uppercase: true)
                // The bytes before `i` are valid, so offset `i` is the same in the replaced text.
                let diagnostic = Diagnostic(severity: .error, id: "source.invalid-utf8",
                                            message: "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" + hex : hex); dz reads UTF-8 text",
                                            range: SourceRange(i, i + 1))
                throw SourceDecodingError(diagnostic, name: name,
                                          source: SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self)))
            }
            i += length
        }
        return SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self))
    }
}
