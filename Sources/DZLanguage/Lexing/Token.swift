/// One lexical token: its kind (with a value for names, numbers and strings) and where it is.
struct Token: Hashable, Sendable {
    var kind: TokenKind
    var range: SourceRange

    init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The kinds of dz tokens.
enum TokenKind: Hashable, Sendable {
    case identifier(String)
    case number(NumberLiteral)
    /// A string literal's value, escapes already decoded.
    /// `f"epoch {i}, loss {loss:.4f}"`: the text and replacement fields, in order.
    case formattedString([FStringPiece])
    case string(String)

    // Keywords.
    case `def`, `class`, `return`, `if`, `else`, `for`, `in`, `while`, `break`, `continue`
    case noGrad, testMode
    case and, or, not
    case `true`, `false`, noneKeyword

    // Operators.
    case plus, minus, star, slash, slashSlash, starStar, at, percent, ellipsis
    case equal, plusEqual, minusEqual, starEqual, slashEqual
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual

    // Punctuation.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot

    /// A REPL command line (`:vars`, `:time STMT`): a `:` starting a top-level line, up to
    /// the end of the line.
    case command
    /// The end of a line outside `(` and `[` (a statement separator).
    case newline
    case eof

    /// The keywords, by spelling.
    static let keywords: [String: TokenKind] = [
        "def": .def, "class": .class, "return": .return, "if": .if, "else": .else, "for": .for, "in": .in,
        "while": .while, "break": .break, "continue": .continue,
        "no_grad": .noGrad, "test_mode": .testMode,
        "and": .and, "or": .or, "not": .not,
        "true": .true, "false": .false, "none": .noneKeyword,
    ]

    /// How the token is spelled, for kinds with one spelling (keywords, operators, punctuation).
    var spelling: String? {
        switch self {
        case .identifier, .number, .string, .formattedString, .command, .newline, .eof: nil
        case .def: "def"
        case .class: "class"
        case .return: "return"
        case .if: "if"
        case .else: "else"
        case .for: "for"
        case .in: "in"
        case .while: "while"
        case .break: "break"
        case .continue: "continue"
        case .noGrad: "no_grad"
        case .testMode: "test_mode"
        case .and: "and"
        case .or: "or"
        case .not: "not"
        case .true: "true"
        case .false: "false"
        case .noneKeyword: "none"
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .slashSlash: "//"
        case .ellipsis: "..."
        case .starStar: "**"
        case .at: "@"
        case .percent: "%"
        case .equal: "="
        case .plusEqual: "+="
        case .minusEqual: "-="
        case .starEqual: "*="
        case .slashEqual: "/="
        case .equalEqual: "=="
        case .bangEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .leftBrace: "{"
        case .rightBrace: "}"
        case .comma: ","
        case .colon: ":"
        case .semicolon: ";"
        case .dot: "."
        }
    }
}

/// A piece of an f-string as the lexer found it: literal text (escapes and `{{ }}`
/// decoded) or a replacement field `{expression!conversion:spec}`, whose expression is
/// the source bytes in `expression` (parsed later, in place, so errors point into it).
public enum FStringPiece: Hashable, Sendable {
    case text(String)
    case field(expression: Range<Int>, conversion: Character?, spec: String)
}
