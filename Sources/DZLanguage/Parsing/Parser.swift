/// Builds the AST (``Stmt``, ``Expr``) of a ``SourceFile``.
///
/// A recursive-descent parser with one method per precedence level (jlox style), the
/// grammar split across `Parser+*.swift`. It pulls tokens lazily from a ``Lexer``, one
/// token of lookahead, and stops at the first error, so the error reported is the
/// earliest one in the text, lexical or syntactic.
///
/// ```swift
/// let file = SourceFile(name: "<repl>", text: "y = x @ W + b")
/// let (program, diagnostics) = Parser.parse(file)
/// // program[0].description == "(= y (+ (@ x W) b))", diagnostics == []
/// ```
///
/// Pathological input is refused, not crashed on: more than ``maxNesting`` nested
/// brackets, blocks or prefix operators, or an expression tree more than
/// ``maxComplexity`` operations high, is an error.
public struct Parser {
    /// The deepest nesting of brackets, blocks and prefix operators accepted.
    public static let maxNesting = 200
    /// The highest expression tree accepted (nesting plus operators in a chain such as `a+b+c+…`).
    public static let maxComplexity = 1000
    /// The longest source text accepted (a file, `-e`, stdin or a REPL entry): 16 MiB.
    public static let maxSourceBytes = 16 << 20
    /// The longest string literal accepted, in bytes after escapes: 1 MiB.
    public static let maxStringLiteralBytes = 1 << 20

    let source: SourceFile
    var lexer: Lexer
    /// The token being looked at (not yet consumed).
    var current: Token
    /// The last token consumed.
    var previous: Token
    /// The end of the last consumed token that is not a newline or `;` (where a missing
    /// token is reported when the input ends or a line ends early).
    var lastSignificantEnd = 0

    /// Brackets, blocks and prefix operators currently open.
    var nesting = 0
    /// An upper bound on the height of the expression tree being built.
    var complexity = 0
    /// Loops around the current statement, within the current function.
    var loopDepth = 0
    /// Functions around the current statement.
    var functionDepth = 0

    private init(_ source: SourceFile) throws(Diagnostic) {
        if source.bytes.count > Self.maxSourceBytes {
            throw Diagnostic(SyntaxMessage.sourceTooLong(limit: Self.maxSourceBytes), at: .empty(at: 0))
        }
        self.source = source
        self.lexer = Lexer(source)
        let start = Token(.newline, .empty(at: 0))
        self.current = start
        self.previous = start
    }

    /// Parses a whole file. Diagnostics hold the first error, if any; the program is then
    /// empty. (The tool reports the first error and exits; the REPL reports one per entry.)
    public static func parse(_ source: SourceFile) -> (program: [Stmt], diagnostics: [Diagnostic]) {
        do {
            return (try parseProgram(source), [])
        } catch {
            return ([], [error])
        }
    }

    /// Parses a whole file, throwing the first error.
    ///
    /// Parsing recurses about a dozen frames per nesting level, so it runs on a
    /// ``LargeStack`` thread: ``maxNesting`` levels then fit whatever thread calls it (a
    /// 512 KB worker thread overflowed at 200 levels under AddressSanitizer).
    public static func parseProgram(_ source: SourceFile) throws(Diagnostic) -> [Stmt] {
        try LargeStack.run { () -> Result<[Stmt], Diagnostic> in
            do throws(Diagnostic) { return .success(try parseProgramOnThisStack(source)) } catch { return .failure(error) }
        }.get()
    }

    private static func parseProgramOnThisStack(_ source: SourceFile) throws(Diagnostic) -> [Stmt] {
        var parser = try Parser(source)
        try parser.advance()
        return try parser.parseStatements()
    }

    /// Parses the expression of an f-string's field, in place in the file (its errors
    /// point into the string), counting the nesting around the f-string.
    static func parseField(_ source: SourceFile, range: Range<Int>, nesting: Int) throws(Diagnostic) -> Expr {
        var parser = try Parser(source)
        parser.lexer = Lexer(source, range: range)
        // An f-string inside an f-string's field nests like a bracket (and is refused as deep).
        parser.nesting = nesting + 1
        if parser.nesting > Self.maxNesting {
            throw Diagnostic(SyntaxMessage.nestedTooDeeply("f-strings", limit: Self.maxNesting), at: SourceRange(range.lowerBound, range.lowerBound))
        }
        try parser.advance()
        if !parser.canStartExpression(parser.current.kind) {
            throw parser.error(.expectedExpression(after: "'{' in the f-string"), at: parser.current.range)
        }
        let expr = try parser.parseExpression()
        guard parser.check(.eof) else {
            throw parser.error(.expected("'}'", context: "to end the f-string's field, found \(parser.describe(parser.current))"), at: parser.current.range)
        }
        return expr
    }

