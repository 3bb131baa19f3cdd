import Testing
@testable import DZLanguage

/// Every node carries the range of the source it was parsed from.
@Suite struct RangeTests {
    @Test func binaryAndUnaryRanges() throws {
        let text = "x = -a ** 2 + f(b)"
        let stmt = try statement(text)
        #expect(slice(text, stmt.range) == text)
        guard case let .assign(target, _, value) = stmt.kind,
              case let .binary(.add, lhs, rhs) = value.kind,
              case let .unary(.negate, power) = lhs.kind else { Issue.record("shape"); return }
        #expect(slice(text, target.range) == "x")
        #expect(slice(text, value.range) == "-a ** 2 + f(b)")
        #expect(slice(text, lhs.range) == "-a ** 2")
        #expect(slice(text, power.range) == "a ** 2")
        #expect(slice(text, rhs.range) == "f(b)")
    }

    @Test func parenthesesAreInsideTheRange() throws {
        let text = "-(1 + 2) * 3"
        let expr = try expression(text)
        guard case let .binary(.multiply, lhs, _) = expr.kind,
              case let .unary(.negate, inner) = lhs.kind else { Issue.record("shape"); return }
        #expect(slice(text, lhs.range) == "-(1 + 2)")
        #expect(slice(text, inner.range) == "(1 + 2)")
        #expect(slice("(6,)", try expression("(6,)").range) == "(6,)")
    }

    @Test func attributeIndexAndArgumentRanges() throws {
        let text = "model.l1.W[1:3, ::2]"
        let expr = try expression(text)
        guard case let .index(base, items) = expr.kind,
              case let .attribute(inner, name, nameRange) = base.kind else { Issue.record("shape"); return }
        #expect(name == "W")
        #expect(slice(text, nameRange) == "W")
        #expect(slice(text, inner.range) == "model.l1")
        #expect(items.map { slice(text, $0.range) } == ["1:3", "::2"])

        let call = "f(x, axis=1)"
        guard case let .call(_, arguments) = try expression(call).kind else { Issue.record("call"); return }
        #expect(arguments.map { slice(call, $0.range) } == ["x", "axis=1"])
        #expect(arguments[1].labelRange.map { slice(call, $0) } == "axis")
    }

    @Test func statementRanges() throws {
        let ifText = "if a {\n  b = 1\n} else {\n}"
        let ifStmt = try statement(ifText)
        #expect(slice(ifText, ifStmt.range) == ifText)
        guard case let .if(branches, _) = ifStmt.kind else { Issue.record("if"); return }
        #expect(slice(ifText, branches[0].range) == "if a {\n  b = 1\n}")
        #expect(slice(ifText, branches[0].body[0].range) == "b = 1")

        let def = "def g(x, y=2) { return x }"
        let defStmt = try statement(def)
        #expect(slice(def, defStmt.range) == def)
        guard case let .function(decl) = defStmt.kind else { Issue.record("def"); return }
        #expect(slice(def, decl.nameRange) == "g")
        #expect(decl.parameters.map { slice(def, $0.range) } == ["x", "y=2"])

        let tuple = "a, b = 1, 2"
        guard case let .assign(target, _, value) = try statement(tuple).kind else { Issue.record("assign"); return }
        #expect(slice(tuple, target.range) == "a, b")
        #expect(slice(tuple, value.range) == "1, 2")

        let loop = "for x, t in loader { break }"
        let loopStmt = try statement(loop)
        #expect(slice(loop, loopStmt.range) == loop)
        guard case let .for(loopTarget, iterable, _) = loopStmt.kind else { Issue.record("for"); return }
        #expect(slice(loop, loopTarget.range) == "x, t")
        #expect(slice(loop, iterable.range) == "loader")

        let mode = "no_grad { x }"
        #expect(slice(mode, try statement(mode).range) == mode)
    }

    @Test func rangesAcrossLines() throws {
        let text = "x = 1\ny = f(\n  2,\n  3)\n"
        let program = try Parser.parseProgram(SourceFile(name: "t", text: text))
        #expect(program.map { slice(text, $0.range) } == ["x = 1", "y = f(\n  2,\n  3)"])
    }
}
