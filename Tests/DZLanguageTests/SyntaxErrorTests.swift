import Testing
@testable import DZLanguage

/// Programs with one mistake each: the first error's `LINE:COL: message`, exactly.
@Suite struct SyntaxErrorTests {
    static let cases: [(String, String)] = [
        // Brackets and blocks.
        ("x = (1 + 2", "1:11: expected ')' to close '(' at 1:5"),
        ("f(x", "1:4: expected ')' to close '(' at 1:2"),
        ("f(a b)", "1:5: expected ')' to close '(' at 1:2"),
        ("[1, 2", "1:6: expected ']' to close '[' at 1:1"),
        ("x[1:2:3:4]", "1:8: expected ']' to close '[' at 1:2"),
        ("if a {\n  x = 1\n", "2:8: expected '}' to close '{' at 1:6"),
        ("x = 1\ny = (2 +\n", "2:9: expected an expression after '+'"),
        ("}", "1:1: unexpected '}'"),
        (")", "1:1: unexpected ')'"),
        ("in", "1:1: unexpected 'in'"),
        ("x = 1\n  ]", "2:3: unexpected ']'"),
        // Missing operands.
        ("y = 1 +", "1:8: expected an expression after '+'"),
        ("x = 1 +\n2", "1:8: expected an expression after '+'"),
        ("x = * 2", "1:5: expected an expression after '='"),
        ("x = (,)", "1:6: expected an expression after '('"),
        ("f(1,,2)", "1:5: expected an expression after ','"),
        ("x = not", "1:8: expected an expression after 'not'"),
        ("x = - not y", "1:7: expected an expression after '-'"),
        ("x = 2 ** )", "1:10: expected an expression after '**'"),
        ("a and or b", "1:7: expected an expression after 'and'"),
        ("def g(x) {\n  return x +\n}", "2:13: expected an expression after '+'"),
        // Statement structure.
        ("x = 1 2", "1:7: expected ';' or a newline after the statement, found '2'"),
        ("x = 1 \"s\"", "1:7: expected ';' or a newline after the statement, found a string"),
        ("if a { } x = 1", "1:10: expected ';' or a newline after the statement, found 'x'"),
        ("if a b { }", "1:6: expected '{' after if condition"),
        ("if a = 1 { }", "1:6: expected '{' after if condition; use '==' to compare"),
        ("if a", "1:5: expected '{' after if condition"),
        ("if a { } else x", "1:15: expected '{' or 'if' after 'else'"),
        ("if a {} else if {}", "1:17: expected an expression after 'if'"),
        ("else { }", "1:1: 'else' without 'if'; put 'else' on the same line as the closing '}'"),
        ("if a { }\nelse { }", "2:1: 'else' without 'if'; put 'else' on the same line as the closing '}'"),
        ("while { }", "1:7: expected an expression after 'while'"),
        ("while x < 3 x += 1", "1:13: expected '{' after while condition"),
        ("for 1 in x { }", "1:5: expected a loop variable name after 'for'"),
        ("for x y { }", "1:7: expected 'in' after the loop variables"),
        ("for x, in y { }", "1:8: expected a loop variable name after ','"),
        ("for x in { }", "1:10: expected an expression after 'in'"),
        ("for x in y z", "1:12: expected '{' after the for loop's iterable"),
        ("no_grad x = 1", "1:9: expected '{' after 'no_grad'"),
        ("test_mode\n{ }", "1:10: expected '{' after 'test_mode'"),
        // Context rules.
        ("break", "1:1: 'break' outside a loop"),
        ("if a { continue }", "1:8: 'continue' outside a loop"),
        ("while c {\n  def f() { continue }\n}", "2:13: 'continue' outside a loop"),
        ("return 1", "1:1: 'return' outside a function"),
        ("no_grad { return }", "1:11: 'return' outside a function"),
        // Functions.
        ("def 1", "1:5: expected a function name after 'def'"),
        ("def f x", "1:7: expected '(' after the function name 'f'"),
        ("def f(1) = 2", "1:7: expected a parameter name in the definition of 'f'"),
        ("def f(x, x) = x", "1:10: duplicate parameter 'x' in function 'f'"),
        ("def f(x=1, y) = x", "1:12: parameter 'y' without a default follows a parameter with a default"),
        ("def f(x)\n", "1:9: expected '=' or '{' after the parameters of 'f'"),
        ("def f(x) = return x", "1:12: expected an expression after '='"),
        ("def f(x {", "1:9: expected ')' to close '(' at 1:6"),
        // Calls and attributes.
        ("f(a=1, 2)", "1:8: positional argument follows keyword argument"),
        ("f(axis=1, axis=2)", "1:11: keyword argument 'axis' repeated"),
        ("f(a.b=1)", "1:6: expected a name before '=' in a keyword argument"),
        ("x[]", "1:3: expected an index or a slice after '['"),
        ("x.", "1:3: expected an attribute name after '.'"),
        ("x.(y)", "1:3: expected an attribute name after '.'"),
        // Assignment targets.
        ("f(x) = 1", "1:1: cannot assign to a function call; to define a function write 'def f(...) = ...'"),
        ("x[0] = 1", "1:1: cannot assign to an index expression; tensors are immutable"),
        ("1 = x", "1:1: cannot assign to a literal"),
        ("[a, b] = t", "1:1: cannot assign to a literal"),
        ("-x = 1", "1:1: cannot assign to an operator expression"),
        ("a == b = 1", "1:1: cannot assign to an operator expression"),
        ("() = x", "1:1: cannot assign to an empty tuple"),
        ("a, b[0] = 1, 2", "1:4: cannot assign to an index expression; tensors are immutable"),
        ("a, b += 1", "1:6: '+=' needs a single name on its left"),
        ("(a, b) *= 2", "1:8: '*=' needs a single name on its left"),
        ("x = 1 = 2", "1:7: expected ';' or a newline after the statement, found '='"),
        // Lexical errors reach the parser's caller unchanged.
        ("a $ b", "1:3: unexpected character '$'"),
        ("x = 1\ny = a\u{0}", "2:6: unexpected character U+0000"),
        ("s = \"abc", "1:5: unterminated string"),
        ("x = \"a\\qb\"", "1:7: unknown escape sequence '\\q' in string"),
        ("y = 2x", "1:5: invalid number literal '2x'"),
        ("\tx = $", "1:6: unexpected character '$'"),
        ("if a && b { }", "1:6: unexpected character '&'; use 'and'"),
        // The earliest error wins, even when a lexical error follows.
        ("x = )\n$", "1:5: expected an expression after '='"),
    ]