    /// Parses one expression filling the whole text (for the REPL's `:graph EXPR`).
    public static func parseExpression(_ source: SourceFile) throws(Diagnostic) -> Expr {
        try LargeStack.run { () -> Result<Expr, Diagnostic> in
            do throws(Diagnostic) { return .success(try parseExpressionOnThisStack(source)) } catch { return .failure(error) }
        }.get()
    }

    private static func parseExpressionOnThisStack(_ source: SourceFile) throws(Diagnostic) -> Expr {
        var parser = try Parser(source)
        try parser.advance()
        try parser.skipSeparators()
        if !parser.canStartExpression(parser.current.kind) {
            throw parser.error(.unexpectedToken(parser.describe(parser.current)), at: parser.current.range)
        }
        let expr = try parser.parseExpression()
        try parser.skipSeparators()
        guard parser.check(.eof) else {
            throw parser.error(.expectedStatementEnd(found: parser.describe(parser.current)),
                               at: parser.current.range)
        }
        return expr
    }

    // MARK: - Tokens

    /// Consumes the current token and returns it.
    @discardableResult
    mutating func advance() throws(Diagnostic) -> Token {
        previous = current
        if current.kind != .newline && current.kind != .semicolon { lastSignificantEnd = current.range.end.offset }
        current = try lexer.next()
        return previous
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    /// Consumes the current token if it is `kind`.
    mutating func match(_ kind: TokenKind) throws(Diagnostic) -> Bool {
        guard check(kind) else { return false }
        try advance()
        return true
    }

    /// Skips newlines and `;` between statements.
    mutating func skipSeparators() throws(Diagnostic) {
        while check(.newline) || check(.semicolon) { try advance() }
    }

    /// Whether the current token ends a statement (without consuming it).
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .semicolon, .rightBrace, .eof: true
        default: false
        }
    }

    /// Consumes the closer of `opener`, or reports `expected ')' to close '(' at L:C`.
    mutating func expectClosing(_ closer: TokenKind, of opener: Token) throws(Diagnostic) {
        if try match(closer) { return }
        let (line, column) = source.lineAndColumn(of: opener.range.start)
        throw errorAtCurrent(.expectedClosing(closer: closer.spelling!, opener: opener.kind.spelling!,
                                              line: line, column: column))
    }

    // MARK: - Errors

    func error(_ message: SyntaxMessage, at range: SourceRange) -> Diagnostic {
        Diagnostic(message, at: range)
    }

    /// An error at the current token; at a newline or the end of input, it points just
    /// after the last significant token instead (where the missing thing should have been).
    func errorAtCurrent(_ message: SyntaxMessage) -> Diagnostic {
        switch current.kind {
        case .newline, .eof: error(message, at: .empty(at: lastSignificantEnd))
        default: error(message, at: current.range)
        }
    }

    /// How a token is named in messages: `'+'`, `'foo'`, `'2.5'`, `a string`,
    /// `end of line`, `end of input`. Very long names are cut to 32 characters and `…`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .eof: return "end of input"
        case .string: return "a string"
        case .formattedString: return "an f-string"
        default:
            let text = source.text(of: token.range)
            return "'\(shortenedName(text, limit: 32))'"
        }
    }

    // MARK: - Limits

    /// Enters a bracket, block or prefix operator; call ``leaveNesting()`` on the way out.
    mutating func enterNesting(at token: Token) throws(Diagnostic) {
        nesting += 1
        complexity += 1
        if nesting > Self.maxNesting {
            let what = token.kind == .leftBrace ? "blocks" : "expression"
            throw error(.nestedTooDeeply(what, limit: Self.maxNesting), at: token.range)
        }
        if complexity > Self.maxComplexity {
            throw error(.tooComplex(limit: Self.maxComplexity), at: token.range)
        }
    }

    mutating func leaveNesting() {
        nesting -= 1
        complexity -= 1
    }

    /// Counts one more operator in a left-associative chain (undone by the caller at its end).
    mutating func countOperator(at token: Token) throws(Diagnostic) {
        complexity += 1
        if complexity > Self.maxComplexity {
            throw error(.tooComplex(limit: Self.maxComplexity), at: token.range)
        }
    }
}
