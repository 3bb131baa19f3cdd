/// Splits a ``SourceFile`` into ``Token``s, one at a time (``next()``).
///
/// A value type over the file's UTF-8 bytes. It skips spaces, tabs, `\r` and `#`
/// comments, and keeps a stack of open brackets: a newline inside `(` or `[` is skipped,
/// elsewhere (top level or inside `{`) it is a ``TokenKind/newline`` token. Errors
/// (unexpected characters, unterminated strings, bad escapes, malformed numbers) are
/// thrown as ``Diagnostic``s with the offending range.
///
/// A `:` that starts a line outside every bracket and block is a REPL command (`:vars`,
/// `:time x @ W`): the rest of its line becomes one ``TokenKind/command`` token, so a
/// transcript of a REPL session runs as a script.
struct Lexer {
    let source: SourceFile
    private let bytes: [UInt8]
    /// The offset of the next unread byte.
    private(set) var position = 0
    /// The brackets `( [ {` opened and not yet closed, innermost last, with their offsets.
    private(set) var openBrackets: [(kind: UInt8, offset: Int)] = []
    /// Whether no token has been returned yet on the current line.
    private var atLineStart = true

    /// Where lexing stops (the end of the file, or of an f-string's field).
    private let end: Int

    init(_ source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
        self.end = source.bytes.count
    }

    /// A lexer over `range` of the file only (an f-string's expression), with the
    /// offsets of the whole file.
    init(_ source: SourceFile, range: Range<Int>) {
        self.source = source
        self.bytes = source.bytes
        self.end = range.upperBound
        self.position = range.lowerBound
        self.atLineStart = false
    }

