import DZTestSupport
import Foundation
import Testing

/// The real `dz` REPL on a pseudo-terminal: prompt, echo, continuation, completion, history
/// recall and persistence, Ctrl-C on a line and in a loop, Ctrl-D, errors, NO_COLOR.
@Suite(.serialized) struct REPLTerminalTests {
    let sandbox: TerminalSandbox

    init() throws { sandbox = try TerminalSandbox(prefix: "dz-repl") }

    func dz(_ environment: [String: String] = [:]) throws -> PseudoTerminal {
        try sandbox.launch("dz", environment: environment)
    }

    @Test func aSessionWithGradients() throws {
        defer { sandbox.remove() }
        let term = try dz()
        try term.expect("dz> ")
        term.send("seed(0); x = randn(2, 3); W = randn(3, 4); y = x @ W; backward(y)\r")
        try term.expect("dz> ")
        term.send("x.grad.shape\r")
        try term.expect("(2, 3)")
        try term.expect("dz> ")
        term.send(":vars\r")
        try term.expect("W    tensor            (3, 4) float64 yes (3, 4)")
        try term.expect("dz> ")
        // A block spread over lines uses the continuation prompt.
        term.send("def f(a) {\r")
        try term.expect("...> ")
        term.send("return a * 2\r")
        try term.expect("...> ")
        term.send("}\r")
        try term.expect("dz> ")
        term.send("f(21)\r")
        try term.expect("42")
        try term.expect("dz> ")
        // Errors are reported and the session goes on.
        term.send("x.shap\r")
        try term.expect("did you mean 'shape'?")
        try term.expect("dz> ")
        term.send("f(1)\r")
        try term.expect("2")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func aClassTypedOverSeveralLinesWithCompletionOfItsAttributes() throws {
        defer { sandbox.remove() }
        let term = try dz()
        try term.expect("dz> ")
        term.send("class Square(Function) {\r")
        try term.expect("...> ")
        term.send("def forward(self, x) = x ** 2\r")
        try term.expect("...> ")
        term.send("def backward(self, gy) = 2 * self.inputs[0] * gy\r")
        try term.expect("...> ")
        term.send("}\r")
        try term.expect("dz> ")
        term.send("x = 3.0; y = Square()(x); backward(y); x.grad\r")
        try term.expect("6.0")
        try term.expect("dz> ")
        term.send("class Point { def __init__(self, x) { self.coordinate = x } }\r")
        try term.expect("dz> ")
        term.send("p = Point(2.0)\r")
        try term.expect("dz> ")
        term.send("p.coor\t")
        try term.expect("dinate")
        term.send("\r")
        try term.expect("2.0")
        try term.expect("dz> ")
        term.send(":vars\r")
        try term.expect("Square class")
        try term.expect("dz> ")
        // An error inside a method keeps the session and its objects.
        term.send("p.missing\r")
        try term.expect("has no attribute 'missing'")
        try term.expect("dz> ")
        term.send("p\r")
        try term.expect("Point(coordinate=2.0)")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func completionOfBuiltinsUserNamesAndAttributes() throws {
        defer { sandbox.remove() }
        let term = try dz()
        try term.expect("dz> ")
        term.send("weights = ones(2)\r")
        try term.expect("dz> ")
        term.send("weig\t")
        try term.expect("hts")
        term.send(".sha\t")
        try term.expect("pe")
        term.send("\r")
        try term.expect("(2,)")
        try term.expect("dz> ")
        term.send("lin\t")                    // linear, linspace: both listed
        try term.expect("linear")
        try term.expect("linspace")
        term.send("\u{15}:he\t")              // Ctrl-U clears; a command completes
        try term.expect("lp")
        term.send("\r")
        try term.expect("Commands:")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func ctrlCDropsALineAndStopsALoopKeepingTheSession() throws {
        defer { sandbox.remove() }
        let term = try dz()
        try term.expect("dz> ")
        term.send("kept = 7\r")
        try term.expect("dz> ")
        term.send("(1 +\r")
        try term.expect("...> ")
        term.send("\u{03}")
        try term.expect("dz> ")
        term.send("s = 0; for i in range(100000000) { s = s + 1 }\r")
        Thread.sleep(forTimeInterval: 0.5)
        term.send("\u{03}", settle: 0)
        try term.expect("interrupted", timeout: 5)
        try term.expect("dz> ")
        term.send("kept\r")
        try term.expect("7")
        try term.expect("dz> ")
        term.send("s > 0\r")                  // the loop ran for a while and s is kept
        try term.expect("True")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func historyIsRecalledAndPersists() throws {
        defer { sandbox.remove() }
        let first = try dz()
        try first.expect("dz> ")
        first.send("answer = 41 + 1\r")
        try first.expect("dz> ")
        first.send("\u{1B}[A")                // Up recalls the entry in this session
        try first.expect("answer = 41 + 1")
        first.send("\u{15}\u{04}")
        #expect(try first.waitForExit() == 0)
        let history = try String(contentsOfFile: sandbox.historyFile, encoding: .utf8)
        #expect(history.contains("answer"))
        let second = try dz()
        try second.expect("dz> ")
        second.send("\u{1B}[A")               // ... and in the next one
        try second.expect("answer = 41 + 1")
        second.send("\r")
        try second.expect("dz> ")
        second.send("answer\r")
        try second.expect("42")
        second.send("\u{04}")
        #expect(try second.waitForExit() == 0)
    }

    @Test func colorsOnATerminalButNotWithNoColor() throws {
        defer { sandbox.remove() }
        let colored = try dz()
        try colored.expect("dz> ")
        colored.send("nope\r")
        try colored.expect("undefined name 'nope'")
        try colored.expect("dz> ")
        #expect(String(decoding: colored.rawOutput, as: UTF8.self).contains("\u{1B}[1;31merror:"))
        colored.send("\u{04}")
        _ = try colored.waitForExit()

        let plain = try dz(["NO_COLOR": "1"])
        try plain.expect("dz> ")
        plain.send("nope\r")
        try plain.expect("undefined name 'nope'")
        try plain.expect("dz> ")
        let text = String(decoding: plain.rawOutput, as: UTF8.self)
        #expect(!text.contains("\u{1B}[1;31m") && !text.contains("\u{1B}[1;32m"))
        plain.send("\u{04}")
        #expect(try plain.waitForExit() == 0)
    }
}
