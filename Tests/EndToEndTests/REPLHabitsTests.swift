import DZTestSupport
import Foundation
import Testing

/// Issue 16 items 2 and 4 through the real `dz`: what a Python or IPython user types in the
/// first hour. The REPL under a pseudo-terminal (`exit`, `quit`, `:q`, `_`, `exp?`, `help()`,
/// `:help for`, command suggestions, `graph(y)` echoed as DOT), and the same words in
/// scripts, `-e` and stdin (exit statuses, `_` unbound, what `graph(y, FILE)` prints).
@Suite(.serialized) struct REPLHabitsTests {
    let sandbox: TerminalSandbox

    init() throws { sandbox = try TerminalSandbox(prefix: "dz-habits") }

    func dz() throws -> PseudoTerminal {
        let term = try sandbox.launch("dz", environment: ["NO_COLOR": "1"])
        try term.expect("dz> ")
        return term
    }

    // MARK: Leaving

    @Test(arguments: ["exit", "exit()", "quit", "quit()", ":quit", ":q", ":exit", "  exit  "])
    func eachWayOfLeavingEndsTheSessionWithStatusZero(_ word: String) throws {
        defer { sandbox.remove() }
        let term = try dz()
        term.send("x = 2\r")
        try term.expect("dz> ")
        term.send(word + "\r")
        #expect(try term.waitForExit() == 0)
        #expect(!term.output.contains("error"), "\(term.output)")
        // Leaving is not an error and prints nothing of its own (no `<function exit...>`).
        #expect(!term.output.contains("<function"), "\(term.output)")
    }

    @Test func exitWithAStatusLeavesWithIt() throws {
        defer { sandbox.remove() }
        let term = try dz()
        term.send("def stop() { print(\"bye\"); exit(7) }\r")
        try term.expect("dz> ")
        term.send("stop()\r")
        try term.expect("bye")
        #expect(try term.waitForExit() == 7)
    }

    @Test func exitInALoadedFileLeavesTheREPLButQuitThereEndsOnlyTheFile() throws {
        defer { sandbox.remove() }
        let quitting = sandbox.state + "/quits.dz", exiting = sandbox.state + "/exits.dz"
        try "print(\"in quits\")\n:quit\nprint(\"not reached\")\n".write(toFile: quitting, atomically: true, encoding: .utf8)
        try "print(\"in exits\")\nexit(5)\n".write(toFile: exiting, atomically: true, encoding: .utf8)
        let term = try dz()
        term.send(":load \(quitting)\r")
        try term.expect("in quits")
        try term.expect("dz> ")
        term.send("print(\"still here\")\r")
        try term.expect("still here")
        try term.expect("dz> ")
        term.send(":load \(exiting)\r")
        try term.expect("in exits")
        #expect(try term.waitForExit() == 5)
        #expect(!term.output.contains("not reached"))
    }

