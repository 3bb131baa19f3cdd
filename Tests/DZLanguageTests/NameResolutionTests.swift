import Testing
@testable import DZLanguage

/// Names are found through the slots remembered in the syntax tree (see `Name`); these
/// check that the remembered slots never change what a name means.
@Suite struct NameResolutionTests {
    @Test func aGlobalShadowsABuiltinFromThenOn() {
        #expect(run("a = sum(ones(3))\nsum = 10\nb = sum\nprint(a, b)").output == "3.0 10\n")
        #expect(run("for i in range(2) { print(pi) ; pi = 3 }").output == "3.141592653589793\n3\n")
    }

    @Test func aLoopReadsTheCurrentBinding() {
        #expect(run("s = 0\nfor i in range(4) { s = s + i }\nprint(s)").output == "6\n")
        #expect(run("def f() = g()\ndef g() = 1\nprint(f())\ndef g() = 2\nprint(f())").output == "1\n2\n")
    }

    @Test func localsAndGlobalsOfTheSameNameStayApart() {
        let program = """
        x = 100
        def f(a) {
            y = a + x
            x2 = y * 2
            return x2
        }
        def g(x) { return x + 1 }
        print(f(1), g(5), x)
        """
        #expect(run(program).output == "202 6 100\n")
    }

    @Test func aNameAssignedLaterInTheBodyIsLocalThroughout() {
        let r = run("x = 1\ndef f() {\n  y = x\n  x = 2\n  return y\n}\nf()")
        #expect(r.error == "3:7: local variable 'x' is used before it is assigned in this function")
    }

    @Test func keywordsAndDefaultsFillTheParameterSlots() {
        let program = """
        k = 7
        def f(a, b=k, c=3) = a * 100 + b * 10 + c
        print(f(1), f(1, 2), f(1, c=5), f(c=1, b=2, a=3))
        """
        #expect(run(program).output == "173 123 175 321\n")
        #expect(run("def f(a) = a\nf(1, a=2)").error == "2:1: f() got multiple values for argument 'a'")
        #expect(run("def f(a) = a\nf(b=2)").error == "2:1: f() got an unexpected keyword argument 'b'")
    }

    @Test func nestedFunctionsHaveTheirOwnSlots() {
        let program = """
        def outer(n) {
            m = n * 2
            def inner(v, w=m) { return v + w }
            return inner(1) + inner(1, 0)
        }
        print(outer(5), outer(1))
        """
        #expect(run(program).output == "12 4\n")
    }

    @Test func recursionGetsAFrameEachCall() {
        #expect(run("def fact(n) { if n <= 1 { return 1 }\n return n * fact(n - 1) }\nprint(fact(6))").output == "720\n")
    }

    @Test func resetForgetsRememberedSlots() {
        var output = ""
        let interpreter = Interpreter(output: { output += $0 })
        let program = SourceFile(name: "<t>", text: "def f() = v\nv = 1\nprint(f(), v)")
        _ = interpreter.run(program)
        interpreter.reset()
        _ = interpreter.run(SourceFile(name: "<t>", text: "v = 5\nprint(v)"))
        guard case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: "f()")) else {
            Issue.record("f should be gone after reset"); return
        }
        #expect(d.message.contains("'f'"))
        #expect(output == "1 1\n5\n")
    }

    @Test func oneSyntaxTreeInTwoSessions() throws {
        // The same parsed program run by two interpreters: each finds its own globals.
        var out1 = "", out2 = ""
        let a = Interpreter(output: { out1 += $0 }), b = Interpreter(output: { out2 += $0 })
        let setA = SourceFile(name: "<a>", text: "v = 1\nw = 2")
        let setB = SourceFile(name: "<b>", text: "w = 20\nv = 10")
        _ = a.run(setA)
        _ = b.run(setB)
        let read = SourceFile(name: "<r>", text: "print(v, w)")
        let statements = try Parser.parseProgram(read)
        for _ in 0..<2 {
            _ = a.execute(statements, in: read)
            _ = b.execute(statements, in: read)
        }
        #expect(out1 == "1 2\n1 2\n")
        #expect(out2 == "10 20\n10 20\n")
    }
}
