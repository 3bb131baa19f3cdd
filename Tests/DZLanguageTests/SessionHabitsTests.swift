import Foundation
import Testing
@testable import DZLanguage

/// exit/quit, `_`, help() and keyword help, and graph's DOT value, as the interpreter sees
/// them (the REPL and the tool are tested through the real binary in EndToEndTests).
@Suite struct SessionHabitsTests {
    /// Runs `text`; returns the output and the exit status asked for.
    func session(_ text: String, bindsLastValue: Bool = false) -> (output: String, exit: Int32?, completed: Bool) {
        var output = ""
        let interpreter = Interpreter(output: { output += $0 })
        interpreter.bindsLastValue = bindsLastValue
        var completed = true
        for entry in text.split(separator: "\n") {
            guard case .completed = interpreter.run(SourceFile(name: "<t>", text: String(entry))) else { completed = false; break }
            if interpreter.exitRequest != nil { break }
        }
        return (output, interpreter.exitRequest, completed)
    }

    @Test func exitAndQuitStopTheProgramAndRecordTheStatus() {
        #expect(session("print(1); exit(); print(2)") == ("1\n", 0, true))
        #expect(session("print(1); quit(9); print(2)") == ("1\n", 9, true))
        #expect(session("def f(n) { for i in range(10) { if i == n { exit(i) } } }; f(4); print(5)") == ("", 4, true))
        // Bare `exit` leaves only at top level and only while it is the builtin.
        #expect(session("exit\nprint(2)") == ("", 0, true))
        #expect(session("if true { exit }; print(2)") == ("2\n", nil, true))
        #expect(session("exit = 3; exit") == ("3\n", nil, true))
        #expect(session("e2 = exit; e2()") == ("", 0, true))
        #expect(session("print(1)") == ("1\n", nil, true))
        #expect(run("exit(256)").error == "1:1: exit(): status must be an integer from 0 to 255, got 256")
        #expect(run("exit(1.5)").error == "1:1: exit(): argument 'status' must be an integer, got 1.5")
    }

    @Test func underscoreIsTheLastEchoedValueOnlyWhenAsked() {
        #expect(session("2 + 3\n_ * 2\nx = 1\nprint(0)\n_", bindsLastValue: true).output == "5\n10\n0\n10\n")
        // It does not name the tensor it holds.
        #expect(session("ones(2)\ny = _; y.name", bindsLastValue: true).output == "[1. 1.]\n\"y\"\n")
        let script = session("2 + 3\n_")
        #expect(script.output == "5\n" && !script.completed)
    }

    @Test func helpWithoutArgumentIsTheOverview() {
        let r = run("help()")
        #expect(r.error == nil)
        #expect(r.output == HelpTopics.overview + "\n")
        for part in ["Values:", "tensor", "tuple", "string", "function", "object", "Start here:", "More help:", ":help"] {
            #expect(r.output.contains(part), "overview lacks \(part)")
        }
        // Its first computation runs and gives what it says.
        #expect(run("x = [1.0, 2.0, 3.0]; y = sum(x ** 2); backward(y); x.grad").output == "[2. 4. 6.]\n")
    }

    @Test func everyKeywordHasHelpAndTheHelpExamplesParse() throws {
        #expect(Set(HelpTopics.keywordNames) == Set(Interpreter.keywords))
        for keyword in Interpreter.keywords {
            let r = run("help(\"\(keyword)\")")
            #expect(r.error == nil, "\(keyword): \(r.error ?? "")")
            #expect(r.output.hasPrefix("\(keyword): "), "\(keyword): \(r.output)")
        }
        // The one-line example lines (indented, before two spaces of comment) are dz.
        for keyword in ["def", "for", "while", "no_grad", "if", "break", "continue"] {
            let text = try #require(HelpTopics.keyword(keyword))
            let example = text.split(separator: "\n")[1].trimmingCharacters(in: .whitespaces)
            let code = example.components(separatedBy: "   ").first!
            #expect(syntaxError(code) == "no error", "\(keyword): \(code)")
        }
        #expect(run("help(\"fro\")").error == "1:1: help(): no builtin or keyword named \"fro\"; did you mean 'for'?")
        #expect(run("help(\"Model\")").output.hasPrefix("class Model"))
    }

    @Test func graphIsADOTValueThatShowsItsText() {
        let setup = "x = ones(2, 3); W = ones(3, 4); y = x @ W\n"
        let echoed = run(setup + "graph(y)").output
        #expect(echoed.hasPrefix("digraph dz {\n  node [fontname=\"Helvetica\"") && echoed.hasSuffix("}\n"))
        #expect(run(setup + "print(graph(y))").output == echoed)
        #expect(run(setup + "(graph(y), 1)").output == "(" + echoed.dropLast() + ", 1)\n")
        #expect(run(setup + "g = graph(y); print(g.text == graph(y).text, len(g) == len(g.text) and len(g) > 100)").output == "True True\n")
        #expect(run(setup + "g = graph(y); g.text").output.hasPrefix("\"digraph dz {\\n"))
        let value = run(setup + "graph(y)")
        #expect(value.error == nil)
        #expect(DOTText("digraph dz {\n  v0 [label=\"a\", shape=ellipse];\n  f0 [label=\"Exp\", shape=box];\n  v0 -> f0;\n}\n").summary
                == "1 variable, 1 function")
    }

    @Test func graphToAFileSaysWhatItWrote() {
        let path = "/tmp/dz-session-habits-\(getpid()).dot"
        let r = run("graph(ones(2) * 2, \"\(path)\")")
        #expect(r.error == nil)
        #expect(r.output == "wrote \(path) (DOT text)\n")
        #expect(Builtins.wroteGraphMessage("out/g.PNG") == "wrote out/g.PNG (Graphviz)\n")
        #expect(Builtins.wroteGraphMessage("g.gv") == "wrote g.gv (DOT text)\n")
        unlink(path)
    }
}
