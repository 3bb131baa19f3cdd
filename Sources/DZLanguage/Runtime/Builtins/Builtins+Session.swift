// exit and quit: leaving the REPL or ending a program, as Python's. `exit()` ends the
// program it runs in (status 0 unless given); `exit` alone, echoed at top level, does the
// same, so the word a Python user types at the prompt leaves it.

extension Builtins {
    static let session: [Builtin] = ["exit", "quit"].map { name in
        Builtin(name, [param("status", .integer, .number(0))], category: "io",
                help: "Ends the program here, as Python's `\(name)()`: the REPL is left, and a script, `-e` or stdin stops with exit status `status` (0 to 255; 0 by default), after the output so far. `\(name)` typed alone at top level does the same, `:quit` too. `\(name == "exit" ? "quit" : "exit")` is the same function.",
                example: "for i in range(5) { if i == 2 { \(name)() }; print(i) }") { args in
            let status = try args.int("status")
            guard (0...255).contains(status) else {
                throw BuiltinError("argument-value", "\(name)(): status must be an integer from 0 to 255, got \(status)")
            }
            throw QuitRequest(exitStatus: Int32(status))
        }
    }

    /// Whether `value` is the builtin `exit` or `quit` itself, which echo treats as a call
    /// (a bare `exit` at top level leaves, as in Python's REPL).
    static func leavesWhenEchoed(_ value: Value) -> Bool {
        guard case .function(let f as Builtin) = value else { return false }
        return session.contains { $0 === f }
    }
}
