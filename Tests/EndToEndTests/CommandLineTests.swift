import Foundation
import Testing
import DZTestSupport

@Suite struct CommandLineTests {
    @Test func versionNamesTheBLASKernel() throws {
        let r = try DZProcess.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("dz "))
        #expect(r.stdout.contains("kernel SkylakeX") || r.stdout.contains("kernel Haswell") || r.stdout.contains("kernel "))
        #expect(!r.stdout.lowercased().contains("prescott"))
    }

    @Test func helpExitsZero() throws {
        let r = try DZProcess.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE") || r.stdout.contains("Usage"))
    }

    @Test func usageErrorsExitTwo() throws {
        let bad = try DZProcess.run(["--bogus"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown option '--bogus'"))
        let missing = try DZProcess.run(["no-such-file.dz"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "dz: error: cannot open 'no-such-file.dz': No such file or directory\n")
        let noValue = try DZProcess.run(["-e"])
        #expect(noValue.status == 2)
        let badSeed = try DZProcess.run(["--seed", "x", "-e", "1"])
        #expect(badSeed.status == 2)
        let directory = try DZProcess.run(["/tmp"])
        #expect(directory.status == 2)
    }

    @Test func runtimeErrorsExitOneWithPositionLineAndCaret() throws {
        let r = try DZProcess.run(["-e", "x = zeros(2, 3); y = x @ zeros(4, 3)"])
        #expect(r.status == 1)
        #expect(r.stderr == """
            <-e>:1:22: error: matmul: shapes (2, 3) and (4, 3) not aligned: 3 (dim 1) != 4 (dim 0)
            x = zeros(2, 3); y = x @ zeros(4, 3)
                                 ^~~~~~~~~~~~~~~

            """)
    }

    @Test func executionStopsAtTheFirstErrorAfterPrintingWhatCameBefore() throws {
        let r = try DZProcess.run([], stdin: "print(1)\n2 + 2\nundefined_thing\nprint(3)\n")
        #expect(r.status == 1)
        #expect(r.stdout == "1\n4\n")
        #expect(r.stderr.hasPrefix("<stdin>:3:1: error: undefined name 'undefined_thing'"))
    }

    @Test func syntaxErrorsExitOne() throws {
        let r = try DZProcess.run(["-e", "x = (1 +"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("<-e>:1:9: error: "))
    }

    @Test func echoSemantics() throws {
        let r = try DZProcess.run(["-e", "x = 2.0; x; none; \"s\"; (2, 3); (6,); (); true; print(\"a\", 1.5, (1, 2))"])
        #expect(r.stdout == "2.0\n\"s\"\n(2, 3)\n(6,)\n()\nTrue\na 1.5 (1, 2)\n")
        let inner = try DZProcess.run(["-e", "for i in range(2) { i }\nif true { 5 }"])
        #expect(inner.stdout == "")
    }

    @Test func seedAndArgs() throws {
        let r = try DZProcess.run(["--seed", "0", "-e", "randn(3); args", "a", "b"])
        #expect(r.stdout == "[1.76405235 0.40015721 0.97873798]\n(\"a\", \"b\")\n")
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("dz-args-\(getpid()).dz")
        try "print(len(args), float(args[0]) * 2)\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let s = try DZProcess.run([script.path, "2.5", "--flag"])
        #expect(s.stdout == "2 5.0\n")
    }

    @Test func noColorWhenNotATerminal() throws {
        let r = try DZProcess.run(["-e", "nope"])
        #expect(!r.stderr.contains("\u{1B}["))
    }

    @Test func invalidUTF8IsAnErrorWithAPosition() throws {
        let r = try DZProcess.run([], stdinData: Data([0x78, 0x20, 0x3D, 0x20, 0x31, 0x0A, 0x79, 0xFF, 0x0A]))
        #expect(r.status == 1)
        #expect(r.stderr == "<stdin>:2:2: error: invalid UTF-8 byte 0xFF; dz reads UTF-8 text\ny\u{FFFD}\n ^\n")
    }

    @Test func deepRecursionIsAnErrorNotACrash() throws {
        let r = try DZProcess.run(["-e", "def f(n) = f(n + 1)\nf(0)"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("maximum recursion depth (1000) exceeded in 'f'"))
    }
}
