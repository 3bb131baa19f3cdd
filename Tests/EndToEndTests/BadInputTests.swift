import Foundation
import Testing
import DZTestSupport

/// Every Tests/EndToEndTests/BadInput/NNN-name.dz is a wrong program (or a positive control)
/// run through the real `dz FILE`. Its leading `#` lines say what must happen:
///
///     # expect-exit: 1
///     # expect-error: LINE:COL: MESSAGE        stderr is `PATH:LINE:COL: error: MESSAGE`,
///                                              the source line, a caret under COL (a line
///                                              over 100 columns: a window with `...`)
///     # expect-stderr-prefix: TEXT             stderr starts with `PATH` + TEXT (errors whose
///                                              line cannot be compared, e.g. one that ends
///                                              in a lone carriage return)
///     # expect-stdout: LINE                    one per line printed before the error
///     # known-bug: WHY                         dz is wrong here; the file states what it should do
///     # timeout: SECONDS                       (default 60)
///
/// LINE:COL count the header lines too. Without `expect-error` and `expect-stderr-prefix`,
/// stderr must be empty. Files marked `known-bug` are skipped (listed as a disabled test)
/// but must still not crash.
@Suite struct BadInputTests {
    struct Program: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let lines: [String]
        var exit: Int32 = 1
        var error: (line: Int, column: Int, message: String)?
        var stderrPrefix: String?
        var stdout: [String] = []
        var knownBug: String?
        var timeout: TimeInterval = 60

