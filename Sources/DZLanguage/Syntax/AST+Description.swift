// Compact S-expression printouts of the AST, for tests and debugging:
// `x = -a ** 2 + f(b, axis=1)` prints as `(= x (+ (- (** a 2)) (call f b axis=1)))`.

extension Expr: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .number(.integer(let i)): String(i)
        case .number(.float(let v)): formatNumber(v)
        case let .string(s): quoted(s)
        case let .formatted(parts):
            list("f", parts.map { part in
                switch part {
                case let .text(t): quoted(t)
                case let .field(e, conversion, spec):
                    list("field", [e.description] + (conversion.map { ["!\($0)"] } ?? []) + (spec.isEmpty ? [] : [quoted(spec)]))
                }
            })
        case let .bool(b): b ? "true" : "false"
        case .noneLiteral: "none"
        case let .name(n): n.text
        case let .array(elements): "[" + elements.map(\.description).joined(separator: " ") + "]"
        case let .tuple(elements): list("tuple", elements.map(\.description))
        case let .unary(op, operand): list(op.symbol, [operand.description])
        case let .binary(op, lhs, rhs): list(op.symbol, [lhs.description, rhs.description])
        case let .logical(op, lhs, rhs): list(op.symbol, [lhs.description, rhs.description])
        case let .call(callee, arguments): list("call", [callee.description] + arguments.map(\.description))
        case let .index(base, items): list("index", [base.description] + items.map(\.description))
        case let .attribute(base, name, _): list(".", [base.description, name])
        }
    }
}

extension Argument: CustomStringConvertible {
    public var description: String { label.map { "\($0)=\(value)" } ?? value.description }
}

extension IndexItem: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .index(e): e.description
        case let .slice(s): list(":", [s.start, s.stop, s.step].map { $0?.description ?? "_" })
        case .ellipsis: "..."
        }
    }
}

extension Target: CustomStringConvertible {
    public var description: String {
        switch kind {
        case let .name(n): n.text
        case let .attribute(base, name, _): list(".", [base.description, name])
        case let .tuple(ts): list("tuple", ts.map(\.description))
        }
    }
}

extension FunctionDecl: CustomStringConvertible {
    /// `(def name (params) body)`.
    public var description: String {
        let params = parameters.map { p in p.defaultValue.map { list(p.name, [$0.description]) } ?? p.name }
        let shownBody = switch body {
        case let .expression(e): e.description
        case let .block(stmts): block(stmts)
        }
        return list("def", [name, "(" + params.joined(separator: " ") + ")", shownBody])
    }
}

extension Stmt: CustomStringConvertible {
    public var description: String {
        switch kind {
        case let .expression(e): return e.description
        case let .assign(target, op, value): return list(op.symbol, [target.description, value.description])
        case let .function(decl): return decl.description
        case let .classDef(decl):
            return list("class", [decl.name] + (decl.base.map { [list("base", [$0.description])] } ?? [])
                        + decl.methods.map(\.description))
        case let .return(value): return list("return", value.map { [$0.description] } ?? [])
        case let .if(branches, elseBody):
            var parts = [branches[0].condition.description, block(branches[0].body)]
            for b in branches.dropFirst() { parts.append(list("elif", [b.condition.description, block(b.body)])) }
            if let elseBody { parts.append(list("else", [block(elseBody)])) }
            return list("if", parts)
        case let .for(target, iterable, body): return list("for", [target.description, iterable.description, block(body)])
        case let .while(condition, body): return list("while", [condition.description, block(body)])
        case .break: return "(break)"
        case .continue: return "(continue)"
        case let .mode(mode, body): return list(mode.keyword, [block(body)])
        case let .command(line): return list("command", [quoted(line)])
        }
    }

    /// A whole program, one statement per line.
    static func describe(_ program: [Stmt]) -> String {
        program.map(\.description).joined(separator: "\n")
    }
}

private func block(_ stmts: [Stmt]) -> String { list("block", stmts.map(\.description)) }

private func list(_ head: String, _ items: [String]) -> String {
    "(" + ([head] + items).joined(separator: " ") + ")"
}

/// `2` for integral values, otherwise Swift's shortest round-trip form (`0.5`, `1e-20`).
private func formatNumber(_ v: Double) -> String {
    if v.isFinite && v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
}

