// Statements and blocks.
//
//   program    = separators { statement end separators } EOF
//   block      = "{" separators { statement end separators } "}"
//   statement  = def | class | if | for | while | return | "break" | "continue" | command
//              | ("no_grad" | "test_mode") block | simple
//   simple     = exprList [ ("=" | "+=" | "-=" | "*=" | "/=") exprList ]
//   end        = ";" | newline | before "}" | EOF
//   command    = a line starting with ":" outside brackets and blocks (the lexer's token)

extension Parser {
    /// Statements up to the end of input.
    mutating func parseStatements() throws(Diagnostic) -> [Stmt] {
        var statements: [Stmt] = []
        try skipSeparators()
        while !check(.eof) {
            statements.append(try parseStatement())
            try expectStatementEnd()
            try skipSeparators()
        }
        return statements
    }

    /// `{ statements }`; `context` completes "expected '{' …", e.g. "after if condition".
    mutating func parseBlock(after context: String) throws(Diagnostic) -> (body: [Stmt], range: SourceRange) {
        guard check(.leftBrace) else {
            var context = context
            if check(.equal) && context.hasSuffix("condition") { context += "; use '==' to compare" }
            if check(.colon) { context += "; dz blocks are { ... }, not ':' and indentation" }
            throw errorAtCurrent(.expected("'{'", context: context))
        }
        let open = try advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        var statements: [Stmt] = []
        try skipSeparators()
        while !check(.rightBrace) {
            if check(.eof) { try expectClosing(.rightBrace, of: open) }
            statements.append(try parseStatement())
            if !check(.rightBrace) { try expectStatementEnd() }
            try skipSeparators()
        }
        try advance()
        return (statements, open.range.to(previous.range))
    }

    mutating func expectStatementEnd() throws(Diagnostic) {
        if case .identifier("lambda") = previous.kind {
            throw error(.pythonConstruct(Self.lambdaHint), at: previous.range)
        }
        if case .identifier("elif") = current.kind {
            throw error(.pythonConstruct("dz writes 'elif' as 'else if'"), at: current.range)
        }
        if check(.if) {
            throw error(.pythonConstruct("dz has no conditional expression 'a if c else b': write where(c, a, b) for tensors, or an if statement"), at: current.range)
        }
        guard atStatementEnd else {
            throw error(.expectedStatementEnd(found: describe(current)), at: current.range)
        }
    }

    mutating func parseStatement() throws(Diagnostic) -> Stmt {
        switch current.kind {
        case .def: return try parseFunction()
        case .class: return try parseClass()
        case .if: return try parseIf()
        case .for: return try parseFor()
        case .while: return try parseWhile()
        case .return: return try parseReturn()
        case .break, .continue:
            let keyword = try advance()
            let isBreak = keyword.kind == .break
            guard loopDepth > 0 else {
                throw error(isBreak ? .breakOutsideLoop : .continueOutsideLoop, at: keyword.range)
            }
            return Stmt(isBreak ? .break : .continue, keyword.range)
        case .noGrad, .testMode:
            let keyword = try advance()
            let mode: BlockMode = keyword.kind == .noGrad ? .noGrad : .testMode
            let (body, range) = try parseBlock(after: "after '\(mode.keyword)'")
            return Stmt(.mode(mode, body: body), keyword.range.to(range))
        case .else:
            throw error(.elseWithoutIf, at: current.range)
        case .command:
            let command = try advance()
            return Stmt(.command(source.text(of: command.range)), command.range)
        default:
            guard canStartExpression(current.kind) else {
                throw error(.unexpectedToken(describe(current)), at: current.range)
            }
            if let hint = pythonStatementHint() { throw error(.pythonConstruct(hint), at: current.range) }
            return try parseSimpleStatement()
        }
    }

    /// An expression statement or an assignment.
    mutating func parseSimpleStatement() throws(Diagnostic) -> Stmt {
        let lhs = try parseExpressionList()
        let op: AssignOperator
        switch current.kind {
        case .equal: op = .assign
        case .plusEqual: op = .add
        case .minusEqual: op = .subtract
        case .starEqual: op = .multiply
        case .slashEqual: op = .divide
        default: return Stmt(.expression(lhs), lhs.range)
        }
        let opToken = try advance()
        let target = try makeTarget(lhs)
        if op != .assign, case .tuple = target.kind {
            throw error(.compoundAssignNeedsName(op.symbol), at: opToken.range)
        }
        let value = try parseExpressionList()
        return Stmt(.assign(target, op, value), lhs.range.to(value.range))
    }

