import Testing
@testable import DZLanguage

@Suite struct LexerTests {
    @Test func tokenKindsOfAnAssignment() throws {
        #expect(try kinds("x = 1.5 + foo(2)") == [
            .identifier("x"), .equal, .number(1.5), .plus, .identifier("foo"), .leftParen, .number(2), .rightParen,
        ])
    }

    @Test func tokenRangesAreByteOffsets() throws {
        let tokens = try Lexer.tokenize(SourceFile(name: "t", text: "ab  += 3"))
        #expect(tokens.map(\.range) == [SourceRange(0, 2), SourceRange(4, 6), SourceRange(7, 8), SourceRange(8, 8)])
        #expect(tokens.last?.kind == .eof)
        let unicode = try Lexer.tokenize(SourceFile(name: "t", text: "\"héllo\" x"))
        #expect(unicode[0] == Token(.string("héllo"), SourceRange(0, 8)))
        #expect(unicode[1] == Token(.identifier("x"), SourceRange(9, 10)))
    }

    @Test func everyOperatorAndPunctuation() throws {
        #expect(try kinds("+ - * / ** @ % = += -= *= /= == != < <= > >= ( ) [ ] { } , : ; .") == [
            .plus, .minus, .star, .slash, .starStar, .at, .percent,
            .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual,
            .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual,
            .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace,
            .comma, .colon, .semicolon, .dot,
        ])
        #expect(try kinds("a**-b") == [.identifier("a"), .starStar, .minus, .identifier("b")])
        #expect(try kinds("x***y") == [.identifier("x"), .starStar, .star, .identifier("y")])
    }

    @Test func keywordsAndIdentifiers() throws {
        let source = "def return if else for in while break continue no_grad test_mode and or not true false none"
        #expect(try kinds(source) == [
            .def, .return, .if, .else, .for, .in, .while, .break, .continue, .noGrad, .testMode,
            .and, .or, .not, .true, .false, .noneKeyword,
        ])
        #expect(try kinds("no_grads _x x1 Def") == [
            .identifier("no_grads"), .identifier("_x"), .identifier("x1"), .identifier("Def"),
        ])
    }

    @Test func numberForms() throws {
        #expect(try kinds("2 2.0 1e-3 .5 1_000 2. 1E+2 3.25e2 0.000_5") == [
            .number(2), .number(2.0), .number(0.001), .number(0.5), .number(1000), .number(2.0), .number(100.0),
            .number(325.0), .number(0.0005),
        ])
        // A dot followed by a name is an attribute, not a fraction.
        #expect(try kinds("2.T") == [.number(2), .dot, .identifier("T")])
        #expect(try kinds("x.5") == [.identifier("x"), .number(0.5)])
    }

    @Test func stringsDecodeEscapes() throws {
        #expect(try kinds(#""a\n\t\\\"" 'it\'s' "x\0" "r\r""#) == [
            .string("a\n\t\\\""), .string("it's"), .string("x\0"), .string("r\r"),
        ])
        #expect(try kinds("\"two\nlines\"") == [.string("two\nlines")])
        #expect(try kinds("''") == [.string("")])
    }

    @Test func newlinesAreTokensOnlyOutsideParenthesesAndBrackets() throws {
        #expect(try kinds("a\nb") == [.identifier("a"), .newline, .identifier("b")])
        #expect(try kinds("(a\nb)") == [.leftParen, .identifier("a"), .identifier("b"), .rightParen])
        #expect(try kinds("[1,\n2]") == [.leftBracket, .number(1), .comma, .number(2), .rightBracket])
        #expect(try kinds("{a\nb}") == [.leftBrace, .identifier("a"), .newline, .identifier("b"), .rightBrace])
        #expect(try kinds("f({\n})") == [.identifier("f"), .leftParen, .leftBrace, .newline, .rightBrace, .rightParen])
    }

    @Test func commentsAndCarriageReturns() throws {
        #expect(try kinds("a # comment ( [\nb") == [.identifier("a"), .newline, .identifier("b")])
        #expect(try kinds("# only a comment") == [])
        let tokens = try Lexer.tokenize(SourceFile(name: "t", text: "a\r\nb"))
        #expect(tokens[1] == Token(.newline, SourceRange(2, 3)))
    }

    @Test func lexicalErrorsCarryPositions() {
        #expect(lexError("a $ b") == "1:3: unexpected character '$'")
        #expect(lexError("x\u{0}") == "1:2: unexpected character U+0000")
        #expect(lexError("\u{7}") == "1:1: unexpected character U+0007")
        #expect(lexError("a\u{A0}b") == "1:2: unexpected character U+00A0")
        #expect(lexError("é = 1") == "1:1: unexpected character 'é'")
        #expect(lexError("a ! b") == "1:3: unexpected character '!'; use 'not' for logical negation")
        #expect(lexError("a && b") == "1:3: unexpected character '&'; use 'and'")
        #expect(lexError("a || b") == "1:3: unexpected character '|'; use 'or'")
        #expect(lexError("\"abc") == "1:1: unterminated string")
        #expect(lexError("x = 'abc\n") == "1:5: unterminated string")
        #expect(lexError("\"abc\\") == "1:1: unterminated string")
        #expect(lexError(#""a\qb""#) == #"1:3: unknown escape sequence '\q' in string"#)
        #expect(lexError("1e") == "1:1: invalid number literal '1e'")
        #expect(lexError("1e+") == "1:1: invalid number literal '1e+'")
        #expect(lexError("y = 2x") == "1:5: invalid number literal '2x'")
        #expect(lexError("1__0") == "1:1: invalid number literal '1__0'")
        #expect(lexError("1_") == "1:1: invalid number literal '1_'")
        #expect(lexError("1.2.3") == "1:1: invalid number literal '1.2.3'")
        #expect(lexError("\tx $") == "1:4: unexpected character '$'")
        #expect(lexError("a\nb\n  `") == "3:3: unexpected character '`'")
    }

    @Test func errorRangesCoverTheOffendingText() {
        let file = SourceFile(name: "t", text: "x = 'ab\ncd")
        #expect(throws: Diagnostic(SyntaxMessage.unterminatedString, at: SourceRange(4, 7))) {
            try Lexer.tokenize(file)
        }
        #expect(throws: Diagnostic(SyntaxMessage.unexpectedCharacter("'€'", hint: nil), at: SourceRange(1, 4))) {
            try Lexer.tokenize(SourceFile(name: "t", text: "a€"))
        }
    }
}
