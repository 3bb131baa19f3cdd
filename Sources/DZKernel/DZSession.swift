@preconcurrency import DZLanguage
import DZREPL
import DZTensor
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// dz behind the kernel: one ``Interpreter`` session with the REPL's commands, completion
/// and help, so that a cell is a REPL entry (the same echo, errors, `:commands`).
/// Not thread-safe: the kernel calls it from the shell thread only.
final class DZSession {
    let interpreter: Interpreter
    let repl: InterpreterREPL
    let renderer = DiagnosticRenderer(useColor: true)
    private(set) var executionCount = 0
    /// Every stored cell: its execution count, its code and its result's text.
    private(set) var history: [(line: Int, input: String, output: String?)] = []
    /// Where the running cell's output goes.
    private var cell: CellOutput?

    init() {
        interpreter = Interpreter(output: { _ in })
        interpreter.isTerminal = false
        repl = InterpreterREPL(interpreter: interpreter, renderer: renderer)
        interpreter.isInterruptRequested = Interrupt.poll
        interpreter.output = { [unowned self] text in self.cell?.write(text) }
        interpreter.richOutput = { [unowned self] item in self.cell?.show(item) ?? false }
    }

    /// How a cell ended.
    enum Outcome {
        case ok(result: JSON?, payload: [JSON])
        case error(ename: String, evalue: String, traceback: [String])
    }

