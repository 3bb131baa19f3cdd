// Expressions, one method per precedence level, lowest first.
//
//   exprList       = expression { "," expression }          (a tuple if there are commas)
//   expression     = or
//   or             = and { "or" and }
//   and            = not { "and" not }
//   not            = "not" not | comparison
//   comparison     = additive { ("<" | "<=" | ">" | ">=" | "==" | "!=") additive }
//   additive       = multiplicative { ("+" | "-") multiplicative }
//   multiplicative = unary { ("*" | "/" | "@" | "%") unary }
//   unary          = ("-" | "+") unary | power
//   power          = postfix [ "**" unary ]                  (right associative)
//   postfix        = primary { "(" arguments ")" | "[" items "]" | "." NAME }
//   primary        = NUMBER | STRING | "true" | "false" | "none" | NAME
//                  | "(" [ exprList [","] ] ")" | "[" [ expression { "," expression } [","] ] "]"

extension Parser {
    /// Whether `kind` can begin an expression.
    func canStartExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .number, .string, .formattedString, .true, .false, .noneKeyword, .leftParen, .leftBracket, .minus, .plus, .not:
            true
        default:
            false
        }
    }

    /// An expression that must follow `token` (an operator, `=`, `,` …): reports
    /// `expected an expression after '+'` when there is none.
    mutating func parseOperand(after token: Token) throws(Diagnostic) -> Expr {
        guard canStartExpression(current.kind) else {
            throw errorAtCurrent(.expectedExpression(after: describe(token)))
        }
        return try parseExpression()
    }

    /// `a, b, c` as a tuple, or a single expression without commas.
    mutating func parseExpressionList(after token: Token? = nil) throws(Diagnostic) -> Expr {
        let first = try parseOperand(after: token ?? previous)
        guard check(.comma) else { return first }
        var elements = [first]
        while try match(.comma) {
            // A trailing comma, as Python's `x, = self.inputs` or `return gx,`: a tuple.
            if check(.equal) || atStatementEnd { return Expr(.tuple(elements), first.range.to(previous.range)) }
            elements.append(try parseOperand(after: previous))
        }
        return Expr(.tuple(elements), first.range.to(elements.last!.range))
    }

    mutating func parseExpression() throws(Diagnostic) -> Expr {
        try parseOr()
    }

    mutating func parseOr() throws(Diagnostic) -> Expr {
        try parseLogical(.or, .or) { (p: inout Parser) throws(Diagnostic) in try p.parseAnd() }
    }

    mutating func parseAnd() throws(Diagnostic) -> Expr {
        try parseLogical(.and, .and) { (p: inout Parser) throws(Diagnostic) in try p.parseNot() }
    }

    private mutating func parseLogical(_ token: TokenKind, _ op: LogicalOperator,
                                       _ operand: (inout Parser) throws(Diagnostic) -> Expr) throws(Diagnostic) -> Expr {
        var lhs = try operand(&self)
        let saved = complexity
        defer { complexity = saved }
        while check(token) {
            let opToken = try advance()
            try countOperator(at: opToken)
            guard canStartExpression(current.kind) else {
                throw errorAtCurrent(.expectedExpression(after: describe(opToken)))
            }
            let rhs = try operand(&self)
            lhs = Expr(.logical(op, lhs, rhs), lhs.range.to(rhs.range))
        }
        return lhs
    }

    mutating func parseNot() throws(Diagnostic) -> Expr {
        guard check(.not) else { return try parseComparison() }
        let opToken = try advance()
        try enterNesting(at: opToken)
        defer { leaveNesting() }
        guard canStartExpression(current.kind) else {
            throw errorAtCurrent(.expectedExpression(after: describe(opToken)))
        }
        let operand = try parseNot()
        return Expr(.unary(.not, operand), opToken.range.to(operand.range))
    }

    mutating func parseComparison() throws(Diagnostic) -> Expr {
        try parseBinary({ kind in
            switch kind {
            case .less: .less
            case .lessEqual: .lessEqual
            case .greater: .greater
            case .greaterEqual: .greaterEqual
            case .equalEqual: .equal
            case .bangEqual: .notEqual
            default: nil
            }
        }, operand: { (p: inout Parser) throws(Diagnostic) in try p.parseAdditive() })
    }

    mutating func parseAdditive() throws(Diagnostic) -> Expr {
        try parseBinary({ kind in
            switch kind {
            case .plus: .add
            case .minus: .subtract
            default: nil
            }
        }, operand: { (p: inout Parser) throws(Diagnostic) in try p.parseMultiplicative() })
    }

    mutating func parseMultiplicative() throws(Diagnostic) -> Expr {
        try parseBinary({ kind in
            switch kind {
            case .star: .multiply
            case .slash: .divide
            case .slashSlash: .floorDivide
            case .at: .matmul
            case .percent: .modulo
            default: nil
            }
        }, operand: { (p: inout Parser) throws(Diagnostic) in try p.parseUnary() })
    }

    /// A left-associative level: `operand { op operand }`.
    private mutating func parseBinary(_ operatorFor: (TokenKind) -> BinaryOperator?,
                                      operand: (inout Parser) throws(Diagnostic) -> Expr) throws(Diagnostic) -> Expr {
        var lhs = try operand(&self)
        let saved = complexity
        defer { complexity = saved }
        while let op = operatorFor(current.kind) {
            let opToken = try advance()
            try countOperator(at: opToken)
            guard canStartExpression(current.kind) else {
                throw errorAtCurrent(.expectedExpression(after: describe(opToken)))
            }
            let rhs = try operand(&self)
            lhs = Expr(.binary(op, lhs, rhs), lhs.range.to(rhs.range))
        }
        return lhs
    }

    mutating func parseUnary() throws(Diagnostic) -> Expr {
        let op: UnaryOperator
        switch current.kind {
        case .minus: op = .negate
        case .plus: op = .plus
        default: return try parsePower()
        }
        let opToken = try advance()
        try enterNesting(at: opToken)
        defer { leaveNesting() }
        guard canStartExpression(current.kind), !check(.not) else {
            throw errorAtCurrent(.expectedExpression(after: describe(opToken)))
        }
        let operand = try parseUnary()
        return Expr(.unary(op, operand), opToken.range.to(operand.range))
    }

    /// `base ** exponent`; the exponent is a unary expression, so `2**-1` and `2**3**2` work.
    mutating func parsePower() throws(Diagnostic) -> Expr {
        let base = try parsePostfix()
        guard check(.starStar) else { return base }
        let opToken = try advance()
        try enterNesting(at: opToken)
        defer { leaveNesting() }
        guard canStartExpression(current.kind), !check(.not) else {
            throw errorAtCurrent(.expectedExpression(after: describe(opToken)))
        }
        let exponent = try parseUnary()
        return Expr(.binary(.power, base, exponent), base.range.to(exponent.range))
    }

    mutating func parsePostfix() throws(Diagnostic) -> Expr {
        var expr = try parsePrimary()
        let saved = complexity
        defer { complexity = saved }
        while true {
            switch current.kind {
            case .leftParen:
                let open = try advance()
                try countOperator(at: open)
                let arguments = try parseArguments(open: open)
                expr = Expr(.call(callee: expr, arguments: arguments), expr.range.to(previous.range))
            case .leftBracket:
                let open = try advance()
                try countOperator(at: open)
                let items = try parseIndexItems(open: open)
                expr = Expr(.index(expr, items), expr.range.to(previous.range))
            case .dot:
                let dot = try advance()
                try countOperator(at: dot)
                guard case let .identifier(name) = current.kind else {
                    throw errorAtCurrent(.expected("an attribute name", context: "after '.'"))
                }
                let nameToken = try advance()
                expr = Expr(.attribute(expr, name: name, nameRange: nameToken.range), expr.range.to(nameToken.range))
            default:
                return expr
            }
        }
    }

    /// `f(a, b, axis=1)` after the `(`; consumes the `)`.
    mutating func parseArguments(open: Token) throws(Diagnostic) -> [Argument] {
        try enterNesting(at: open)
        defer { leaveNesting() }
        var arguments: [Argument] = []
        var labels = Set<String>()
        while !check(.rightParen) {
            if check(.eof) { break }
            let value = try parseOperand(after: previous)
            if check(.equal) {
                guard case let .name(labelName) = value.kind else { throw error(.keywordArgumentNotName, at: current.range) }
                let label = labelName.text
                let equal = try advance()
                if !labels.insert(label).inserted {
                    throw error(.duplicateKeywordArgument(label), at: value.range)
                }
                let argument = try parseOperand(after: equal)
                arguments.append(Argument(label: label, labelRange: value.range, value: argument))
            } else {
                if arguments.last?.label != nil { throw error(.positionalAfterKeyword, at: value.range) }
                arguments.append(Argument(value: value))
            }
            guard try match(.comma) else { break }
        }
        try expectClosing(.rightParen, of: open)
        return arguments
    }

    /// `x[0, 1:3, ::2]` after the `[`; consumes the `]`.
    mutating func parseIndexItems(open: Token) throws(Diagnostic) -> [IndexItem] {
        try enterNesting(at: open)
        defer { leaveNesting() }
        if check(.rightBracket) {
            throw errorAtCurrent(.expected("an index or a slice", context: "after '['"))
        }
        var items: [IndexItem] = []
        while !check(.rightBracket) {
            if check(.eof) { break }
            items.append(try parseIndexItem())
            guard try match(.comma) else { break }
        }
        try expectClosing(.rightBracket, of: open)
        return items
    }

    /// `e`, `...`, or a slice `[start] : [stop] [: [step]]`.
    mutating func parseIndexItem() throws(Diagnostic) -> IndexItem {
        if check(.ellipsis) { return .ellipsis(try advance().range) }
        var start: Expr?
        if !check(.colon) {
            start = try parseOperand(after: previous)
            guard check(.colon) else { return .index(start!) }
        }
        let firstColon = try advance()
        var range = start.map { $0.range.to(firstColon.range) } ?? firstColon.range
        var stop: Expr?
        var step: Expr?
        if canStartExpression(current.kind) {
            stop = try parseExpression()
            range = range.to(stop!.range)
        }
        if check(.colon) {
            range = range.to(try advance().range)
            if canStartExpression(current.kind) {
                step = try parseExpression()
                range = range.to(step!.range)
            }
        }
        return .slice(SliceExpr(start: start, stop: stop, step: step, range: range))
    }

    mutating func parsePrimary() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case let .number(value):
            try advance()
            return Expr(.number(value), token.range)
        case let .string(value):
            try advance()
            return Expr(.string(value), token.range)
        case let .formattedString(pieces):
            try advance()
            var parts: [FormattedPart] = []
            for piece in pieces {
                switch piece {
                case .text(let t): parts.append(.text(t))
                case .field(let range, let conversion, let spec):
                    parts.append(.field(try Parser.parseField(source, range: range, nesting: nesting), conversion: conversion, spec: spec))
                }
            }
            return Expr(.formatted(parts), token.range)
        case .true, .false:
            try advance()
            return Expr(.bool(token.kind == .true), token.range)
        case .noneKeyword:
            try advance()
            return Expr(.noneLiteral, token.range)
        case let .identifier(name):
            try advance()
            return Expr(.name(Name(name)), token.range)
        case .leftParen:
            return try parseParenthesized()
        case .leftBracket:
            return try parseArrayLiteral()
        default:
            throw errorAtCurrent(.expectedExpression(after: describe(previous)))
        }
    }

    /// `()`, `(e)`, `(e,)`, `(a, b)`; the range includes the parentheses.
    mutating func parseParenthesized() throws(Diagnostic) -> Expr {
        let open = try advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        if try match(.rightParen) { return Expr(.tuple([]), open.range.to(previous.range)) }
        if check(.eof) { try expectClosing(.rightParen, of: open) }
        let first = try parseOperand(after: open)
        if try match(.rightParen) { return Expr(first.kind, open.range.to(previous.range)) }
        var elements = [first]
        while try match(.comma) {
            if check(.rightParen) || check(.eof) { break }
            elements.append(try parseOperand(after: previous))
        }
        try expectClosing(.rightParen, of: open)
        return Expr(.tuple(elements), open.range.to(previous.range))
    }

    /// `[]`, `[1, 2, 3]`, `[[1, 2], [3, 4]]`, trailing comma allowed.
    mutating func parseArrayLiteral() throws(Diagnostic) -> Expr {
        let open = try advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        var elements: [Expr] = []
        while !check(.rightBracket) {
            if check(.eof) { break }
            elements.append(try parseOperand(after: previous))
            guard try match(.comma) else { break }
        }
        try expectClosing(.rightBracket, of: open)
        return Expr(.array(elements), open.range.to(previous.range))
    }
}
