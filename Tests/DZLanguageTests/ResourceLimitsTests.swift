import Testing
import DZTensor
@testable import DZLanguage

/// Every resource limit is a clear error with a position, checked before the work is done:
/// source and string length, strings and tuples built by `+`, array sizes (including the
/// results of broadcasting and matrix products), recursion depth and the step budget.
@Suite(.serialized) struct ResourceLimitsTests {
    @Test func sourceTextLongerThanTheLimitIsAnError() {
        let limit = Parser.maxSourceBytes
        #expect(limit == 16 << 20)
        let over = "x = 1\n" + String(repeating: " ", count: limit - 5)
        #expect(syntaxError(over) == "1:1: source text too long (limit \(limit) bytes)")
        // Bytes from a file or stdin: refused before decoding.
        #expect(throws: SourceDecodingError.self) { try SourceFile.decoding(Array(repeating: 0x20, count: limit + 1), name: "f") }
        #expect(SourceFile.readingLimit == limit + 1)
        // The REPL's `:graph EXPR` path too.
        #expect(throws: Diagnostic.self) { try Parser.parseExpression(SourceFile(name: "t", text: over)) }
    }

    @Test func stringLiteralLongerThanTheLimitIsAnError() {
        let limit = Parser.maxStringLiteralBytes
        #expect(limit == 1 << 20)
        let fits = "x = 1\ns = \"" + String(repeating: "a", count: limit) + "\""
        #expect(syntaxError(fits) == "no error")
        let over = "x = 1\ns = \"" + String(repeating: "a", count: limit + 1) + "\""
        #expect(syntaxError(over) == "2:5: string literal too long (limit \(limit) bytes)")
        // Escapes count once: 2^20 `\n` escapes are 2^20 bytes.
        #expect(syntaxError("'" + String(repeating: "\\n", count: limit) + "'") == "no error")
        // Unterminated and too long: the length is reported first, as soon as it is reached.
        #expect(syntaxError("'" + String(repeating: "a", count: limit + 10)) == "1:1: string literal too long (limit \(limit) bytes)")
    }

    @Test func longLinesAreLinear() {
        // A 4 MB line of spaces and a 4 MB comment lex without error.
        #expect(syntaxError("x = 1" + String(repeating: " ", count: 4 << 20) + "\ny = 2") == "no error")
        #expect(syntaxError("#" + String(repeating: "c", count: 4 << 20) + "\ny = 2") == "no error")
    }

    @Test func stringsAndTuplesBuiltByPlusAreBounded() {
        #expect(run("s = \"ab\"; for i in range(40) { s = s + s }").error
                == "1:36: +: the string would be 33554432 bytes long (limit 16777216)")
        #expect(run("t = (1, 2); for i in range(40) { t = t + t }").error
                == "1:38: +: the tuple would be 2097152 elements long (limit 1048576)")
        #expect(run("s = \"ab\"; for i in range(20) { s = s + s }; print(s == s)").output == "True\n")
    }

    @Test func broadcastingAndMatrixProductResultsAreCheckedBeforeAllocating() {
        // (100000, 100000) doubles are 80 GB.
        let message = "an array of shape (100000, 100000) does not fit in this machine's memory"
        #expect(run("ones(100000, 1) + ones(1, 100000)").error == "1:1: add: " + message)
        #expect(run("ones(100000, 1) @ ones(1, 100000)").error == "1:1: matmul: " + message)
        #expect(run("x = ones(100000, 1)\ny = x * x.T").error == "2:5: mul: " + message)
        #expect(run("dot(ones(100000, 1), ones(1, 100000))").error == "1:1: dot: " + message)
        #expect(run("maximum(ones(100000, 1), ones(1, 100000))").error == "1:1: maximum: " + message)
        #expect(run("ones(100000, 1) < ones(1, 100000)").error == "1:1: less: " + message)
    }

    /// The override is process-wide and other suites run in parallel, so the limit set here
    /// (10^9 elements, 8 GB) is far above anything another test allocates.
    @Test func anEmbedderCanLowerTheArrayLimit() {
        guard MemoryLimit.physicalBytes / 8 > 1_000_000_000 else { return }
        defer { MemoryLimit.maxElementsOverride = nil }
        MemoryLimit.maxElementsOverride = 1_000_000_000
        #expect(MemoryLimit.maxElements == 1_000_000_000)
        #expect(run("ones(1000000001)").error
                == "1:1: ones: an array of shape (1000000001,) does not fit in this machine's memory")
        #expect(run("ones(100000, 1) + ones(1, 10001)").error
                == "1:1: add: an array of shape (100000, 10001) does not fit in this machine's memory")
        #expect(run("ones(100000, 1) @ ones(1, 10001)").error
                == "1:1: matmul: an array of shape (100000, 10001) does not fit in this machine's memory")
        MemoryLimit.maxElementsOverride = nil
        #expect(MemoryLimit.maxElements == MemoryLimit.physicalBytes / 8)
    }

    @Test func recursionDepthIsAnError() {
        #expect(run("def f(n) { f(n + 1) }\nf(0)").error == "1:12: maximum recursion depth (1000) exceeded in 'f'")
        let interpreter = Interpreter(output: { _ in })
        interpreter.recursionLimit = 50
        guard case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: "def f(n) { f(n + 1) }\nf(0)")) else {
            Issue.record("expected a failure"); return
        }
        #expect(d.message == "maximum recursion depth (50) exceeded in 'f'")
    }

    @Test func theStepBudgetCountsCallsAndLoopsAndResetsPerRun() {
        let interpreter = Interpreter(output: { _ in })
        interpreter.stepBudget = 10_000
        for program in ["while true { }", "x = 0\nwhile true { x = x + 1 }", "for i in range(1000000) { }",
                        "def f(n) { if n > 0 { f(n - 1); f(n - 1) } }\nf(30)"] {
            guard case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: program)) else {
                Issue.record("expected the budget to stop: \(program)"); continue
            }
            #expect(d.message == "evaluation stopped after 10000 steps (the step budget)", "\(program)")
        }
        // A run within the budget completes: the count starts again with each run.
        for _ in 0..<3 {
            guard case .completed = interpreter.run(SourceFile(name: "<t>", text: "for i in range(9000) { }")) else {
                Issue.record("expected completion"); return
            }
        }
    }
}
