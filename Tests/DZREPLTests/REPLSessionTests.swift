import Testing
@testable import DZREPL

/// Collects what a session writes.
final class Capture {
    var output = ""
    var error = ""
    var writer: REPLWriter { REPLWriter(output: { self.output += $0 }, error: { self.error += $0 }) }
}

/// Counts brackets, as the language will.
func bracketsOpen(_ entry: String) -> Bool {
    entry.reduce(0) { depth, c in "([{".contains(c) ? depth + 1 : ")]}".contains(c) ? depth - 1 : depth } > 0
}

func echoSession(interactive: Bool = true, capture: Capture,
                 commands: @escaping (REPLCommand) -> REPLOutcome = { .output("command \($0.name)") }) -> REPLSession {
    REPLSession(interactive: interactive, needsContinuation: bracketsOpen,
                evaluate: { $0 == "boom" ? .error("error: boom") : .output("=> \($0)") },
                handleCommand: commands, writer: capture.writer)
}

@Suite struct REPLSessionTests {
    @Test func promptsIncludeContinuationWhileBracketsAreOpen() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["(1,", "2)", "x"])
        let ending = echoSession(capture: capture).run(editor: &editor)
        #expect(ending == .endOfInput)
        #expect(editor.prompts == ["dz> ", "...> ", "dz> ", "dz> "])
        #expect(capture.output == "=> (1,\n2)\n=> x\n\n")
        #expect(editor.history == ["(1,\n2)", "x"])
    }

    @Test func interruptDropsThePartialEntry() {
        let capture = Capture()
        var editor = ScriptedLineEditor([.line("(open"), .line("still"), .interrupted, .line("λ"), .eof])
        _ = echoSession(capture: capture).run(editor: &editor)
        #expect(editor.prompts == ["dz> ", "...> ", "...> ", "dz> ", "dz> "])
        #expect(capture.output == "=> λ\n\n")
        #expect(editor.history == ["λ"])
    }

    @Test func interruptOnAFreshPromptJustPromptsAgain() {
        let capture = Capture()
        var editor = ScriptedLineEditor([.interrupted, .interrupted, .line("a")])
        _ = echoSession(capture: capture).run(editor: &editor)
        #expect(editor.prompts == ["dz> ", "dz> ", "dz> ", "dz> "])
        #expect(capture.output == "=> a\n\n")
    }

    @Test func endOfInputPrintsANewlineOnlyWhenInteractive() {
        let interactive = Capture(), plain = Capture()
        var a = ScriptedLineEditor([.eof]), b = ScriptedLineEditor([.eof])
        #expect(echoSession(interactive: true, capture: interactive).run(editor: &a) == .endOfInput)
        #expect(echoSession(interactive: false, capture: plain).run(editor: &b) == .endOfInput)
        #expect(interactive.output == "\n")
        #expect(plain.output == "")
    }

    @Test func blankLinesAreSkippedAndNotInHistory() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["", "   ", "\t", "a", ""])
        _ = echoSession(capture: capture).run(editor: &editor)
        #expect(editor.history == ["a"])
        #expect(editor.prompts.allSatisfy { $0 == "dz> " })
        #expect(capture.output == "=> a\n\n")
    }

    @Test func blankLineInsideAnEntryStaysInIt() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["{", "", "}"])
        _ = echoSession(capture: capture).run(editor: &editor)
        #expect(editor.history == ["{\n\n}"])
        #expect(editor.prompts == ["dz> ", "...> ", "...> ", "dz> "])
    }

    @Test func errorsNeverEndAnInteractiveSession() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["boom", "after"])
        #expect(echoSession(capture: capture).run(editor: &editor) == .endOfInput)
        #expect(capture.error == "error: boom\n")
        #expect(capture.output == "=> after\n\n")
    }

    @Test func aScriptStopsAtItsFirstError() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["a", "boom", "never"])
        #expect(echoSession(interactive: false, capture: capture).run(editor: &editor) == .error)
        #expect(capture.output == "=> a\n")
        #expect(capture.error == "error: boom\n")
        #expect(editor.prompts.count == 2)
    }

    @Test func anUnfinishedEntryAtTheEndOfAScriptIsStillEvaluated() {
        let capture = Capture()
        var seen: [String] = []
        var editor = ScriptedLineEditor(lines: ["f(1,"])
        let session = REPLSession(interactive: false, needsContinuation: bracketsOpen,
                                  evaluate: { seen.append($0); return .error("error: unexpected end of input") },
                                  writer: capture.writer)
        #expect(session.run(editor: &editor) == .error)
        #expect(seen == ["f(1,"])
    }

    @Test func quitEndsTheSessionWithoutEvaluating() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: [":quit", "never"])
        #expect(echoSession(capture: capture).run(editor: &editor) == .quit)
        #expect(capture.output == "")
        #expect(editor.history == [":quit"])
    }

    @Test func commandsGoToTheHandlerAndToHistory() {
        let capture = Capture()
        var received: [REPLCommand] = []
        var editor = ScriptedLineEditor(lines: [":vars", "  :help exp", ":graph x @ W"])
        _ = echoSession(capture: capture, commands: { received.append($0); return .output("ok") }).run(editor: &editor)
        #expect(received == [.vars, .help(topic: "exp"), .graph(expression: "x @ W")])
        #expect(editor.history == [":vars", "  :help exp", ":graph x @ W"])
        #expect(capture.output == "ok\nok\nok\n\n")
    }

    @Test func unknownCommandSuggestsTheNearestOne() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: [":halp", "x"])
        #expect(echoSession(capture: capture).run(editor: &editor) == .endOfInput)
        #expect(capture.error == "unknown command ':halp'; did you mean ':help'?\n")
        #expect(capture.output == "=> x\n\n")
    }

    @Test func aColonInsideAContinuationIsNotACommand() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["(", ":vars", ")"])
        _ = echoSession(capture: capture, commands: { _ in .error("not expected") }).run(editor: &editor)
        #expect(capture.output == "=> (\n:vars\n)\n\n")
        #expect(capture.error == "")
    }

    @Test func anOutcomeCanQuitAndPrintsBothStreams() {
        let capture = Capture()
        var editor = ScriptedLineEditor(lines: ["x", "y"])
        let session = REPLSession(interactive: true, needsContinuation: { _ in false },
                                  evaluate: { _ in REPLOutcome(output: "out\n", error: "err", quits: true) },
                                  writer: capture.writer)
        #expect(session.run(editor: &editor) == .quit)
        #expect(capture.output == "out\n")
        #expect(capture.error == "err\n")
    }

    @Test func worksThroughAnExistentialEditor() {
        let capture = Capture()
        var editor: any LineEditor = ScriptedLineEditor(lines: ["a"])
        #expect(echoSession(capture: capture).run(editor: &editor) == .endOfInput)
        #expect(capture.output == "=> a\n\n")
    }
}
