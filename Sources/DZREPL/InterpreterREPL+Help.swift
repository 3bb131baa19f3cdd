import DZLanguage
import DZAutodiff

// `:help`, `help` at the prompt, and IPython's `exp?` / `?exp`: one place that answers
// "what is NAME?" for commands, keywords, builtins, classes and the session's own names.

extension InterpreterREPL {
    /// `:help [TOPIC]`: the command list and builtins, or what TOPIC is. A topic is a
    /// command (`:load` or `load`... a builtin wins), a keyword (`for`), a name of the
    /// session (its kind, shape and value), a builtin or a builtin base, or a dotted path
    /// to an attribute (`model.l1`, `opt.update`).
    func help(_ topic: String?) -> Result<String, CommandProblem> {
        guard let topic, !topic.isEmpty else { return .success(Self.commandsAndBuiltins) }
        let name = REPLCommand.aliases[topic] ?? topic
        if name.hasPrefix(":") || Builtins.table[name] == nil && interpreter.globals[name] == nil && HelpTopics.keyword(name) == nil,
           let info = REPLCommand.catalog.first(where: { $0.name == name || $0.name == ":" + name }) {
            return .success("\(info.usage)\n  \(info.summary)\n")
        }
        if let text = HelpTopics.keyword(name) { return .success(text + "\n") }
        if interpreter.globals[name] != nil || name.contains(".") {
            switch interpreter.evaluate(expression: name, name: "<help>") {
            case .success(let value): return .success(describe(name, value) + "\n")
            case .failure(let f): return .failure(.message(f.diagnostic.message))
            }
        }
        do {
            // `load` is a builtin and `:load` a command: the builtin's help names the other.
            let command = REPLCommand.catalog.first(where: { $0.name == ":" + name }).map { "\n(also the command \($0.usage): :help \($0.name))" } ?? ""
            return .success(try Builtins.helpText(for: .string(name)) + command + "\n")
        } catch let e as BuiltinError {
            return .failure(.message(e.message.text))
        } catch {
            return .failure(.message("\(error)"))
        }
    }

    /// The topic of an IPython-style help query, `exp?`, `?exp`, `exp??` or `model.l1?`;
    /// nil when `entry` is not one (it then runs as code).
    static func helpQuery(_ entry: String) -> String? {
        var text = Substring(entry.trimmingBlanks())
        if text.hasPrefix("?") { text = text.drop(while: { $0 == "?" }) } else if text.hasSuffix("?") {
            text = text.dropLast(text.reversed().prefix(while: { $0 == "?" }).count)
        } else { return nil }
        text = Substring(String(text).trimmingBlanks())
        let isPart: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isPart) && !$0.first!.isNumber }) else { return nil }
        return String(text)
    }

    /// What a name of the session is: its kind and shape, and for something callable its
    /// help; for a small value, the value as echo shows it.
    func describe(_ name: String, _ value: Value) -> String {
        switch value {
        case .function, .object:
            // Builtins, user functions, classes and instances of user classes have help.
            if let text = try? Builtins.helpText(for: value) { return text }
        default: break
        }
        var head: String
        switch value {
        case .tensor(let t):
            head = "\(name): a \(t.data.dtype.rawValue) tensor of shape \(formatShape(t.shape))"
            head += t.creator.map { ", computed by \($0.name)" } ?? ", a leaf"
            head += t.grad.map { "; its gradient has shape \(formatShape($0.shape))" } ?? "; no gradient"
        case .tuple(let items): head = "\(name): a tuple of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .string(let s): head = "\(name): a string of \(s.count) character\(s.count == 1 ? "" : "s")"
        case .object(let o):
            head = "\(name): \(o.typeName)"
            let members = o.attributeNames
            if !members.isEmpty { head += "\n  attributes and methods: " + members.joined(separator: " ") }
        default: head = "\(name): \(value.kindName)"
        }
        let shown = value.repr
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count <= 12 && shown.count <= 800 { head += "\n" + shown }
        return head
    }

    /// `:help` alone: the commands, then every builtin by category, then the keys.
    static var commandsAndBuiltins: String {
        var text = "Commands:\n"
        for info in REPLCommand.catalog { text += "  \(info.usage.padding(16))\(info.summary)\n" }
        text += "\nBuiltins (`:help NAME` or `NAME?` describes one; `help()` is an overview):\n"
        for (key, title) in Builtins.categories {
            let names = Builtins.all.filter { $0.category == key }.map(\.name)
            text += "  \(title):\n    " + names.joined(separator: " ") + "\n"
        }
        text += "\nKeywords (`:help for` explains one):\n    " + HelpTopics.keywordNames.joined(separator: " ") + "\n"
        text += "\nKeys: Tab completes, Up/Down recall history, Ctrl-C drops the line or stops a computation, Ctrl-D exits.\n"
        return text
    }
}
