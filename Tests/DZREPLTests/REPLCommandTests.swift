import Testing
@testable import DZREPL

@Suite struct REPLCommandTests {
    @Test(arguments: [
        (":help", REPLCommand.help(topic: nil)),
        (":help  exp ", .help(topic: "exp")),
        (":vars", .vars),
        (":graph x @ W + b", .graph(expression: "x @ W + b")),
        (":time for i in range(3) { y = i }", .time(statement: "for i in range(3) { y = i }")),
        (":load examples/mlp.dz", .load(path: "examples/mlp.dz")),
        (":load \"my file.dz\"", .load(path: "my file.dz")),
        ("  :reset", .reset),
        (":clear", .clear),
        (":quit", .quit),
        (":q", .quit),
        (":exit", .quit),
    ])
    func parsesEachCommand(line: String, command: REPLCommand) {
        #expect(REPLCommand.parse(line) == .success(command))
    }

    @Test func missingAndUnexpectedArguments() {
        #expect(REPLCommand.parse(":graph") == .failure(.missingArgument(command: ":graph", argument: "EXPR")))
        #expect(REPLCommand.parse(":load  ") == .failure(.missingArgument(command: ":load", argument: "FILE")))
        #expect(REPLCommand.parse(":time") == .failure(.missingArgument(command: ":time", argument: "STMT")))
        #expect(REPLCommand.parse(":vars x") == .failure(.unexpectedArgument(command: ":vars", argument: "x")))
        #expect(REPLCommandError.missingArgument(command: ":graph", argument: "EXPR").message
                == ":graph needs an argument: :graph EXPR")
    }

    @Test func unknownCommandsSuggestTheNearest() {
        #expect(REPLCommand.parse(":halp") == .failure(.unknown(name: ":halp", suggestion: ":help")))
        #expect(REPLCommand.parse(":halp").failureMessage == "unknown command ':halp'; did you mean ':help'?")
        #expect(REPLCommand.parse(":qiut") == .failure(.unknown(name: ":qiut", suggestion: ":quit")))
        #expect(REPLCommand.parse(":grpah x") == .failure(.unknown(name: ":grpah", suggestion: ":graph")))
        #expect(REPLCommand.parse(":xyzzy") == .failure(.unknown(name: ":xyzzy", suggestion: nil)))
        #expect(REPLCommand.parse(":xyzzy").failureMessage == "unknown command ':xyzzy'; type :help for the list")
        #expect(REPLCommand.parse("x = 1") == .failure(.notACommand))
    }

    @Test func aPrefixOfOneCommandSuggestsItAndAliasesSuggestTheirCommand() {
        #expect(REPLCommand.parse(":gr x") == .failure(.unknown(name: ":gr", suggestion: ":graph")))
        #expect(REPLCommand.parse(":l f.dz") == .failure(.unknown(name: ":l", suggestion: ":load")))
        #expect(REPLCommand.parse(":RES") == .failure(.unknown(name: ":RES", suggestion: ":reset")))
        // A typo of an alias suggests the command it stands for.
        #expect(REPLCommand.parse(":exti") == .failure(.unknown(name: ":exti", suggestion: ":quit")))
        // `:` alone begins every command: no suggestion.
        #expect(REPLCommand.parse(":") == .failure(.unknown(name: ":", suggestion: nil)))
        #expect(REPLCommand.parse(":q now") == .failure(.unexpectedArgument(command: ":q", argument: "now")))
    }

    @Test func catalogNamesMatchCommands() {
        #expect(REPLCommand.names == [":help", ":vars", ":graph", ":time", ":load", ":reset", ":clear", ":quit"])
        #expect(REPLCommand.quit.name == ":quit")
        #expect(REPLCommand.isCommand("  :vars") && !REPLCommand.isCommand("x[:, 1]"))
    }

    @Test func nearestNameUsesDamerauLevenshteinWithAThreshold() {
        let names = ["exp", "log", "length", "reshape", "transpose", "randn", "rand"]
        #expect(nearestName(to: "lenght", in: names) == "length")      // transposition
        #expect(nearestName(to: "randm", in: names) == "randn")
        #expect(nearestName(to: "EXP", in: names) == "exp")           // case-insensitive
        #expect(nearestName(to: "reshpe", in: names) == "reshape")
        #expect(nearestName(to: "tarnspsoe", in: names) == "transpose") // two transpositions
        #expect(nearestName(to: "zzz", in: names) == nil)
        #expect(nearestName(to: "q", in: names) == nil)
        #expect(nearestName(to: "x", in: []) == nil)
    }
}

extension Result where Failure == REPLCommandError {
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
