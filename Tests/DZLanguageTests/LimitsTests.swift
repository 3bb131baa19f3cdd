import Testing
@testable import DZLanguage

/// Pathological input is an error with a position, never a crash or a hang.
@Suite struct LimitsTests {
    static func nested(_ depth: Int, open: String = "(", close: String = ")") -> String {
        String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
    }

    @Test func nestingUpToTheLimitParses() {
        #expect(sexpr(Self.nested(200)) == "1")
        #expect(sexpr(Self.nested(199, open: "[", close: "]")).hasPrefix("[[[["))
    }

    @Test func nestingBeyondTheLimitIsAnError() {
        #expect(syntaxError(Self.nested(201)) == "1:201: expression nested too deeply (limit 200)")
        #expect(syntaxError(String(repeating: "(", count: 10_000)) == "1:201: expression nested too deeply (limit 200)")
        #expect(syntaxError(String(repeating: "[", count: 10_000)) == "1:201: expression nested too deeply (limit 200)")
        #expect(syntaxError("f" + String(repeating: "(", count: 10_000)) == "1:202: expression nested too deeply (limit 200)")
        #expect(syntaxError("x" + String(repeating: "[x", count: 10_000)) == "1:402: expression nested too deeply (limit 200)")
        #expect(syntaxError("x = " + String(repeating: "-", count: 10_000) + "1")
                == "1:205: expression nested too deeply (limit 200)")
        #expect(syntaxError(String(repeating: "not ", count: 10_000) + "a")
                == "1:801: expression nested too deeply (limit 200)")
        #expect(syntaxError("x = 2" + String(repeating: "**2", count: 10_000))
                == "1:606: expression nested too deeply (limit 200)")
        #expect(syntaxError("x = " + String(repeating: "-(", count: 5_000)) == "1:205: expression nested too deeply (limit 200)")
        #expect(syntaxError("x = " + String(repeating: "-(", count: 100) + "1" + String(repeating: ")", count: 100))
                == "no error")
    }

    @Test func blocksBeyondTheLimitAreAnError() {
        let deep = String(repeating: "if a {\n", count: 300)
        #expect(syntaxError(deep) == "201:6: blocks nested too deeply (limit 200)")
        #expect(syntaxError(String(repeating: "while a { ", count: 250)) == "1:2009: blocks nested too deeply (limit 200)")
    }

    @Test func longOperatorChainsAreBounded() {
        let ok = "x = " + String(repeating: "1 + ", count: 1000) + "1"
        #expect(syntaxError(ok) == "no error")
        let tooLong = "x = " + String(repeating: "1 + ", count: 1001) + "1"
        #expect(syntaxError(tooLong) == "1:4007: expression too complex (limit 1000 nested operations)")
        let calls = "x" + String(repeating: ".a", count: 1001)
        #expect(syntaxError(calls) == "1:2002: expression too complex (limit 1000 nested operations)")
    }

    @Test func longFlatInputIsFine() throws {
        let elements = Array(repeating: "1", count: 100_000).joined(separator: ", ")
        guard case let .array(items) = try expression("[" + elements + "]").kind else { Issue.record("array"); return }
        #expect(items.count == 100_000)
        let name = String(repeating: "a", count: 100_000)
        #expect(try expression(name).kind == .name(Name(name)))
        #expect(syntaxError("x = 1 " + name) == "1:7: expected ';' or a newline after the statement, found '"
                + String(repeating: "a", count: 32) + "…'")
        let program = String(repeating: "x = 1\n", count: 20_000)
        #expect(try Parser.parseProgram(SourceFile(name: "t", text: program)).count == 20_000)
    }
}
