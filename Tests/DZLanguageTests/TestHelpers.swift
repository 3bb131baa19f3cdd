@testable import DZLanguage

/// The program's S-expression printout, one statement per line, or `error L:C: message`.
func sexpr(_ text: String) -> String {
    let file = SourceFile(name: "test.dz", text: text)
    do {
        return Stmt.describe(try Parser.parseProgram(file))
    } catch {
        let (line, column) = file.lineAndColumn(of: error.range.start)
        return "error \(line):\(column): \(error.message)"
    }
}

/// The first error as `L:C: message`, or `no error`.
func syntaxError(_ text: String) -> String {
    let file = SourceFile(name: "test.dz", text: text)
    do {
        _ = try Parser.parseProgram(file)
        return "no error"
    } catch {
        let (line, column) = file.lineAndColumn(of: error.range.start)
        return "\(line):\(column): \(error.message)"
    }
}

/// The single statement of `text` (crashes the test if it does not parse to one).
func statement(_ text: String) throws -> Stmt {
    let program = try Parser.parseProgram(SourceFile(name: "test.dz", text: text))
    precondition(program.count == 1, "expected one statement in \(text)")
    return program[0]
}

/// The single expression statement of `text`.
func expression(_ text: String) throws -> Expr {
    guard case let .expression(e) = try statement(text).kind else { preconditionFailure("not an expression: \(text)") }
    return e
}

/// The source text a range covers.
func slice(_ text: String, _ range: SourceRange) -> String {
    SourceFile(name: "t", text: text).text(of: range)
}

/// Token kinds of `text`, without the final eof.
func kinds(_ text: String) throws -> [TokenKind] {
    try Lexer.tokenize(SourceFile(name: "t", text: text)).map(\.kind).dropLast()
}

/// The first lexer error as `L:C: message`.
func lexError(_ text: String) -> String {
    let file = SourceFile(name: "t", text: text)
    do {
        _ = try Lexer.tokenize(file)
        return "no error"
    } catch {
        let (line, column) = file.lineAndColumn(of: error.range.start)
        return "\(line):\(column): \(error.message)"
    }
}
