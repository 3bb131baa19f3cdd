import Foundation
import Testing
import DZTestSupport

/// Formatting numbers and text as Python does (issue 16, item 1), through the real dz:
/// `format` and f-string specs and printf-style `%` against Python's own results
/// (Fixtures/format-cases.tsv, made by scripts/gen_format_fixtures.py), f-string syntax
/// and errors, `print`'s sep/end/flush, `str` and `round`.
@Suite struct FormattingTests {
    struct Case { let program: String; let expected: String }

    static func cases() throws -> [Case] {
        let path = DZProcess.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/format-cases.tsv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if f[0] == "format" {
                return Case(program: "print(format(\(f[1]), \"\(f[2])\"))", expected: f[3])
            }
            return Case(program: "print(\"\(f[1])\" % \(f[2]))", expected: f[3])
        }
    }

    @Test func formatAndPercentMatchPython() throws {
        let cases = try Self.cases()
        #expect(cases.count > 2000)
        let r = try DZProcess.run(["-"], stdin: cases.map(\.program).joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, c) in cases.enumerated() where i >= lines.count || lines[i] != c.expected {
            Issue.record("\(c.program): dz gives \(i < lines.count ? lines[i] : "nothing"), Python \(c.expected)")
        }
    }

    @Test func fStringsFieldsConversionsAndBraces() throws {
        let r = try DZProcess.run(["-e", """
            i = 3; loss = 0.123456789; name = "mlp"
            print(f"epoch {i + 1}, loss {loss:.4f}, {name!r}, {name:>5}|, {{braces}}, {[1.0, 2.0]}")
            print(f'{"nested" + "!"} {(i, 2)} {i * 2:6.1f} {f"{i:>4}"}')
            """])
        #expect(r.stderr == "")
        #expect(r.stdout == "epoch 4, loss 0.1235, \"mlp\",   mlp|, {braces}, [1. 2.]\nnested! (3, 2)    6.0    3\n")
    }

    @Test(arguments: [
        ("f\"{}\"", "1:3: an f-string field needs an expression: f\"{x}\""),
        ("f\"a}\"", "1:4: a single '}' in an f-string must be doubled: '}}'"),
        ("f\"{1.0\"", "1:3: expected '}' to close '{' at 1:3"),
        ("f\"{1.0!x}\"", "1:7: an f-string conversion is !r, !s or !a"),
        ("f\"{1 +}\"", "1:7: expected an expression after '+'"),
        ("f\"{nope}\"", "1:4: undefined name 'nope'"),
        ("f\"{ones(2):.2f}\"", "1:4: the format spec '.2f' needs a number, got a tensor of shape (2,); format one element (x[0]) or print the tensor"),
        ("f\"{1.5:d}\"", "1:4: format code 'd' needs an integer, got 1.5"),
        ("format(\"a\", \"d\")", "1:1: format code 'd' is for numbers, got a string"),
        ("\"%d %d\" % 1", "1:1: %: not enough arguments for the format string (1 given)"),
        ("\"%d\" % (1, 2)", "1:1: %: not all arguments converted during string formatting (2 given, 1 used)"),
        ("\"%d\" % \"a\"", "1:1: %d needs a number, got the string \"a\""),
        // every integer conversion checks its argument (a `where` once guarded only %u and %o)
        ("\"%i\" % \"a\"", "1:1: %i needs a number, got the string \"a\""),
        ("\"%x\" % \"a\"", "1:1: %x needs a number, got the string \"a\""),
        ("\"%X\" % none", "1:1: %X needs a number, got a none"),
        ("\"%q\" % 1", "1:1: %: unsupported format character 'q'"),
        ("format(1.0, \"99999f\")", "1:1: format width 99999 is too large (limit 10000)"),
    ])
    func errorsPointAtTheirPlace(program: String, expected: String) throws {
        let r = try DZProcess.run(["-e", program])
        #expect(r.status == 1)
        let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
        let colon = expected.firstIndex(of: " ")!
        #expect(first == "<-e>:\(expected[..<colon].dropLast()): error:\(expected[colon...])")
    }

    @Test func printTakesSepEndAndFlush() throws {
        let r = try DZProcess.run(["-e", "print(1, 2, 3, sep=\", \", end=\";\"); print(\"x\", flush=true); print()"])
        #expect(r.stdout == "1, 2, 3;x\n\n")
    }

    @Test func strFormatAndRound() throws {
        let r = try DZProcess.run(["-e", "print(str(ones(2)) + \"!\", format(3.14159, \".2f\"), round(2.5), round(3.5), round(2.675, 2), round([0.125, -1.55], 1))"])
        // numpy's round scales, rounds half to even and scales back: np.round(2.675, 2) is 2.68.
        #expect(r.stdout == "[1. 1.]! 3.14 2.0 4.0 2.68 [ 0.1 -1.6]\n")
    }

    @Test func pipedOutputShowsALoopsLinesOnceASecondHasPassed() throws {
        // "a" and "b" go out together or not; "c", printed after a busy second and a half,
        // must reach the pipe while dz still runs (it then waits for the test's file).
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("dz-flush-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let child = try DZChild(["-e", """
            print("a"); print("b"); t = clock(); while clock() - t < 1.5 { }; print("c")
            while true { if clock() - t > 60 { break }; t2 = clock(); while clock() - t2 < 0.05 { } ; if len(args) > 9 { break } }
            """, marker])
        try child.waitForOutput("c\n", timeout: 30)
        #expect(child.stdout == "a\nb\nc\n")
        child.signal(SIGKILL)
        _ = child.waitForExit()
    }
}
