// Class definitions.
//
//   class      = "class" NAME [ "(" [ expression ] ")" ] "{" separators { def end separators } "}"
//
// Every method takes `self` first (checked here, so the mistake is shown where it is made).

extension Parser {
    mutating func parseClass() throws(Diagnostic) -> Stmt {
        let keyword = try advance()
        guard case let .identifier(name) = current.kind else {
            throw errorAtCurrent(.expected("a class name", context: "after 'class'"))
        }
        let nameToken = try advance()
        var base: Expr?
        if check(.leftParen) {
            let open = try advance()
            try enterNesting(at: open)
            if !check(.rightParen) { base = try parseExpression() }
            leaveNesting()
            try expectClosing(.rightParen, of: open)
        }
        guard check(.leftBrace) else {
            throw errorAtCurrent(.expected("'{'", context: "after the class name '\(shortenedName(name))'"))
        }
        let open = try advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        var methods: [FunctionDecl] = []
        try skipSeparators()
        while !check(.rightBrace) {
            if check(.eof) { try expectClosing(.rightBrace, of: open) }
            guard check(.def) else {
                throw error(.classBodyNotMethod(className: name, found: describe(current)), at: current.range)
            }
            let stmt = try parseFunction()
            guard case .function(let decl) = stmt.kind else { continue }
            guard decl.parameters.first?.name == "self" else {
                throw error(.methodNeedsSelf(method: decl.name, className: name),
                            at: decl.parameters.first?.range ?? decl.nameRange)
            }
            methods.append(decl)
            if !check(.rightBrace) { try expectStatementEnd() }
            try skipSeparators()
        }
        try advance()
        let decl = ClassDecl(name: name, nameRange: nameToken.range, base: base, methods: methods)
        return Stmt(.classDef(decl), keyword.range.to(previous.range))
    }
}