    /// Lexes the whole file (for tests and tools); ends with the ``TokenKind/eof`` token.
    static func tokenize(_ source: SourceFile) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        repeat { tokens.append(try lexer.next()) } while tokens.last?.kind != .eof
        return tokens
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        position + ahead < end ? bytes[position + ahead] : nil
    }

    private static func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    private static func isIdentifierStart(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "_")
    }
    private static func isIdentifierPart(_ b: UInt8?) -> Bool { isIdentifierStart(b) || isDigit(b) }

    /// The next token; ``TokenKind/eof`` forever at the end.
    mutating func next() throws(Diagnostic) -> Token {
        while let b = peek() {
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#"):
                while let c = peek(), c != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "\n"):
                position += 1
                if let top = openBrackets.last?.kind, top != UInt8(ascii: "{") { continue }
                atLineStart = true
                return Token(.newline, SourceRange(position - 1, position))
            case UInt8(ascii: ":") where atLineStart && openBrackets.isEmpty:
                atLineStart = false
                return lexCommand()
            default:
                atLineStart = false
                return try lexToken()
            }
        }
        return Token(.eof, .empty(at: end))
    }

    /// A REPL command: from the `:` to the end of the line (without a trailing `\r`).
    private mutating func lexCommand() -> Token {
        let start = position
        while let c = peek(), c != UInt8(ascii: "\n") { position += 1 }
        var end = position
        if end > start + 1, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Token(.command, SourceRange(start, end))
    }

    private mutating func lexToken() throws(Diagnostic) -> Token {
        let start = position
        let b = bytes[position]
        if (b == UInt8(ascii: "f") || b == UInt8(ascii: "F")), peek(1) == UInt8(ascii: "\"") || peek(1) == UInt8(ascii: "'") {
            return try lexFormattedString()
        }
        if Self.isIdentifierStart(b) { return lexIdentifier() }
        if Self.isDigit(b) || (b == UInt8(ascii: ".") && Self.isDigit(peek(1))) { return try lexNumber() }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return try lexString() }

        position += 1
        func token(_ kind: TokenKind) -> Token { Token(kind, SourceRange(start, position)) }
        /// Consumes `next` if it follows, choosing between two kinds.
        func either(_ next: Character, _ long: TokenKind, _ short: TokenKind) -> Token {
            if peek() == next.asciiValue { position += 1; return token(long) }
            return token(short)
        }
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            openBrackets.append((b, start))
            return token(b == UInt8(ascii: "(") ? .leftParen : b == UInt8(ascii: "[") ? .leftBracket : .leftBrace)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            if !openBrackets.isEmpty { openBrackets.removeLast() }
            return token(b == UInt8(ascii: ")") ? .rightParen : b == UInt8(ascii: "]") ? .rightBracket : .rightBrace)
        case UInt8(ascii: "+"): return either("=", .plusEqual, .plus)
        case UInt8(ascii: "-"): return either("=", .minusEqual, .minus)
        case UInt8(ascii: "/"):
            if peek() == UInt8(ascii: "/") { position += 1; return token(.slashSlash) }
            return either("=", .slashEqual, .slash)
        case UInt8(ascii: "*"):
            if peek() == UInt8(ascii: "*") { position += 1; return token(.starStar) }
            return either("=", .starEqual, .star)
        case UInt8(ascii: "="): return either("=", .equalEqual, .equal)
        case UInt8(ascii: "<"): return either("=", .lessEqual, .less)
        case UInt8(ascii: ">"): return either("=", .greaterEqual, .greater)
        case UInt8(ascii: "@"): return token(.at)
        case UInt8(ascii: "%"): return token(.percent)
        case UInt8(ascii: ","): return token(.comma)
        case UInt8(ascii: ":"): return token(.colon)
        case UInt8(ascii: ";"): return token(.semicolon)
        case UInt8(ascii: "."):
            if peek() == UInt8(ascii: ".") && peek(1) == UInt8(ascii: ".") { position += 2; return token(.ellipsis) }
            return token(.dot)
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "=") { position += 1; return token(.bangEqual) }
            throw Diagnostic(SyntaxMessage.unexpectedCharacter("'!'", hint: "use 'not' for logical negation"),
                             at: SourceRange(start, position))
        case UInt8(ascii: "&") where peek() == UInt8(ascii: "&"):
            throw Diagnostic(SyntaxMessage.unexpectedCharacter("'&'", hint: "use 'and'"), at: SourceRange(start, start + 2))
        case UInt8(ascii: "|") where peek() == UInt8(ascii: "|"):
            throw Diagnostic(SyntaxMessage.unexpectedCharacter("'|'", hint: "use 'or'"), at: SourceRange(start, start + 2))
        default:
            position = start
            throw unexpectedCharacter()
        }
    }

    /// An error for the (possibly multi-byte) character at `position`.
    private func unexpectedCharacter() -> Diagnostic {
        let start = position
        var end = start + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let scalar = text.unicodeScalars.first!
        let shown: String
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .privateUse, .surrogate, .unassigned:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            shown = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        default:
            shown = "'\(text)'"
        }
        return Diagnostic(SyntaxMessage.unexpectedCharacter(shown, hint: nil), at: SourceRange(start, end))
    }

    private mutating func lexIdentifier() -> Token {
        let start = position
        while Self.isIdentifierPart(peek()) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(TokenKind.keywords[name] ?? .identifier(name), SourceRange(start, position))
    }

    /// Digits with single `_` separators between them; returns whether any digit was read.
    private mutating func digits() -> Bool {
        var any = false
        while let b = peek() {
            if Self.isDigit(b) { any = true; position += 1 }
            else if b == UInt8(ascii: "_") && any && Self.isDigit(peek(1)) { position += 1 }
            else { break }
        }
        return any
    }

    /// `2`, `2.0`, `2.`, `.5`, `1e-3`, `1_000`. Letters, digits or `_` right after a number
    /// make the whole run an invalid literal (`2x`, `1e`, `1__0`).
    private mutating func lexNumber() throws(Diagnostic) -> Token {
        let start = position
        _ = digits()
        if peek() == UInt8(ascii: ".") && !Self.isIdentifierStart(peek(1)) && peek(1) != UInt8(ascii: ".") {
            position += 1
            _ = digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let save = position
            position += 1
            let signed = peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-")
            if signed { position += 1 }
            if Self.isDigit(peek()) {
                _ = digits()
            } else if signed {
                // `1e+` or `1e-`: an exponent without digits.
                throw Diagnostic(SyntaxMessage.invalidNumber(String(decoding: bytes[start..<position], as: UTF8.self)),
                                 at: SourceRange(start, position))
            } else {
                position = save
            }
        }
        if Self.isIdentifierPart(peek()) || (peek() == UInt8(ascii: ".") && Self.isDigit(peek(1))) {
            while Self.isIdentifierPart(peek()) || peek() == UInt8(ascii: ".") { position += 1 }
            throw Diagnostic(SyntaxMessage.invalidNumber(String(decoding: bytes[start..<position], as: UTF8.self)),
                             at: SourceRange(start, position))
        }
        let text = String(decoding: bytes[start..<position].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            // An integer: int64, as numpy's np.array(2); one beyond int64 is an error, not a float.
            guard let value = Int64(text) else {
                throw Diagnostic(SyntaxMessage.integerTooLarge(String(decoding: bytes[start..<position], as: UTF8.self)),
                                 at: SourceRange(start, position))
            }
            return Token(.number(.integer(value)), SourceRange(start, position))
        }
        guard let value = Double(text) else {
            throw Diagnostic(SyntaxMessage.invalidNumber(String(decoding: bytes[start..<position], as: UTF8.self)),
                             at: SourceRange(start, position))
        }
        return Token(.number(.float(value)), SourceRange(start, position))
    }

    /// A `"…"` or `'…'` string; may span lines; escapes `\n \t \r \0 \\ \" \'`.
    private mutating func lexString() throws(Diagnostic) -> Token {
        let start = position
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            // An unterminated string points at the opening quote and the rest of its line.
            guard let b = peek() else { throw unterminatedString(from: start) }
            position += 1
            if b == quote { break }
            if value.count >= Parser.maxStringLiteralBytes {
                throw Diagnostic(SyntaxMessage.stringTooLong(limit: Parser.maxStringLiteralBytes), at: SourceRange(start, start + 1))
            }
            guard b == UInt8(ascii: "\\") else { value.append(b); continue }
            guard let e = peek() else { continue }  // unterminated; reported above
            value.append(try escaped(e, backslashAt: position - 1))
            position += 1
        }
        return Token(.string(String(decoding: value, as: UTF8.self)), SourceRange(start, position))
    }

    /// `f"..."`: text with `{expression!r:spec}` fields. A field's expression may hold
    /// brackets and strings in the other quote; `{{` and `}}` are literal braces.
    private mutating func lexFormattedString() throws(Diagnostic) -> Token {
        let start = position
        position += 1
        let quote = bytes[position]
        position += 1
        var pieces: [FStringPiece] = []
        var text: [UInt8] = []
        func unterminated() -> Diagnostic { unterminatedString(from: start) }
        func flushText() {
            if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
        }
        while true {
            guard let b = peek(), b != UInt8(ascii: "\n") else { throw unterminated() }
            if b == quote { position += 1; break }
            if text.count >= Parser.maxStringLiteralBytes {
                throw Diagnostic(SyntaxMessage.stringTooLong(limit: Parser.maxStringLiteralBytes), at: SourceRange(start, start + 1))
            }
            switch b {
            case UInt8(ascii: "{") where peek(1) == UInt8(ascii: "{"), UInt8(ascii: "}") where peek(1) == UInt8(ascii: "}"):
                text.append(b); position += 2
            case UInt8(ascii: "}"):
                throw Diagnostic(SyntaxMessage.pythonConstruct("a single '}' in an f-string must be doubled: '}}'"), at: SourceRange(position, position + 1))
            case UInt8(ascii: "{"):
                flushText()
                pieces.append(try lexField(quote: quote, stringStart: start))
            case UInt8(ascii: "\\"):
                guard let e = peek(1) else { throw unterminated() }
                text.append(try escaped(e, backslashAt: position))
                position += 2
            default:
                text.append(b); position += 1
            }
        }
        flushText()
        return Token(.formattedString(pieces), SourceRange(start, position))
    }

    /// One `{expression!conversion:spec}` of an f-string, `position` at its `{`.
    /// The byte the escape `\e` stands for (`\n \t \r \0 \\ \" \'`), for strings and
    /// f-strings alike; `at` is the backslash's offset, where an unknown escape is reported.
    private func escaped(_ e: UInt8, backslashAt at: Int) throws(Diagnostic) -> UInt8 {
        switch e {
        case UInt8(ascii: "n"): return UInt8(ascii: "\n")
        case UInt8(ascii: "t"): return UInt8(ascii: "\t")
        case UInt8(ascii: "r"): return UInt8(ascii: "\r")
        case UInt8(ascii: "0"): return 0
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): return e
        default:
            var stop = at + 2
            while stop < end && bytes[stop] & 0xC0 == 0x80 { stop += 1 }
            throw Diagnostic(SyntaxMessage.unknownEscape(String(decoding: bytes[at..<stop], as: UTF8.self)), at: SourceRange(at, stop))
        }
    }

    /// An unterminated string starting at `start`: its quote and the rest of its line.
    private func unterminatedString(from start: Int) -> Diagnostic {
        var stop = start + 1
        while stop < end && bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
        return Diagnostic(SyntaxMessage.unterminatedString, at: SourceRange(start, stop))
    }

    private mutating func lexField(quote: UInt8, stringStart: Int) throws(Diagnostic) -> FStringPiece {
        let open = position
        position += 1
        let exprStart = position
        var depth = 0
        var inner: UInt8? = nil
        var exprEnd: Int? = nil
        var conversion: Character? = nil
        while true {
            guard let b = peek(), b != UInt8(ascii: "\n"), b != quote || inner != nil else {
                throw Diagnostic(SyntaxMessage.expectedClosing(closer: "}", opener: "{", line: source.lineAndColumn(of: SourceLocation(offset: open)).line,
                                                               column: source.lineAndColumn(of: SourceLocation(offset: open)).column), at: SourceRange(open, position))
            }
            if let q = inner {
                if b == q { inner = nil }
                position += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): inner = b
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "}") where depth > 0: depth -= 1
            case UInt8(ascii: "!") where depth == 0 && peek(1) != UInt8(ascii: "="):
                exprEnd = position
                guard let c = peek(1), c == UInt8(ascii: "r") || c == UInt8(ascii: "s") || c == UInt8(ascii: "a") else {
                    throw Diagnostic(SyntaxMessage.pythonConstruct("an f-string conversion is !r, !s or !a"), at: SourceRange(position, position + 2))
                }
                conversion = Character(Unicode.Scalar(c))
                position += 2
                guard peek() == UInt8(ascii: ":") || peek() == UInt8(ascii: "}") else {
                    throw Diagnostic(SyntaxMessage.pythonConstruct("expected ':' or '}' after the conversion !\(conversion!)"), at: SourceRange(position, position + 1))
                }
                continue
            case UInt8(ascii: ":") where depth == 0, UInt8(ascii: "}") where depth == 0:
                if exprEnd == nil { exprEnd = position }
            default: break
            }
            if let stop = exprEnd, peek() == UInt8(ascii: ":") || peek() == UInt8(ascii: "}") {
                var spec: [UInt8] = []
                if peek() == UInt8(ascii: ":") {
                    position += 1
                    while let c = peek(), c != UInt8(ascii: "}") {
                        if c == quote || c == UInt8(ascii: "\n") { throw unterminatedString(from: stringStart) }
                        if c == UInt8(ascii: "{") {
                            throw Diagnostic(SyntaxMessage.pythonConstruct("a format spec cannot hold a '{' field in dz; write the spec out (f\"{x:8.3f}\")"), at: SourceRange(position, position + 1))
                        }
                        spec.append(c); position += 1
                    }
                    guard peek() == UInt8(ascii: "}") else { throw unterminatedString(from: stringStart) }
                }
                position += 1  // the closing `}`
                let trimmed = (exprStart..<stop).drop { bytes[$0] == UInt8(ascii: " ") }
                guard trimmed.contains(where: { bytes[$0] != UInt8(ascii: " ") }) else {
                    throw Diagnostic(SyntaxMessage.pythonConstruct("an f-string field needs an expression: f\"{x}\""), at: SourceRange(open, position))
                }
                return .field(expression: exprStart..<stop, conversion: conversion, spec: String(decoding: spec, as: UTF8.self))
            }
            position += 1
        }
    }
}
