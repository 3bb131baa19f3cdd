// Assignment and loop targets: a name, an attribute (`self.W`), or a (nested) tuple of them.
//
//   targetList = target { "," target }
//   target     = NAME | "(" targetList ")"

extension Parser {
    /// The variables of a `for` loop.
    mutating func parseTargetList(after keyword: Token) throws(Diagnostic) -> Target {
        let first = try parseTarget(after: keyword)
        guard check(.comma) else { return first }
        var targets = [first]
        while try match(.comma) { targets.append(try parseTarget(after: previous)) }
        return Target(.tuple(targets), first.range.to(targets.last!.range))
    }

    mutating func parseTarget(after token: Token) throws(Diagnostic) -> Target {
        if case let .identifier(name) = current.kind {
            return Target(.name(Name(name)), try advance().range)
        }
        guard check(.leftParen) else {
            throw errorAtCurrent(.expected("a loop variable name", context: "after \(describe(token))"))
        }
        let open = try advance()
        try enterNesting(at: open)
        defer { leaveNesting() }
        let inner = try parseTargetList(after: open)
        try expectClosing(.rightParen, of: open)
        return Target(inner.kind, open.range.to(previous.range))
    }

    /// The target an assignment's left side denotes, or an error saying why it cannot be one.
    func makeTarget(_ expr: Expr) throws(Diagnostic) -> Target {
        switch expr.kind {
        case let .name(name):
            return Target(.name(name), expr.range)
        case let .tuple(elements):
            guard !elements.isEmpty else { throw error(.cannotAssign("an empty tuple"), at: expr.range) }
            var targets: [Target] = []
            for element in elements { targets.append(try makeTarget(element)) }
            return Target(.tuple(targets), expr.range)
        case let .call(callee, _):
            var what = "a function call"
            if case let .name(name) = callee.kind { what += "; to define a function write 'def \(name.text)(...) = ...'" }
            throw error(.cannotAssign(what), at: expr.range)
        case .index:
            throw error(.cannotAssign("an index expression; tensors are immutable"), at: expr.range)
        case let .attribute(base, name, nameRange):
            // Whether the object takes attributes is known only when it runs.
            return Target(.attribute(base, name: name, nameRange: nameRange), expr.range)
        case .number, .string, .formatted, .bool, .noneLiteral, .array:
            throw error(.cannotAssign("a literal"), at: expr.range)
        case .unary, .binary, .logical:
            throw error(.cannotAssign("an operator expression"), at: expr.range)
        }
    }
}
