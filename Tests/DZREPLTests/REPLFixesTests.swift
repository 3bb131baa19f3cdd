import Foundation
import Testing
@testable import DZREPL
import DZLanguage

/// `:time` excludes formatting, completion follows the bound value, Ctrl-D on a
/// continuation line, and the shared history file's format, bounds and trimming.
@Suite struct REPLFixesTests {
    func repl() -> InterpreterREPL {
        InterpreterREPL(interpreter: Interpreter(output: { _ in }), renderer: DiagnosticRenderer())
    }

    @Test func timeLeavesOutFormattingTheValue() {
        let r = repl()
        _ = r.evaluate("t = (1,); for i in range(17) { t = t + t }")   // 131,072 elements to format
        let out = r.handle(.time(statement: "t")).output
        #expect(out.contains(" µs over "), "\(out)")
    }

    @Test func attributesComeFromTheBoundValue() {
        let r = repl()
        _ = r.evaluate("x = ones(2); opt = SGD(); m = MLP((2, 1)); out = m(ones(1, 2))")
        let completion = r.completion
        func candidates(_ line: String) -> [String] { completion.completions(for: line, cursor: line.utf8.count).candidates }
        #expect(candidates("x.set") == [])
        #expect(candidates("x.sh") == ["shape"])
        #expect(candidates("opt.se") == ["setup"])
        #expect(candidates("m.si") == [])
        #expect(candidates("m.l0.") .contains("W"))
        #expect(!candidates("m.l0.").contains("sin"))
        // Unbound names and call results still get every type's attributes.
        #expect(candidates("nope.sh") == ["shape"])
        #expect(candidates("f(x).se").contains("setup"))
    }

    @Test func ctrlDOnAContinuationLineCancelsOnlyTheEntry() {
        var evaluated: [String] = []
        let session = REPLSession(interactive: true, needsContinuation: { $0.hasPrefix("(") && !$0.hasSuffix(")") },
                                  evaluate: { evaluated.append($0); return .nothing },
                                  writer: REPLWriter(output: { _ in }, error: { _ in }))
        var editor = ScriptedLineEditor([.line("(open"), .eof, .line("done"), .eof])
        #expect(session.run(editor: &editor) == .endOfInput)
        #expect(evaluated == ["done"])
        #expect(editor.prompts == ["dz> ", "...> ", "dz> ", "dz> "])
    }

    func temporaryPath() -> String { NSTemporaryDirectory() + "dz-history-\(UUID().uuidString)" }

    @Test func entriesRoundTripThroughTheFileFormat() {
        let entries = ["x = 1", "def f(a) {\n  return a \\ 2\n}", "print(\"héllo\tλ\")", "a\u{7F}b"]
        for entry in entries {
            let line = HistoryStore.encode(entry)
            #expect(!line.contains("\n") && !line.contains(" "))
            #expect(String(decoding: HistoryStore.unvis(Array(line.utf8)), as: UTF8.self) == entry)
        }
        // libedit's own forms read back too.
        #expect(HistoryStore.unvis(Array("a\\^Ab\\M-a\\\\".utf8)) == [0x61, 0x01, 0x62, 0xE1, 0x5C])
    }

    @Test func appendsKeepOtherWritersAndTrimToTheCapacity() throws {
        let path = temporaryPath()
        defer { for p in [path, path + ".lock"] { unlink(p) } }
        var a = HistoryStore(path: path, capacity: 50)
        var b = HistoryStore(path: path, capacity: 50)
        for i in 0..<1000 {
            #expect((i % 2 == 0 ? a.append("entry \(i)") : b.append("entry \(i)")) == nil)
        }
        var reader = HistoryStore(path: path, capacity: 50)
        let kept = try #require(try? reader.load().get())
        #expect(kept == (950..<1000).map { "entry \($0)" })
        // Trimmed as it grew: never much more than twice the capacity on disk.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(size < 2 * 50 * 14 + 4096 + 100)
    }

    @Test func readingIsBoundedAndSkipsWhatIsNotARegularFile() throws {
        var device = HistoryStore(path: "/dev/zero", capacity: 10)
        #expect(device.load() == .failure(.notRegular))
        #expect(device.append("x") == .notRegular)

        let path = temporaryPath()
        defer { unlink(path) }
        var text = "_HiStOrY_V2_\n"
        for i in 0..<20_000 { text += "line\\040\(i)\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var store = HistoryStore(path: path, capacity: 1000, maxBytes: 4096)
        let entries = try #require(try? store.load().get())
        #expect(entries.last == "line 19999")
        #expect(entries.count < 400)            // only the last 4 KiB were read
        #expect(entries.allSatisfy { $0.hasPrefix("line ") })
    }
}
