import DZTestSupport
import Foundation
import Testing

/// The real `dz` REPL on a pseudo-terminal: Ctrl-D on a continuation line, non-ASCII input
/// whatever the locale, completion from a bound value's own attributes, and a history shared
/// by sessions open at once and read with bounds.
@Suite(.serialized) struct REPLInputAndHistoryTests {
    let sandbox: TerminalSandbox

    init() throws { sandbox = try TerminalSandbox(prefix: "dz-repl-input") }

    func dz(_ environment: [String: String] = [:]) throws -> PseudoTerminal {
        try sandbox.launch("dz", environment: environment)
    }

    @Test func ctrlDOnAContinuationLineCancelsTheEntryAndKeepsTheSession() throws {
        defer { sandbox.remove() }
        let term = try dz()
        try term.expect("dz> ")
        term.send("kept = 1\r")
        try term.expect("dz> ")
        term.send("(kept +\r")
        try term.expect("...> ")
        term.send("\u{04}")                   // Ctrl-D on the empty "...> " line
        try term.expect("dz> ")
        term.send("kept + 41\r")
        try term.expect("42")
        try term.expect("dz> ")
        term.send("\u{04}")                   // at the primary prompt it leaves
        #expect(try term.waitForExit() == 0)
        #expect(!term.output.contains("error"))
    }

    @Test func nonASCIIInputIsKeptUnderTheCLocaleAndWithNoLocale() throws {
        defer { sandbox.remove() }
        var noLocale = PseudoTerminal.defaultEnvironment(["XDG_STATE_HOME": sandbox.state])
        noLocale.removeValue(forKey: "LANG")
        let terminals = [try dz(["LANG": "C"]),
                         try PseudoTerminal(executable: PseudoTerminal.productPath("dz"), environment: noLocale)]
        for term in terminals {
            try term.expect("dz> ")
            term.send("print(\"héllo λ\")\r")
            try term.expect("\nhéllo λ\n")
            try term.expect("dz> ")
            term.send("\u{04}")
            #expect(try term.waitForExit() == 0)
        }
    }

    @Test func attributeCompletionOffersTheBoundValuesOwnAttributes() throws {
        defer { sandbox.remove() }
        let term = try dz()
        try term.expect("dz> ")
        term.send("x = ones(2); opt = SGD(); m = MLP((2, 1))\r")
        try term.expect("dz> ")
        term.send("opt.se\t")                  // an optimizer's own method completes
        try term.expect("tup")
        term.send("\u{15}x.set\t")             // a tensor has no `setup`: nothing is inserted
        term.send("\r")
        try term.expect("has no attribute 'set'")
        try term.expect("dz> ")
        term.send("m.si\t")                    // a model has no `sin`/`sigmoid`
        term.send("\r")
        try term.expect("has no attribute 'si'")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func twoSessionsAtOnceBothKeepTheirHistory() throws {
        defer { sandbox.remove() }
        let first = try dz()
        let second = try dz()
        try first.expect("dz> ")
        try second.expect("dz> ")
        first.send("from_first = 1\r")
        try first.expect("dz> ")
        second.send("from_second = 2\r")
        try second.expect("dz> ")
        first.send("again_first = 3\r")
        try first.expect("dz> ")
        second.send("\u{04}")
        #expect(try second.waitForExit() == 0)
        first.send("\u{04}")
        #expect(try first.waitForExit() == 0)
        let history = try String(contentsOfFile: sandbox.historyFile, encoding: .utf8)
        #expect(history.hasPrefix("_HiStOrY_V2_\n"))
        for entry in ["from_first\\040=\\0401", "from_second\\040=\\0402", "again_first\\040=\\0403"] {
            #expect(history.contains(entry + "\n"), "\(entry) lost from \(history)")
        }
        // A new session recalls the entries of both, newest first.
        let third = try dz()
        try third.expect("dz> ")
        third.send("\u{1B}[A")
        try third.expect("again_first = 3")
        third.send("\u{15}\u{04}")
        #expect(try third.waitForExit() == 0)
    }

    @Test func aHistoryThatIsNotARegularFileIsSkippedWithAWarning() throws {
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(atPath: sandbox.state + "/dz", withIntermediateDirectories: true)
        #expect(mkfifo(sandbox.historyFile, 0o600) == 0)   // opening it to read would wait forever
        let term = try dz()
        try term.expect("not a regular file", timeout: 5)
        try term.expect("dz> ")
        term.send("1 + 1\r")
        try term.expect("2")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }
}
