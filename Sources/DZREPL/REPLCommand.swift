/// A REPL command: a line that starts with `:` at a fresh prompt.
public enum REPLCommand: Equatable, Sendable {
    /// `:help [NAME]`: the command list, or the help text of a builtin, keyword or command.
    case help(topic: String?)
    /// `:vars`: every name with its kind, shape, dtype and grad shape.
    case vars
    /// `:graph EXPR`: the graph of EXPR drawn in the terminal.
    case graph(expression: String)
    /// `:time STMT`: run STMT and report the wall time.
    case time(statement: String)
    /// `:load FILE`: run a script in this session (surrounding quotes are removed).
    case load(path: String)
    /// `:reset`: forget every user name.
    case reset
    /// `:clear`: clear the screen (in Jupyter, the cell's output so far).
    case clear
    /// `:quit`: end the session.
    case quit

    /// One entry of the command catalog.
    public struct Info: Sendable {
        public let name: String
        public let usage: String
        public let summary: String
    }

    /// Every command, in the order `:help` lists them.
    public static let catalog: [Info] = [
        Info(name: ":help", usage: ":help [NAME]", summary: "list the commands, or describe NAME"),
        Info(name: ":vars", usage: ":vars", summary: "every name with its kind, shape, dtype and grad shape"),
        Info(name: ":graph", usage: ":graph EXPR", summary: "draw the computation graph of EXPR"),
        Info(name: ":time", usage: ":time STMT", summary: "run STMT and report how long it took"),
        Info(name: ":load", usage: ":load FILE", summary: "run the script FILE in this session"),
        Info(name: ":reset", usage: ":reset", summary: "forget every name defined in this session"),
        Info(name: ":clear", usage: ":clear", summary: "clear the screen (in Jupyter, the cell's output)"),
        Info(name: ":quit", usage: ":quit", summary: "leave the REPL (also :q, exit, exit() or Ctrl-D)"),
    ]

    /// Other spellings of commands: `:q` (and `:exit`) for `:quit`, as in vi and IPython habits.
    public static let aliases: [String: String] = [":q": ":quit", ":exit": ":quit"]

    /// The command names with their colon: `:help`, `:vars`, ...
    public static let names: [String] = catalog.map(\.name)

    /// The command's name with its colon.
    public var name: String {
        switch self {
        case .help: ":help"
        case .vars: ":vars"
        case .graph: ":graph"
        case .time: ":time"
        case .load: ":load"
        case .reset: ":reset"
        case .clear: ":clear"
        case .quit: ":quit"
        }
    }

    /// Whether `line` is meant as a command: its first non-blank character is `:`.
    public static func isCommand(_ line: String) -> Bool {
        line.first(where: { $0 != " " && $0 != "\t" }) == ":"
    }

    /// Parses one command line, e.g. `:help exp` or `:load "my file.dz"`.
    public static func parse(_ line: String) -> Result<REPLCommand, REPLCommandError> {
        let text = line.drop(while: { $0 == " " || $0 == "\t" })
        guard text.first == ":" else { return .failure(.notACommand) }
        let name = String(text.prefix(while: { $0 != " " && $0 != "\t" }))
        let argument = String(text.dropFirst(name.count)).trimmingBlanks()

        func needs(_ what: String, _ make: (String) -> REPLCommand) -> Result<REPLCommand, REPLCommandError> {
            argument.isEmpty ? .failure(.missingArgument(command: name, argument: what)) : .success(make(argument))
        }
        func bare(_ command: REPLCommand) -> Result<REPLCommand, REPLCommandError> {
            argument.isEmpty ? .success(command) : .failure(.unexpectedArgument(command: name, argument: argument))
        }

        switch aliases[name] ?? name {
        case ":help": return .success(.help(topic: argument.isEmpty ? nil : argument))
        case ":vars": return bare(.vars)
        case ":graph": return needs("EXPR") { .graph(expression: $0) }
        case ":time": return needs("STMT") { .time(statement: $0) }
        case ":load": return needs("FILE") { .load(path: unquoted($0)) }
        case ":reset": return bare(.reset)
        case ":clear": return bare(.clear)
        case ":quit": return bare(.quit)
        default: return .failure(.unknown(name: name, suggestion: suggestion(for: name)))
        }
    }

    /// The command an unknown `name` most likely meant: the one it begins (`:gr` is
    /// `:graph`), else the nearest by spelling (`:hlep` is `:help`, `:quti` is `:quit`).
    static func suggestion(for name: String) -> String? {
        let typed = name.lowercased()
        if typed.count >= 2 {
            let extended = names.filter { $0.hasPrefix(typed) }
            if extended.count == 1 { return extended[0] }
        }
        return nearestName(to: name, in: names + aliases.keys).map { aliases[$0] ?? $0 }
    }

    private static func unquoted(_ path: String) -> String {
        for quote in ["\"", "'"] where path.count >= 2 && path.hasPrefix(quote) && path.hasSuffix(quote) {
            return String(path.dropFirst().dropLast())
        }
        return path
    }
}

/// Why a line is not a valid command. `message` is the text to show.
public enum REPLCommandError: Error, Equatable, Sendable {
    case notACommand
    case unknown(name: String, suggestion: String?)
    case missingArgument(command: String, argument: String)
    case unexpectedArgument(command: String, argument: String)

    /// Lowercase, no trailing period, e.g. `unknown command ':halp'; did you mean ':help'?`.
    public var message: String {
        switch self {
        case .notACommand:
            "not a command: commands start with ':'"
        case .unknown(let name, let suggestion?):
            "unknown command '\(shortenedName(name))'; did you mean '\(shortenedName(suggestion))'?"
        case .unknown(let name, nil):
            "unknown command '\(shortenedName(name))'; type :help for the list"
        case .missingArgument(let command, let argument):
            "\(command) needs an argument: \(command) \(argument)"
        case .unexpectedArgument(let command, let argument):
            "\(command) takes no argument, got '\(argument)'"
        }
    }
}

extension String {
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[start...end])
    }
}
