import DZTestSupport
import Foundation
import Testing

/// End-to-end tests of the real line editor: `dz-repl-probe` (an echo evaluator) on a pty.
/// Each waits ~50 ms after a prompt or echo before sending keys (libedit's raw-mode race) and
/// allows several seconds per expectation for a loaded CI machine.
@Suite(.serialized) struct TerminalTests {
    let sandbox: TerminalSandbox
    var state: String { sandbox.state }

    init() throws { sandbox = try TerminalSandbox(prefix: "dz-pty") }

    var historyFile: String { sandbox.historyFile }

    func probe(_ environment: [String: String] = [:]) throws -> PseudoTerminal {
        try sandbox.launch("dz-repl-probe", environment: environment)
    }

    @Test func editingContinuationCompletionInterruptHistoryAndExit() throws {
        defer { sandbox.remove() }
        let term = try probe()
        try term.expect("dz> ")
        term.send("(1,\r")
        try term.expect("...> ")
        term.send("2)\r")
        try term.expect("=> (1,\n2)\n")
        try term.expect("dz> ")

        term.send("la\t")                     // one candidate: inserted, nothing else
        try term.expect("mbda")
        term.send("\r")
        try term.expect("=> lambda\n")
        try term.expect("dz> ")

        term.send("d\t")                      // several: listed below the line, line redrawn
        try term.expect("define   display")
        try term.expect("dz> d")
        term.send("i\t\r")
        try term.expect("=> display\n")
        try term.expect("dz> ")

        term.send("(partial\r")
        try term.expect("...> ")
        term.send("more\u{03}")               // ^C drops the whole pending entry
        try term.expect("^C\n")
        try term.expect("dz> ")
        term.send("after\r")
        try term.expect("=> after\n")         // not "=> (partial ..."
        try term.expect("dz> ")

        term.send("\u{1B}[A")                 // Up recalls the previous entry
        try term.expect("after")
        term.send("\r")
        try term.expect("=> after\n")
        try term.expect("dz> ")

        term.send("\u{04}")                   // Ctrl-D on an empty line
        #expect(try term.waitForExit() == 0)
        #expect(!term.output.contains("partial\nmore"))

        let history = try String(contentsOfFile: historyFile, encoding: .utf8)
        #expect(history.hasPrefix("_HiStOrY_V2_\n"))
        #expect(history.contains("(1,\\0122)"))     // one entry, newline escaped by strvis
        #expect(!history.contains("partial"))
        #expect(history.components(separatedBy: "after").count == 2)   // consecutive duplicate dropped
    }

    @Test func historyPersistsAcrossSessions() throws {
        defer { sandbox.remove() }
        let first = try probe()
        try first.expect("dz> ")
        first.send("[1,\r")
        try first.expect("...> ")
        first.send("2]\r")
        try first.expect("=> [1,\n2]\n")
        try first.expect("dz> ")
        first.send("first_session\r")
        try first.expect("=> first_session\n")
        try first.expect("dz> ")
        first.send("\u{04}")
        #expect(try first.waitForExit() == 0)

        let second = try probe()
        try second.expect("dz> ")
        second.send("\u{1B}[A")
        try second.expect("first_session")
        second.send("\u{1B}[A")               // the multi-line entry comes back whole
        try second.expect("[1,\n2]")
        second.send("\r")
        try second.expect("=> [1,\n2]\n")
        try second.expect("dz> ")
        second.send("\u{04}")
        #expect(try second.waitForExit() == 0)
    }

    @Test func ctrlCStopsARunningEvaluation() throws {
        defer { sandbox.remove() }
        let term = try probe()
        try term.expect("dz> ")
        term.send("sleep\r")
        try term.expect("sleep\n")
        term.send("\u{03}", settle: 0.3)
        try term.expect("Interrupted")
        try term.expect("dz> ")
        term.send("still here\r")             // the session continues, and no stale ^C is left over
        try term.expect("=> still here\n")
        try term.expect("dz> ")
        term.send(":quit\r")
        #expect(try term.waitForExit() == 0)
    }

    @Test func commandsAndErrorsKeepTheSessionGoing() throws {
        defer { sandbox.remove() }
        let term = try probe()
        try term.expect("dz> ")
        term.send(":halp\r")
        try term.expect("unknown command ':halp'; did you mean ':help'?")
        try term.expect("dz> ")
        term.send(":va\t")                    // command completion
        term.send("\r")
        try term.expect("command: vars")
        try term.expect("dz> ")
        term.send("fail\r")
        try term.expect("failed")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func noColorIsRespected() throws {
        defer { sandbox.remove() }
        func run(_ environment: [String: String]) throws -> String {
            let term = try probe(environment)
            try term.expect("dz> ")
            term.send("fail\r")
            try term.expect("failed")
            try term.expect("dz> ")
            term.send("x\r")
            try term.expect("x\n")
            try term.expect("dz> ")
            term.send("\u{04}")
            #expect(try term.waitForExit() == 0)
            return String(decoding: term.rawOutput, as: UTF8.self)
        }
        #expect(try run([:]).contains("\u{1B}[31m"))
        let plain = try run(["NO_COLOR": "1"])
        #expect(!plain.contains("\u{1B}[31m") && !plain.contains("\u{1B}[2m"))
    }

    @Test func anUnwritableHistoryWarnsOnceAndContinues() throws {
        defer { sandbox.remove() }
        let blocker = state + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let term = try probe(["XDG_STATE_HOME": blocker])   // `file/dz` cannot be created
        try term.expect("dz> ")
        term.send("one\r")
        try term.expect("=> one\n")
        try term.expect("dz> ")
        term.send("two\r")
        try term.expect("=> two\n")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
        #expect(term.output.components(separatedBy: "warning: cannot save history").count == 2)
    }

    @Test func hangupEndsTheSessionInsteadOfSpinning() throws {
        defer { sandbox.remove() }
        let term = try probe()
        try term.expect("dz> ")
        term.send("kept\r")
        try term.expect("=> kept\n")
        try term.expect("dz> ")
        term.signal(SIGHUP)
        let status = try term.waitForExit(timeout: 10)
        #expect(status == 0 || status == 128 + SIGHUP)
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("kept"))
    }

    @Test func terminateEndsTheSessionWithHistorySaved() throws {
        defer { sandbox.remove() }
        let term = try probe()
        try term.expect("dz> ")
        term.send("before_term\r")
        try term.expect("=> before_term\n")
        try term.expect("dz> ")
        term.send("", settle: 0.1)
        term.signal(SIGTERM)
        #expect(try term.waitForExit(timeout: 10) == 128 + SIGTERM)
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("before_term"))
    }

    @Test func withoutATerminalThereAreNoPromptsOrEscapes() throws {
        defer { sandbox.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PseudoTerminal.productPath("dz-repl-probe"))
        process.environment = PseudoTerminal.defaultEnvironment(["XDG_STATE_HOME": state])
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data("(1,\n2)\n\n:vars\nfail\nnever\n".utf8))
        try input.fileHandleForWriting.close()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(out == "=> (1,\n2)\ncommand: vars\n")
        #expect(err == "error: failed\n")
        #expect(process.terminationStatus == 1)              // a script stops at its first error
        #expect(!FileManager.default.fileExists(atPath: historyFile))
    }
}
