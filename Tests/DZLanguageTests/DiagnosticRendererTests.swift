import Testing
@testable import DZLanguage

/// Snapshots of the rendered text: header, source line, caret line.
@Suite struct DiagnosticRendererTests {
    /// The rendering of the first syntax error of `text` in a file named `name`.
    func rendered(_ text: String, name: String = "script.dz", color: Bool = false) -> String {
        let file = SourceFile(name: name, text: text)
        let (_, diagnostics) = Parser.parse(file)
        guard let first = diagnostics.first else { return "no error" }
        return DiagnosticRenderer(useColor: color).render(first, in: file)
    }

    @Test func missingOperandAtTheEndOfTheLine() {
        #expect(rendered("x = (1 +\n") == """
            script.dz:1:9: error: expected an expression after '+'
            x = (1 +
                    ^
            """)
    }

    @Test func unclosedParenthesisNamesTheOpener() {
        #expect(rendered("y = f(x, (1 + 2)\nz = 3", name: "<stdin>") == """
            <stdin>:2:1: error: expected ')' to close '(' at 1:6
            z = 3
            ^
            """)
    }

    @Test func tokenRangeIsUnderlined() {
        #expect(rendered("x = 1 2x") == """
            script.dz:1:7: error: invalid number literal '2x'
            x = 1 2x
                  ^~
            """)
        #expect(rendered("y = foo $ 3", name: "<repl>") == """
            <repl>:1:9: error: unexpected character '$'
            y = foo $ 3
                    ^
            """)
        #expect(rendered("x[0] = 1") == """
            script.dz:1:1: error: cannot assign to an index expression; tensors are immutable
            x[0] = 1
            ^~~~
            """)
    }

    /// Tabs are expanded to the next multiple of 8 cells in the line and the caret alike,
    /// and a range over a tab is underlined for the cells the tab takes.
    @Test func tabsAreExpandedInTheLineAndTheCaret() {
        #expect(rendered("\tif a b {") == "script.dz:1:7: error: expected '{' after if condition\n        if a b {\n             ^")
        #expect(rendered("x = 1\t+\t$") == "script.dz:1:9: error: unexpected character '$'\nx = 1   +       $\n                ^")
        #expect(rendered("x = \"a\tb") == "script.dz:1:5: error: unterminated string\nx = \"a  b\n    ^~~~~")
    }

    /// The caret counts terminal cells: East Asian wide characters and emoji take two,
    /// combining marks none. The header's column still counts scalars.
    @Test func wideAndCombiningCharactersKeepTheCaretUnderItsCharacter() {
        #expect(rendered("s = \"日本\" + $") == """
            script.dz:1:12: error: unexpected character '$'
            s = "日本" + $
                         ^
            """)
        #expect(rendered("s = \"😀\" + $") == "script.dz:1:11: error: unexpected character '$'\ns = \"😀\" + $\n" + String(repeating: " ", count: 11) + "^")
        #expect(rendered("s = \"e\u{301}\" + $") == "script.dz:1:12: error: unexpected character '$'\ns = \"e\u{301}\" + $\n          ^")
        #expect(rendered("x = \"ｘｙ\" + $").hasSuffix("\n" + String(repeating: " ", count: 13) + "^"))
        #expect(rendered("x = \"日本") == "script.dz:1:5: error: unterminated string\nx = \"日本\n    ^~~~~")
    }

    /// A line wider than the limit is shown as a window around the caret, cut with `...`, the
    /// caret under its character and the underline cut at the window's edge.
    @Test func longLinesAreShownAsAWindowAroundTheCaret() {
        let name = String(repeating: "a", count: 300)
        let file = SourceFile(name: "t", text: "x = 1 + " + name + " $ + 2")
        let d = Diagnostic(severity: .error, id: "t", message: "m", range: SourceRange(8 + 300 + 1, 8 + 300 + 2))
        let lines = DiagnosticRenderer().render(d, in: file).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "t:1:310: error: m")
        #expect(lines[1] == "..." + String(repeating: "a", count: 88) + " $ + 2")
        let caret = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        #expect(caret == lines[1].count - 5)
        #expect(Array(lines[1])[caret ?? 0] == "$")
        // An identifier that fills the line: underlined to the window's edge only.
        let wide = SourceFile(name: "t", text: name + name)
        let w = DiagnosticRenderer().render(Diagnostic(severity: .error, id: "t", message: "m", range: SourceRange(0, 600)), in: wide)
        #expect(w == "t:1:1: error: m\n" + String(repeating: "a", count: 94) + "...\n^" + String(repeating: "~", count: 93))
        // A wide character is never cut in half at the window's edge.
        let cjk = SourceFile(name: "t", text: String(repeating: "日", count: 200) + "$")
        let c = DiagnosticRenderer().render(Diagnostic(severity: .error, id: "t", message: "m", range: SourceRange(600, 601)), in: cjk)
        #expect(c == "t:1:201: error: m\n..." + String(repeating: "日", count: 46) + "$\n" + String(repeating: " ", count: 95) + "^")
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(rendered("s = \"é\" + $") == """
            script.dz:1:11: error: unexpected character '$'
            s = "é" + $
                      ^
            """)
    }

    @Test func laterLinesAndCRLF() {
        #expect(rendered("a = 1\r\nb = )\r\n") == """
            script.dz:2:5: error: expected an expression after '='
            b = )
                ^
            """)
    }

    @Test func controlCharactersAreShownAsPictures() {
        #expect(rendered("a\u{0}b", name: "t") == "t:1:2: error: unexpected character U+0000\na\u{2400}b\n ^")
        #expect(rendered("a\u{7F}", name: "t") == "t:1:2: error: unexpected character U+007F\na\u{2421}\n ^")
    }

    @Test func multiLineRangeIsUnderlinedOnItsFirstLine() {
        #expect(rendered("x = \"abc\ndef") == """
            script.dz:1:5: error: unterminated string
            x = "abc
                ^~~~
            """)
    }

    @Test func colorWrapsLocationSeverityMessageAndCaret() {
        let esc = "\u{1B}["
        #expect(rendered("x = )", name: "t.dz", color: true) ==
            "\(esc)1mt.dz:1:5:\(esc)0m \(esc)1;31merror:\(esc)0m \(esc)1mexpected an expression after '='\(esc)0m\n"
            + "x = )\n    \(esc)1;32m^\(esc)0m")
        #expect(!rendered("x = )", color: false).contains("\u{1B}"))
    }

    @Test func otherSeveritiesAndSeveralDiagnostics() {
        let file = SourceFile(name: "w.dz", text: "a = 1\nb = 2")
        let warning = Diagnostic(severity: .warning, id: "test.w", message: "unused value", range: SourceRange(6, 7))
        let note = Diagnostic(severity: .note, id: "test.n", message: "defined here", range: SourceRange(0, 5))
        let renderer = DiagnosticRenderer()
        #expect(renderer.render([warning, note], in: file) == """
            w.dz:2:1: warning: unused value
            b = 2
            ^
            w.dz:1:1: note: defined here
            a = 1
            ^~~~~
            """)
        #expect(DiagnosticRenderer(useColor: true).render(warning, in: file).contains("\u{1B}[1;35mwarning:"))
    }

    @Test func colorPolicy() {
        #expect(DiagnosticRenderer.shouldUseColor(isTerminal: true, environment: [:], noColorFlag: false))
        #expect(!DiagnosticRenderer.shouldUseColor(isTerminal: false, environment: [:], noColorFlag: false))
        #expect(!DiagnosticRenderer.shouldUseColor(isTerminal: true, environment: ["NO_COLOR": "1"], noColorFlag: false))
        #expect(DiagnosticRenderer.shouldUseColor(isTerminal: true, environment: ["NO_COLOR": ""], noColorFlag: false))
        #expect(!DiagnosticRenderer.shouldUseColor(isTerminal: true, environment: [:], noColorFlag: true))
    }
}