    /// `if c { } else if d { } else { }`, flattened into branches.
    mutating func parseIf() throws(Diagnostic) -> Stmt {
        let start = current.range
        var branches: [IfBranch] = []
        var elseBody: [Stmt]?
        var end = start
        repeat {
            let keyword = try advance()  // `if`
            let condition = try parseCondition(after: keyword)
            let (body, range) = try parseBlock(after: "after if condition")
            branches.append(IfBranch(condition: condition, body: body, range: keyword.range.to(range)))
            end = range
            guard try match(.else) else { break }
            if check(.if) { continue }
            let (body2, range2) = try parseBlock(after: "or 'if' after 'else'")
            elseBody = body2
            end = range2
            break
        } while true
        return Stmt(.if(branches, else: elseBody), start.to(end))
    }

    /// The condition of `if` / `while`: one expression.
    mutating func parseCondition(after keyword: Token) throws(Diagnostic) -> Expr {
        guard canStartExpression(current.kind) else {
            throw errorAtCurrent(.expectedExpression(after: describe(keyword)))
        }
        return try parseExpression()
    }

    /// `for target in iterable { }`.
    mutating func parseFor() throws(Diagnostic) -> Stmt {
        let keyword = try advance()
        let target = try parseTargetList(after: keyword)
        guard try match(.in) else {
            throw errorAtCurrent(.expected("'in'", context: "after the loop variables"))
        }
        let inToken = previous
        let iterable = try parseCondition(after: inToken)
        loopDepth += 1
        defer { loopDepth -= 1 }
        let (body, range) = try parseBlock(after: "after the for loop's iterable")
        return Stmt(.for(target, in: iterable, body: body), keyword.range.to(range))
    }

    mutating func parseWhile() throws(Diagnostic) -> Stmt {
        let keyword = try advance()
        let condition = try parseCondition(after: keyword)
        loopDepth += 1
        defer { loopDepth -= 1 }
        let (body, range) = try parseBlock(after: "after while condition")
        return Stmt(.while(condition, body: body), keyword.range.to(range))
    }

    mutating func parseReturn() throws(Diagnostic) -> Stmt {
        let keyword = try advance()
        guard functionDepth > 0 else { throw error(.returnOutsideFunction, at: keyword.range) }
        if atStatementEnd { return Stmt(.return(nil), keyword.range) }
        let value = try parseExpressionList()
        return Stmt(.return(value), keyword.range.to(value.range))
    }
}

extension Parser {
    /// The dz way for Python's `lambda`, at a statement's start or after `f = lambda`.
    static let lambdaHint = "dz has no 'lambda': define a one-line function with 'def f(x) = x * 2' and pass f"

    /// The kind of the token after the current one (a copy of the lexer looks ahead), or
    /// nil where that token is an error.
    func peekKind(_ ahead: Int) -> TokenKind? {
        var copy = lexer
        var token: Token? = nil
        for _ in 0..<ahead { token = try? copy.next() }
        return token?.kind
    }

    /// At the start of a statement: the dz way for a Python statement dz lacks (the word is
    /// an identifier followed by what Python puts after it), or nil.
    func pythonStatementHint() -> String? {
        guard case let .identifier(word) = current.kind else { return nil }
        let next = peekKind(1)
        let nextIsName: Bool = if case .identifier = next { true } else { false }
        switch word {
        case "import" where nextIsName, "from" where nextIsName:
            return "dz has no modules to import: numpy's and DeZero's functions are builtins (np.exp is exp, F.relu is relu); ':load FILE' runs a dz file"
        case "global" where nextIsName, "nonlocal" where nextIsName:
            return "dz has no '\(word)': a function reads globals but assigns locals; return the new value, or keep state in an object's attribute (self.x = ...)"
        case "lambda":
            return Self.lambdaHint
        case "with" where next == .noGrad || next == .testMode:
            return "dz writes 'with no_grad():' as a block: no_grad { ... }"
        case "with":
            return "dz has no 'with' statement; no_grad { ... } and test_mode { ... } are blocks"
        case "elif":
            return "dz writes 'elif' as 'else if'"
        case "pass" where peekKind(1) == .newline || peekKind(1) == .eof || peekKind(1) == .rightBrace || peekKind(1) == .semicolon:
            return "dz has no 'pass': an empty block is just { }"
        default:
            return nil
        }
    }
}