        var testDescription: String { name }
    }

    static let directory = DZProcess.repositoryRoot.appendingPathComponent("Tests/EndToEndTests/BadInput")

    static let programs: [Program] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".dz") }.sorted().map { parse(directory.appendingPathComponent($0)) }
    }()

    static var active: [Program] { programs.filter { $0.knownBug == nil } }
    static var knownBugs: [Program] { programs.filter { $0.knownBug != nil } }

    static func parse(_ url: URL) -> Program {
        let data = (try? Data(contentsOf: url)) ?? Data()
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var p = Program(name: url.lastPathComponent, path: url.path, lines: lines)
        for line in lines {
            guard line.hasPrefix("#") else { break }
            func value(_ key: String) -> String? {
                let prefix = "# \(key):"
                guard line.hasPrefix(prefix) else { return nil }
                let rest = line.dropFirst(prefix.count)
                return String(rest.hasPrefix(" ") ? rest.dropFirst() : rest)
            }
            if let v = value("expect-exit") {
                p.exit = Int32(v) ?? -999
            } else if let v = value("expect-error") {
                let parts = v.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3, let l = Int(parts[0]), let c = Int(parts[1]) {
                    p.error = (l, c, String(parts[2].dropFirst()))
                } else {
                    p.error = (-1, -1, "malformed expect-error header: \(v)")
                }
            } else if let v = value("expect-stderr-prefix") {
                p.stderrPrefix = v
            } else if let v = value("expect-stdout") {
                p.stdout.append(v)
            } else if let v = value("known-bug") {
                p.knownBug = v
            } else if let v = value("timeout") {
                p.timeout = TimeInterval(v) ?? 60
            }
        }
        return p
    }

    /// The source line as the renderer shows it: control characters as their pictures (␀),
    /// tabs expanded to the next multiple of 8 columns; and the column (from 1) where the
    /// scalar at `column` is drawn. (The corpus has no wide characters.)
    static func rendered(_ line: String, column: Int) -> (line: String, column: Int) {
        var out = String.UnicodeScalarView()
        var shownColumn = 0
        for (i, s) in line.unicodeScalars.enumerated() {
            if i == column - 1 { shownColumn = out.count + 1 }
            if s == "\t" {
                out.append(contentsOf: repeatElement(" ", count: 8 - out.count % 8))
            } else if s.value < 0x20 {
                out.append(Unicode.Scalar(0x2400 + s.value)!)
            } else {
                out.append(s.value == 0x7F ? "\u{2421}" : s)
            }
        }
        return (String(out), shownColumn == 0 ? out.count + 1 : shownColumn)
    }

    static let crashMarkers = ["Fatal error", "Trace/breakpoint", "Segmentation", "Illegal instruction", "Swift runtime"]

    static func run(_ p: Program) throws -> DZProcess.Result {
        try DZProcess.run([p.path], environment: ["NO_COLOR": "1"], currentDirectory: directory, timeout: p.timeout)
    }

    @Test func theCorpusHasAtLeastSeventyPrograms() {
        #expect(Self.programs.count >= 70)
        #expect(Self.programs.filter { $0.exit == 1 }.count >= 70)
        for p in Self.knownBugs { print("BadInput: skipping \(p.name) (known bug: \(p.knownBug!))") }
    }

    @Test(arguments: active)
    func badProgram(_ p: Program) throws {
        let r = try Self.run(p)
        for marker in Self.crashMarkers {
            #expect(!r.stderr.contains(marker), "dz crashed: \(r.stderr)")
        }
        #expect(r.status == p.exit, "exit status; stderr: \(r.stderr)")
        #expect(r.stdout == p.stdout.map { $0 + "\n" }.joined())
        let err = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let e = p.error {
            #expect(err.first == "\(p.path):\(e.line):\(e.column): error: \(e.message)")
            guard err.count >= 3, e.line >= 1, e.line <= p.lines.count else {
                Issue.record("expected a source line and a caret line; stderr: \(r.stderr)")
                return
            }
            let (line, column) = Self.rendered(p.lines[e.line - 1], column: e.column)
            let caret = Array(err[2].unicodeScalars)
            if line.unicodeScalars.count <= 100 {
                #expect(err[1] == line, "source line")
                #expect(caret.count >= column && caret[column - 1] == "^", "caret at column \(column): '\(err[2])'")
                #expect(caret.prefix(max(0, column - 1)).allSatisfy { $0 == " " }, "caret line: '\(err[2])'")
            } else {
                // A window of the line, cut with `...`, the caret under the same character.
                let shown = Array(err[1].unicodeScalars), source = Array(line.unicodeScalars)
                #expect(shown.count <= 100 && (err[1].hasPrefix("...") || err[1].hasSuffix("...")), "window: '\(err[1])'")
                let at = caret.firstIndex(of: "^") ?? caret.count
                #expect(caret.prefix(at).allSatisfy { $0 == " " }, "caret line: '\(err[2])'")
                #expect(column > source.count || (at < shown.count && shown[at] == source[column - 1]),
                        "caret under the character at column \(column): '\(err[1])' / '\(err[2])'")
            }
        } else if let prefix = p.stderrPrefix {
            #expect(err.first == p.path + prefix)
        } else {
            #expect(r.stderr == "")
        }
    }

    @Test(.disabled("dz is wrong here; each file's '# known-bug:' header says how"), arguments: knownBugs)
    func knownBug(_ p: Program) throws {
        let r = try Self.run(p)
        #expect(r.status == p.exit)
        if let e = p.error { #expect(r.stderr.hasPrefix("\(p.path):\(e.line):\(e.column): error: \(e.message)\n")) }
        #expect(r.stdout == p.stdout.map { $0 + "\n" }.joined())
    }

    /// Even where its message is wrong, dz must fail cleanly: no trap, no signal, no hang.
    @Test(arguments: knownBugs)
    func knownBugProgramStillFailsCleanly(_ p: Program) throws {
        let r = try Self.run(p)
        for marker in Self.crashMarkers {
            #expect(!r.stderr.contains(marker), "dz crashed: \(r.stderr)")
        }
        #expect([0, 1].contains(r.status), "exit status \(r.status); stderr: \(r.stderr)")
    }

    /// Ctrl-C in a long loop stops it with exit status 130 and an `interrupted` error.
    @Test func interruptStopsALongLoopWithStatus130() throws {
        let process = Process()
        process.executableURL = DZProcess.executable
        process.arguments = ["-e", "x = 0\nwhile true { x = x + 1 }"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = Pipe()
        process.standardInput = Pipe()
        try process.run()
        usleep(1_500_000)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("dz did not stop within 20 s of SIGINT")
        }
        process.waitUntilExit()
        let stderr = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(stderr.hasPrefix("<-e>:2:") && stderr.contains(": error: interrupted\n"), "\(stderr)")
    }
}