    @Test(arguments: cases)
    func reportsTheFirstError(source: String, expected: String) {
        #expect(syntaxError(source) == expected)
    }

    @Test func thereAreAtLeastThirtyDistinctPrograms() {
        #expect(Set(Self.cases.map(\.0)).count == Self.cases.count)
        #expect(Self.cases.count >= 30)
    }

    @Test func messagesHaveStableIDs() {
        let cases: [(String, String)] = [
            ("x = (1", "syntax.expected-closing"),
            ("x = 1 +", "syntax.expected-expression"),
            ("}", "syntax.unexpected-token"),
            ("\"a", "syntax.unterminated-string"),
            ("break", "syntax.break-outside-loop"),
            ("x[0] = 1", "syntax.cannot-assign"),
            ("$", "syntax.unexpected-character"),
        ]
        for (source, id) in cases {
            let result = Parser.parse(SourceFile(name: "t", text: source))
            #expect(result.diagnostics.map(\.id) == [id], "\(source)")
            #expect(result.diagnostics.map(\.severity) == [.error])
        }
    }

    @Test func catalogTextIsLowercaseWithoutTrailingPeriod() {
        let messages: [SyntaxMessage] = [
            .unexpectedCharacter("'$'", hint: nil), .unterminatedString, .unknownEscape("\\q"), .invalidNumber("1e"),
            .unexpectedToken("'}'"), .expectedExpression(after: "'+'"),
            .expectedClosing(closer: ")", opener: "(", line: 1, column: 5), .expected("'{'", context: "after 'else'"),
            .expectedStatementEnd(found: "'x'"), .elseWithoutIf, .breakOutsideLoop, .continueOutsideLoop,
            .returnOutsideFunction, .cannotAssign("a literal"), .compoundAssignNeedsName("+="),
            .positionalAfterKeyword, .duplicateKeywordArgument("a"), .keywordArgumentNotName,
            .duplicateParameter("x", function: "f"), .parameterWithoutDefaultAfterDefault("y"),
            .nestedTooDeeply("expression", limit: 200), .tooComplex(limit: 1000),
        ]
        #expect(Set(messages.map(\.id)).count == messages.count)
        for message in messages {
            #expect(message.text.first.map { !$0.isUppercase } == true, "\(message.text)")
            #expect(!message.text.hasSuffix("."), "\(message.text)")
            #expect(message.id.hasPrefix("syntax."))
        }
    }
}
