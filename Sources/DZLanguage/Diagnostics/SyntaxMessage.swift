/// The catalog of lexer and parser messages.
///
/// Each case has a stable ``id`` (`syntax.<name>`) and lowercase ``text`` without a
/// trailing period that says what was expected.
public enum SyntaxMessage: DiagnosticMessage, Hashable {
    // Lexer.
    /// A character that cannot start a token; `hint` suggests the dz spelling.
    case unexpectedCharacter(String, hint: String?)
    /// A string literal without its closing quote.
    case unterminatedString
    /// A backslash escape other than `\n \t \r \0 \\ \" \'`.
    case unknownEscape(String)
    /// A malformed number such as `1e`, `1__0` or `2x`.
    case invalidNumber(String)
    /// An integer literal beyond int64.
    case integerTooLarge(String)
    /// A string literal longer than ``Parser/maxStringLiteralBytes``.
    case stringTooLong(limit: Int)
    /// A source text longer than ``Parser/maxSourceBytes``.
    case sourceTooLong(limit: Int)

    // Parser.
    /// A token that cannot appear here at all, e.g. `}` at the start of a statement.
    case unexpectedToken(String)
    /// An operand or value is missing after `previous` (a quoted token).
    case expectedExpression(after: String)
    /// A list or block is not closed: `expected ')' to close '(' at 1:5`.
    case expectedClosing(closer: String, opener: String, line: Int, column: Int)
    /// A specific token or construct was expected in a context, e.g. `'{'` after `if condition`.
    case expected(String, context: String)
    /// Two statements on one line without `;`.
    case expectedStatementEnd(found: String)
    /// `else` at the start of a statement.
    case elseWithoutIf
    case breakOutsideLoop
    case continueOutsideLoop
    case returnOutsideFunction
    /// An assignment whose target is not a name or a tuple of names; `what` says what it is.
    case cannotAssign(String)
    /// `+=` and friends on a tuple target.
    case compoundAssignNeedsName(String)
    /// In a call, `f(a=1, 2)`.
    case positionalAfterKeyword
    case duplicateKeywordArgument(String)
    /// `f(a.b=1)`.
    case keywordArgumentNotName
    case duplicateParameter(String, function: String)
    case parameterWithoutDefaultAfterDefault(String)
    /// More than ``Parser/maxNesting`` brackets, blocks or prefix operators inside each other;
    /// `what` is `expression` or `blocks`.
    case nestedTooDeeply(String, limit: Int)
    /// A class body statement other than a `def`; `found` describes it.
    case classBodyNotMethod(className: String, found: String)
    /// A Python construct dz spells differently (`import`, `lambda`, `with no_grad():`...):
    /// what it is and the dz way.
    case pythonConstruct(String)
    /// A method whose first parameter is not `self`.
    case methodNeedsSelf(method: String, className: String)
    /// An expression tree higher than ``Parser/maxComplexity`` (e.g. a very long `+` chain).
    case tooComplex(limit: Int)

    public var id: String {
        switch self {
        case .unexpectedCharacter: "syntax.unexpected-character"
        case .unterminatedString: "syntax.unterminated-string"
        case .unknownEscape: "syntax.unknown-escape"
        case .invalidNumber: "syntax.invalid-number"
        case .integerTooLarge: "syntax.integer-too-large"
        case .stringTooLong: "syntax.string-too-long"
        case .sourceTooLong: "syntax.source-too-long"
        case .unexpectedToken: "syntax.unexpected-token"
        case .expectedExpression: "syntax.expected-expression"
        case .expectedClosing: "syntax.expected-closing"
        case .expected: "syntax.expected"
        case .expectedStatementEnd: "syntax.expected-statement-end"
        case .elseWithoutIf: "syntax.else-without-if"
        case .breakOutsideLoop: "syntax.break-outside-loop"
        case .continueOutsideLoop: "syntax.continue-outside-loop"
        case .returnOutsideFunction: "syntax.return-outside-function"
        case .cannotAssign: "syntax.cannot-assign"
        case .compoundAssignNeedsName: "syntax.compound-assign-needs-name"
        case .positionalAfterKeyword: "syntax.positional-after-keyword"
        case .duplicateKeywordArgument: "syntax.duplicate-keyword-argument"
        case .keywordArgumentNotName: "syntax.keyword-argument-not-name"
        case .duplicateParameter: "syntax.duplicate-parameter"
        case .parameterWithoutDefaultAfterDefault: "syntax.parameter-without-default"
        case .nestedTooDeeply: "syntax.nested-too-deeply"
        case .classBodyNotMethod: "syntax.class-body"
        case .methodNeedsSelf: "syntax.method-needs-self"
        case .pythonConstruct: "syntax.python-construct"
        case .tooComplex: "syntax.too-complex"
        }
    }

    public var text: String {
        switch self {
        case let .unexpectedCharacter(c, hint):
            "unexpected character \(c)" + (hint.map { "; \($0)" } ?? "")
        case .unterminatedString: "unterminated string"
        case let .unknownEscape(e): "unknown escape sequence '\(e)' in string"
        case let .invalidNumber(n): "invalid number literal '\(shortenedName(n))'"
        case let .integerTooLarge(n): "integer literal '\(shortenedName(n))' is too large for int64 (at most 9223372036854775807); write it as a float, e.g. \(shortenedName(n)).0"
        case let .stringTooLong(limit): "string literal too long (limit \(limit) bytes)"
        case let .sourceTooLong(limit): "source text too long (limit \(limit) bytes)"
        case let .unexpectedToken(t): "unexpected \(t)"
        case let .expectedExpression(after): "expected an expression after \(after)"
        case let .expectedClosing(closer, opener, line, column):
            "expected '\(closer)' to close '\(opener)' at \(line):\(column)"
        case let .expected(what, context): "expected \(what) \(context)"
        case let .expectedStatementEnd(found): "expected ';' or a newline after the statement, found \(found)"
        case .elseWithoutIf: "'else' without 'if'; put 'else' on the same line as the closing '}'"
        case .breakOutsideLoop: "'break' outside a loop"
        case .continueOutsideLoop: "'continue' outside a loop"
        case .returnOutsideFunction: "'return' outside a function"
        case let .cannotAssign(what): "cannot assign to \(what)"
        case let .compoundAssignNeedsName(op): "'\(op)' needs a single name on its left"
        case .positionalAfterKeyword: "positional argument follows keyword argument"
        case let .duplicateKeywordArgument(name): "keyword argument '\(shortenedName(name))' repeated"
        case .keywordArgumentNotName: "expected a name before '=' in a keyword argument"
        case let .duplicateParameter(name, function): "duplicate parameter '\(shortenedName(name))' in function '\(shortenedName(function))'"
        case let .parameterWithoutDefaultAfterDefault(name):
            "parameter '\(shortenedName(name))' without a default follows a parameter with a default"
        case let .nestedTooDeeply(what, limit): "\(what) nested too deeply (limit \(limit))"
        case let .classBodyNotMethod(className, found):
            "a class body holds only method definitions ('def'), found \(found) in class '\(shortenedName(className))'"
        case let .pythonConstruct(text): text
        case let .methodNeedsSelf(method, className):
            "method '\(shortenedName(method))' of class '\(shortenedName(className))' must take 'self' as its first parameter, e.g. def \(shortenedName(method))(self, ...)"
        case let .tooComplex(limit): "expression too complex (limit \(limit) nested operations)"
        }
    }
}
