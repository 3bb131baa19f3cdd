// Function definitions.
//
//   def        = "def" NAME "(" [ param { "," param } [","] ] ")" ( "=" exprList | block )
//   param      = NAME [ "=" expression ]

extension Parser {
    mutating func parseFunction() throws(Diagnostic) -> Stmt {
        let keyword = try advance()
        guard case let .identifier(name) = current.kind else {
            throw errorAtCurrent(.expected("a function name", context: "after 'def'"))
        }
        let nameToken = try advance()
        guard check(.leftParen) else {
            throw errorAtCurrent(.expected("'('", context: "after the function name '\(shortenedName(name))'"))
        }
        let open = try advance()
        var parameters: [Parameter] = []
        var parameterNames = Set<String>()
        while !check(.rightParen) {
            if check(.eof) { break }
            guard case let .identifier(parameterName) = current.kind else {
                throw errorAtCurrent(.expected("a parameter name", context: "in the definition of '\(shortenedName(name))'"))
            }
            let parameterToken = try advance()
            if !parameterNames.insert(parameterName).inserted {
                throw error(.duplicateParameter(parameterName, function: name), at: parameterToken.range)
            }
            var defaultValue: Expr?
            if try match(.equal) {
                defaultValue = try parseOperand(after: previous)
            } else if parameters.last?.defaultValue != nil {
                throw error(.parameterWithoutDefaultAfterDefault(parameterName), at: parameterToken.range)
            }
            parameters.append(Parameter(name: parameterName,
                                        range: parameterToken.range.to(defaultValue?.range ?? parameterToken.range),
                                        defaultValue: defaultValue))
            guard try match(.comma) else { break }
        }
        try expectClosing(.rightParen, of: open)

        functionDepth += 1
        let savedLoopDepth = loopDepth
        loopDepth = 0
        defer {
            functionDepth -= 1
            loopDepth = savedLoopDepth
        }
        let body: FunctionBody
        let end: SourceRange
        if try match(.equal) {
            let value = try parseExpressionList(after: previous)
            body = .expression(value)
            end = value.range
        } else if check(.leftBrace) {
            let (statements, range) = try parseBlock(after: "")
            body = .block(statements)
            end = range
        } else {
            throw errorAtCurrent(.expected("'=' or '{'", context: "after the parameters of '\(shortenedName(name))'"))
        }
        let decl = FunctionDecl(name: name, nameRange: nameToken.range, parameters: parameters, body: body)
        return Stmt(.function(decl), keyword.range.to(end))
    }
}
