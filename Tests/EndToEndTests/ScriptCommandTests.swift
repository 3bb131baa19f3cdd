import DZTestSupport
import Foundation
import Testing

/// REPL `:commands` in scripts, `-e` and stdin (a transcript replays with the REPL's output),
/// `:time` timing the evaluation alone, and `~` in every path the tool opens.
@Suite struct ScriptCommandTests {
    /// A REPL transcript: code and commands interleaved, each command seeing the state so far.
    static let transcript = """
        x = ones(2, 3)
        :vars
        y = x * 2
        :graph y
        :help exp
        :reset
        :vars
        z = 1
        :quit
        print("not reached")
        """

    static let expected = """
        name kind   shape  dtype   grad
        x    tensor (2, 3) float64 -
        [1] y (2, 3) = Mul
        ├── [2] x (2, 3)
        └── 2 (constant)
        exp(x)
          `e ** x` elementwise.
          example: exp([0, 1])
        session reset: every name is forgotten
        no variables yet

        """

    @Test func aTranscriptReplaysOnStdinInAFileAndWithDashE() throws {
        let stdin = try DZProcess.run([], stdin: Self.transcript)
        #expect(stdin.stderr == "")
        #expect(stdin.status == 0)
        #expect(stdin.stdout == Self.expected)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dz-transcript-\(UUID().uuidString).dz")
        try Self.transcript.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = try DZProcess.run([file.path])
        #expect(script.status == 0)
        #expect(script.stdout == Self.expected)

        let inline = try DZProcess.run(["-e", Self.transcript])
        #expect(inline.status == 0)
        #expect(inline.stdout == Self.expected)
    }

    @Test func aCommandIsOnlyALineThatStartsWithAColonAtTopLevel() throws {
        // Inside brackets a leading ':' is still a slice; inside a block it is a syntax error.
        let slice = try DZProcess.run(["-e", "x = arange(5)\nx[\n:2]"])
        #expect(slice.status == 0)
        #expect(slice.stdout == "[0 1]\n")
        let block = try DZProcess.run(["-e", "if true {\n:vars\n}"])
        #expect(block.status == 1)
        #expect(block.stderr.hasPrefix("<-e>:2:1: error:"))
    }

    @Test func anInterruptibleCommandErrorStopsTheScriptWithItsPosition() throws {
        let r = try DZProcess.run([], stdin: "x = 1\n:time x +\nprint(2)\n")
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("<stdin>:2:10: error:"))
        #expect(r.stderr.contains(":time x +\n"))
    }

    @Test func aScriptThatLoadsItselfStopsWithAnError() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dz-self-\(UUID().uuidString).dz")
        try "x = 1\n:load \(file.path)\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try DZProcess.run([file.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(file.path):2:7: error: :load is nested 64 deep (does '\(file.path)' load itself?)\n"))
    }

    @Test func timeMeasuresTheEvaluationNotTheFormattingOfTheResult() throws {
        // Echoing a 131,072-element tuple takes tens of milliseconds; looking it up, microseconds.
        let r = try DZProcess.run([], stdin: "t = (1,)\nfor i in range(17) { t = t + t }\n:time t\n")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("median "))
        #expect(r.stdout.contains(" µs over "), "\(r.stdout)")
    }

    @Test func tildeMeansHomeInEveryPathArgument() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dz-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "loaded = 5\n".write(to: home.appendingPathComponent("lib.dz"), atomically: true, encoding: .utf8)
        let program = """
            save("~/a.npy", eye(2))
            print(load("~/a.npy").sum())
            m = MLP((3, 1)); out = m(ones(1, 2))
            m.save_weights("~/w.npz"); save_weights(m, "~/w2.npz")
            m.load_weights("~/w.npz"); load_weights(m, "~/w2.npz")
            x = ones(2); y = x * 2
            graph(y, "~/g.dot")
            plot([1, 2], [3, 4], file="~/p.svg")
            :load ~/lib.dz
            print(loaded)
            """
        let r = try DZProcess.run([], stdin: program, environment: ["HOME": home.path])
        #expect(r.stderr == "")
        #expect(r.status == 0)
        // graph(y, FILE) names the file as it was typed.
        #expect(r.stdout == "2.0\nwrote ~/g.dot (DOT text)\n5\n")
        for name in ["a.npy", "w.npz", "w2.npz", "g.dot", "p.svg"] {
            #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(name).path), "\(name)")
        }
    }
}