    /// Runs `code` as a REPL entry, its output into `sink`. `store` counts it (and keeps it in
    /// the history) as Jupyter's `store_history` and not `silent`.
    func execute(_ code: String, store: Bool, sink: CellOutputSink) -> Outcome {
        if store { executionCount += 1 }
        let output = CellOutput(sink: sink)
        cell = output
        defer { cell = nil }
        Interrupt.clear()
        var outcome: Outcome
        if let page = pagedHelp(code) {
            outcome = page
        } else {
            switch interpreter.run(SourceFile(name: "<cell \(executionCount)>", text: code)) {
            case .completed:
                outcome = .ok(result: nil, payload: [])
            case .failed(let d, let file):
                outcome = .error(ename: d.id, evalue: d.message, traceback: renderer.render(d, in: file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            case .interrupted(let d, let file):
                outcome = .error(ename: "Interrupted", evalue: "interrupted",
                                 traceback: renderer.render(d, in: file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            }
        }
        let result = output.finish()
        if case .ok(_, let payload) = outcome { outcome = .ok(result: result, payload: payload) }
        if store {
            history.append((executionCount, code, result?["text/plain"]?.string))
            if history.count > 10_000 { history.removeFirst(history.count - 10_000) }
        }
        return outcome
    }

    /// A cell that is one `:help` line shows its text in the pager (as `name?` does in IPython).
    private func pagedHelp(_ code: String) -> Outcome? {
        let line = code.trimmed(of: " \t\r\n")
        guard !line.contains("\n"), case .success(.help(let topic)) = REPLCommand.parse(line) else { return nil }
        let outcome = repl.handle(.help(topic: topic))
        if outcome.failed {
            var message = outcome.error
            if message.hasSuffix("\n") { message.removeLast() }
            return .error(ename: "repl.command", evalue: message, traceback: ["\u{1B}[1;31merror:\u{1B}[0m " + message])
        }
        return .ok(result: nil, payload: [.object([
            ("source", .string("page")), ("data", .object([("text/plain", .string(outcome.output))])), ("start", .int(0)),
        ])])
    }

    /// Jupyter's `user_expressions`: each expression evaluated in the session after the
    /// cell, as its echo text (or its error).
    func userExpressions(_ expressions: JSON) -> JSON {
        guard case .object(let pairs) = expressions else { return .object([]) }
        return .object(pairs.map { name, expression in
            let text = expression.string ?? ""
            switch interpreter.evaluate(expression: text, name: "<\(name)>") {
            case .success(let value):
                return (name, .object([("status", .string("ok")), ("data", .object([("text/plain", .string(value.repr))])),
                                       ("metadata", .object([]))]))
            case .failure(let f):
                return (name, .object([("status", .string("error")), ("ename", .string(f.diagnostic.id)),
                                       ("evalue", .string(f.diagnostic.message)),
                                       ("traceback", .array([.string(renderer.render(f.diagnostic, in: f.source))]))]))
            }
        })
    }

    // MARK: - Completion, help, continuation

    /// The REPL's completions at `cursor` (code points into `code`): the matches and the
    /// code-point range they replace.
    func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        var lineStart = end
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let before = String(String.UnicodeScalarView(scalars[lineStart..<end]))
        var lineEnd = end
        while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
        let line = String(String.UnicodeScalarView(scalars[lineStart..<lineEnd]))
        let (replaceFrom, candidates) = repl.completion.completions(for: line, cursor: before.utf8.count)
        // replaceFrom is a byte offset into the line: back to code points.
        let prefix = Array(line.utf8.prefix(max(0, min(replaceFrom, before.utf8.count))))
        let start = lineStart + String(decoding: prefix, as: UTF8.self).unicodeScalars.count
        return (candidates, start, end)
    }

    /// The help text of the name at or before `cursor`, or nil.
    func inspect(_ code: String, cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        let at = min(max(cursor, 0), scalars.count)
        func isWord(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s) }
        var start = at, end = at
        while start > 0, isWord(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isWord(scalars[end]) { end += 1 }
        if start == end, start > 0, scalars[start - 1] == "(" {
            // Right after `f(`: the function being called.
            end = start - 1
            start = end
            while start > 0, isWord(scalars[start - 1]) { start -= 1 }
        }
        guard start < end else { return nil }
        let word = String(String.UnicodeScalarView(scalars[start..<end]))
        if let value = interpreter.globals[word] {
            return "\(word): \(value.kindName)\n\(value.repr)\n"
        }
        let outcome = repl.handle(.help(topic: word))
        return outcome.failed || outcome.output.isEmpty ? nil : outcome.output
    }

    /// Jupyter's is_complete: `incomplete` while the REPL would ask for another line (with the
    /// indent for inside a `{`), `invalid` for a syntax error, else `complete`.
    func isComplete(_ code: String) -> (status: String, indent: String?) {
        if needsContinuation(code) {
            var depth = 0
            for c in code { if c == "{" { depth += 1 } else if c == "}" { depth -= 1 } }
            return ("incomplete", String(repeating: "    ", count: max(depth, 0)))
        }
        if REPLCommand.isCommand(code), !code.contains("\n") {
            if case .failure = REPLCommand.parse(code) { return ("invalid", nil) }
            return ("complete", nil)
        }
        return (Interpreter.syntaxError(in: code) == nil ? "complete" : "invalid", nil)
    }

    // MARK: - History

    /// `tail` (the last n), `range` (start <= line < stop) and `search` (a glob over the
    /// whole input, `unique` keeping the latest of equal inputs, then the last n).
    func historyReply(_ content: JSON) -> JSON {
        let output = content["output"]?.bool ?? false
        var entries = history
        switch content["hist_access_type"]?.string ?? "tail" {
        case "range":
            let start = content["start"]?.int ?? 0
            let stop = content["stop"]?.int ?? Int.max
            entries = entries.filter { $0.line >= start && $0.line < stop }
        case "search":
            let pattern = content["pattern"]?.string ?? "*"
            entries = entries.filter { fnmatch(pattern, $0.input, 0) == 0 }
            if content["unique"]?.bool ?? false {
                var seen = Set<String>()
                entries = entries.reversed().filter { seen.insert($0.input).inserted }.reversed()
            }
            if let n = content["n"]?.int, n >= 0 { entries = Array(entries.suffix(n)) }
        default:
            if let n = content["n"]?.int, n >= 0 { entries = Array(entries.suffix(n)) }
        }
        let rows: [JSON] = entries.map { e in
            let input: JSON = output ? .array([.string(e.input), e.output.map { .string($0) } ?? .null]) : .string(e.input)
            return .array([.int(1), .int(e.line), input])
        }
        return .object([("status", .string("ok")), ("history", .array(rows))])
    }
}

extension String {
    /// Without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        let set = Set(set)
        guard let start = firstIndex(where: { !set.contains($0) }), let end = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