    @Test func aReboundExitIsAnOrdinaryName() throws {
        defer { sandbox.remove() }
        let term = try dz()
        term.send("exit = 3\r")
        try term.expect("dz> ")
        term.send("exit\r")
        try term.expect("3")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    // MARK: `_`

    @Test func underscoreIsTheLastEchoedValue() throws {
        defer { sandbox.remove() }
        let term = try dz()
        term.send("2 + 3\r")
        try term.expect("5")
        try term.expect("dz> ")
        term.send("_ * 2\r")
        try term.expect("10")
        try term.expect("dz> ")
        // Statements that echo nothing leave `_` alone.
        term.send("y = 100; print(\"p\")\r")
        try term.expect("p")
        try term.expect("dz> ")
        term.send("_ + 1\r")
        try term.expect("11")
        try term.expect("dz> ")
        // `_` does not name the tensor it holds, and :vars does not list it.
        term.send("ones(2) * 3\r")
        try term.expect("[3. 3.]")
        try term.expect("dz> ")
        term.send("z = _; z.name\r")
        try term.expect("\"z\"")
        try term.expect("dz> ")
        term.send(":vars\r")
        let table = try term.expect("dz> ")
        #expect(table.contains("z ") && table.contains("y ") && !table.contains("\n_ "), "\(table)")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    // MARK: Help

    @Test func questionMarksShowHelp() throws {
        defer { sandbox.remove() }
        let term = try dz()
        term.send("exp?\r")
        try term.expect("exp(x)")
        try term.expect("`e ** x` elementwise.")
        try term.expect("dz> ")
        term.send("?matmul\r")
        try term.expect("matmul(a, b)")
        try term.expect("dz> ")
        term.send("?for\r")
        try term.expect("for: repeats a block for each item of a sequence")
        try term.expect("dz> ")
        term.send("x = ones(2, 3); W = ones(3, 4); y = x @ W\r")
        try term.expect("dz> ")
        term.send("y?\r")
        try term.expect("y: a float64 tensor of shape (2, 4), computed by MatMul; no gradient")
        try term.expect("[[3. 3. 3. 3.]")
        try term.expect("dz> ")
        term.send("model = MLP((3, 1))\r")
        try term.expect("dz> ")
        term.send("model.l0?\r")
        try term.expect("model.l0: Linear")
        try term.expect("dz> ")
        term.send("def sq(a) = a * a\r")
        try term.expect("dz> ")
        term.send("sq??\r")
        try term.expect("sq(a): a function defined with def")
        try term.expect("dz> ")
        // Not a help query: a `?` inside an expression is still a syntax error.
        term.send("1 ? 2\r")
        try term.expect("error")
        try term.expect("dz> ")
        term.send("nosuchname?\r")
        try term.expect("no builtin or keyword named \"nosuchname\"")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func helpWithNoArgumentIsAnOverview() throws {
        defer { sandbox.remove() }
        let term = try dz()
        term.send("help()\r")
        try term.expect("Values:")
        try term.expect("tensor")
        try term.expect("Start here:")
        try term.expect("More help:")
        try term.expect("exit() or Ctrl-D leaves the REPL")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func helpExplainsKeywords() throws {
        defer { sandbox.remove() }
        let term = try dz()
        for (keyword, first) in [("for", "for: repeats a block"), ("no_grad", "no_grad: runs a block without recording a graph"),
                                 ("class", "class: defines a class"), ("while", "while: repeats a block while"),
                                 ("def", "def: defines a function"), ("none", "none: no value")] {
            term.send(":help \(keyword)\r")
            try term.expect(first)
            try term.expect("dz> ")
        }
        // The command list names the keywords and the overview.
        term.send(":help\r")
        try term.expect("`help()` is an overview")
        try term.expect("Keywords (`:help for` explains one):")
        try term.expect("dz> ")
        // A command's help, with or without its colon; an alias is its command.
        term.send(":help :q\r")
        try term.expect(":quit\n  leave the REPL")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    @Test func anUnknownCommandSuggestsTheNearest() throws {
        defer { sandbox.remove() }
        let term = try dz()
        for (typed, meant) in [(":hlep", ":help"), (":gr x", ":graph"), (":qiut", ":quit"), (":var", ":vars"), (":lo f", ":load")] {
            term.send(typed + "\r")
            try term.expect("did you mean '\(meant)'?")
            try term.expect("dz> ")
        }
        term.send(":zzzzzz\r")
        try term.expect("unknown command ':zzzzzz'; type :help for the list")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
    }

    // MARK: graph

    @Test func graphEchoesDOTAndSaysWhatItWrote() throws {
        defer { sandbox.remove() }
        let file = sandbox.state + "/g.dot"
        let term = try dz()
        term.send("x = ones(2, 3); W = ones(3, 4); y = x @ W\r")
        try term.expect("dz> ")
        term.send("graph(y)\r")
        // The text itself: real newlines and unescaped quotes, not a quoted string.
        let echoed = try term.expect("\n}\n")
        #expect(echoed.contains("\ndigraph dz {\n  node [fontname=\"Helvetica\", fontsize=11];"), "\(echoed)")
        #expect(echoed.contains("v0 [label=\"y\\n(2, 4)\", shape=ellipse"), "\(echoed)")
        #expect(!echoed.contains("\"digraph"), "\(echoed)")
        try term.expect("dz> ")
        term.send("graph(y, \"\(file)\")\r")
        try term.expect("wrote \(file) (DOT text)\n")
        try term.expect("dz> ")
        term.send("g = graph(y)\r")
        try term.expect("dz> ")
        term.send(":vars\r")
        try term.expect("g    DOT               3 variables, 1 function")
        try term.expect("dz> ")
        term.send("\u{04}")
        #expect(try term.waitForExit() == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("digraph dz {\n"))
    }
}

/// The same words outside the REPL: exit statuses of `exit`/`quit` in a file, `-e` and stdin,
/// `_` unbound, and `graph` in scripts.
@Suite struct ScriptHabitsTests {
    @Test(arguments: ["exit", "exit()", "quit", "quit()"])
    func exitEndsAScriptWithStatusZero(_ word: String) throws {
        for run in [{ try DZProcess.run(["-e", "print(1); \(word); print(2)"]) },
                    { try DZProcess.run([], stdin: "print(1)\n\(word)\nprint(2)\n") }] {
            let r = try run()
            #expect(r.status == 0 && r.stdout == "1\n" && r.stderr.isEmpty, "\(word): \(r)")
        }
    }

    @Test func exitWithAStatusFromAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dz-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("s.dz")
        try "for i in range(10) {\n  if i == 2 { exit(42) }\n  print(i)\n}\nprint(\"after\")\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try DZProcess.run([script.path])
        #expect(r.status == 42)
        #expect(r.stdout == "0\n1\n")
        #expect(r.stderr.isEmpty)
        // A status outside 0...255 is an error, not a wrapped status.
        let bad = try DZProcess.run(["-e", "exit(-1)"])
        #expect(bad.status == 1 && bad.stderr.contains("exit(): status must be an integer from 0 to 255, got -1"), "\(bad)")
    }

    @Test func underscoreIsNotBoundOutsideTheREPL() throws {
        let r = try DZProcess.run([], stdin: "2 + 3\n_\n")
        #expect(r.status == 1)
        #expect(r.stdout == "5\n")
        #expect(r.stderr.contains("undefined name '_'"))
        // An ordinary name there.
        #expect(try DZProcess.run(["-e", "_ = 4; _ * 2"]).stdout == "8\n")
    }

    @Test func helpInScripts() throws {
        let overview = try DZProcess.run(["-e", "help()"])
        #expect(overview.status == 0)
        #expect(overview.stdout.hasPrefix("dz: tensors with automatic differentiation"))
        #expect(overview.stdout.contains("Values:\n  tensor"))
        let keyword = try DZProcess.run(["-e", "help(\"no_grad\"); help(\"class\"); help(\"Model\")"])
        #expect(keyword.stdout.contains("no_grad: runs a block without recording a graph"))
        #expect(keyword.stdout.contains("class: defines a class"))
        #expect(keyword.stdout.contains("class Model"), "\(keyword.stdout)")
        // `exp?` is REPL-only.
        let query = try DZProcess.run(["-e", "exp?"])
        #expect(query.status == 1 && query.stderr.contains("error"))
    }

    @Test func graphInScripts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dz-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let setup = "x = ones(2, 3); W = ones(3, 4); y = x @ W\n"
        // Echo and print show the same text, once, with no blank line after it.
        let echoed = try DZProcess.run(["-e", setup + "graph(y)"])
        let printed = try DZProcess.run(["-e", setup + "print(graph(y))"])
        #expect(echoed.status == 0 && echoed.stdout.hasPrefix("digraph dz {\n") && echoed.stdout.hasSuffix("  f0 -> v0;\n}\n"), "\(echoed)")
        #expect(printed.stdout == echoed.stdout)
        // As a value: bound, measured, its text a string.
        let text = try DZProcess.run(["-e", setup + "g = graph(y); print(len(g) > 100 and len(g) == len(g.text), g.text == graph(y).text)"])
        #expect(text.stdout == "True True\n", "\(text)")
        // Writing a file says so in one line; the file holds the same text.
        let file = dir.appendingPathComponent("g.dot").path
        let written = try DZProcess.run(["-e", setup + "graph(y, \"\(file)\"); print(\"next\")"])
        #expect(written.stdout == "wrote \(file) (DOT text)\nnext\n", "\(written)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == echoed.stdout)
    }
}
