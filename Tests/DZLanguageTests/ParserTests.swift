import Testing
@testable import DZLanguage

/// Every construct of the language, compared as S-expressions.
@Suite struct ParserTests {
    @Test func literals() {
        #expect(sexpr("2; 2.5; 1e-3; .5; 1_000") == "2\n2.5\n0.001\n0.5\n1000")
        #expect(sexpr(#""a\n"; 'b'; true; false; none"#) == "\"a\\n\"\n\"b\"\ntrue\nfalse\nnone")
        #expect(sexpr("[1, 2, 3]") == "[1 2 3]")
        #expect(sexpr("[[1, 2], [3, 4]]") == "[[1 2] [3 4]]")
        #expect(sexpr("[]; [1,]") == "[]\n[1]")
        #expect(sexpr("[-1, x + 1, f(2)]") == "[(- 1) (+ x 1) (call f 2)]")
    }

    @Test func tuplesAndParentheses() {
        #expect(sexpr("(2, 3)") == "(tuple 2 3)")
        #expect(sexpr("(6,)") == "(tuple 6)")
        #expect(sexpr("()") == "(tuple)")
        #expect(sexpr("(1)") == "1")
        #expect(sexpr("((1 + 2))") == "(+ 1 2)")
        #expect(sexpr("(1, (2, 3),)") == "(tuple 1 (tuple 2 3))")
        #expect(sexpr("1, 2") == "(tuple 1 2)")
    }

    @Test func assignments() {
        #expect(sexpr("x = randn(2, 3); W = randn(3, 4)") == "(= x (call randn 2 3))\n(= W (call randn 3 4))")
        #expect(sexpr("a, b = (1, 2)") == "(= (tuple a b) (tuple 1 2))")
        #expect(sexpr("a, b = b, a") == "(= (tuple a b) (tuple b a))")
        #expect(sexpr("(a, (b, c)) = t") == "(= (tuple a (tuple b c)) t)")
        #expect(sexpr("(x) = 1") == "(= x 1)")
        #expect(sexpr("s += 1; s -= 2; s *= 3; s /= 4") == "(+= s 1)\n(-= s 2)\n(*= s 3)\n(/= s 4)")
    }

    @Test func callsAttributesAndMethods() {
        #expect(sexpr("backward(y)") == "(call backward y)")
        #expect(sexpr("y.backward()") == "(call (. y backward))")
        #expect(sexpr("x.grad") == "(. x grad)")
        #expect(sexpr("model.l1.W") == "(. (. model l1) W)")
        #expect(sexpr("f(x, axis=1, keepdims=true)") == "(call f x axis=1 keepdims=true)")
        #expect(sexpr("f(\n  x,\n  y,\n)") == "(call f x y)")
        #expect(sexpr("f(x)(y)") == "(call (call f x) y)")
        #expect(sexpr("obj.method(a, b=2).shape[0]") == "(index (. (call (. obj method) a b=2) shape) 0)")
        #expect(sexpr("f()") == "(call f)")
    }

    @Test func indexingAndSlicing() {
        #expect(sexpr("x[0, 1:3]") == "(index x 0 (: 1 3 _))")
        #expect(sexpr("x[:, -1]") == "(index x (: _ _ _) (- 1))")
        #expect(sexpr("x[::2]") == "(index x (: _ _ 2))")
        #expect(sexpr("x[1:]") == "(index x (: 1 _ _))")
        #expect(sexpr("x[:3]") == "(index x (: _ 3 _))")
        #expect(sexpr("x[1:5:2]") == "(index x (: 1 5 2))")
        #expect(sexpr("x[::-1]") == "(index x (: _ _ (- 1)))")
        #expect(sexpr("x[1::]") == "(index x (: 1 _ _))")
        #expect(sexpr("x[i + 1]") == "(index x (+ i 1))")
        #expect(sexpr("x[0][1]") == "(index (index x 0) 1)")
    }

    @Test func functions() {
        #expect(sexpr("def f(x) = x ** 2 + 1") == "(def f (x) (+ (** x 2) 1))")
        #expect(sexpr("def g(x, y=2) {\n  z = x * y\n  return sum(z)\n}")
                == "(def g (x (y 2)) (block (= z (* x y)) (return (call sum z))))")
        #expect(sexpr("def h() { return }") == "(def h () (block (return)))")
        #expect(sexpr("def pair(a, b) = a, b") == "(def pair (a b) (tuple a b))")
        #expect(sexpr("def k(x) {\n  return x, 1\n}") == "(def k (x) (block (return (tuple x 1))))")
        #expect(sexpr("def e() {}") == "(def e () (block))")
        #expect(sexpr("def f(a, b=1, c=-2,) = a") == "(def f (a (b 1) (c (- 2))) a)")
    }

    @Test func ifChains() {
        #expect(sexpr("if a > 0 { b = 1 } else if a < 0 { b = 2 } else { b = 3 }")
                == "(if (> a 0) (block (= b 1)) (elif (< a 0) (block (= b 2))) (else (block (= b 3))))")
        #expect(sexpr("if a { }") == "(if a (block))")
        #expect(sexpr("if a {\n  x = 1\n  y = 2\n} else {\n  z\n}")
                == "(if a (block (= x 1) (= y 2)) (else (block z)))")
    }

    @Test func loops() {
        #expect(sexpr("for i in range(100) { s += i }") == "(for i (call range 100) (block (+= s i)))")
        #expect(sexpr("for x, t in loader { }") == "(for (tuple x t) loader (block))")
        #expect(sexpr("for (x, t) in loader { }") == "(for (tuple x t) loader (block))")
        #expect(sexpr("while cond { break }") == "(while cond (block (break)))")
        #expect(sexpr("while i < 10 {\n  if i == 3 { continue }\n  i += 1\n}")
                == "(while (< i 10) (block (if (== i 3) (block (continue))) (+= i 1)))")
        #expect(sexpr("for i in r {\n  def f() {\n    return 1\n  }\n  break\n}")
                == "(for i r (block (def f () (block (return 1))) (break)))")
    }

    @Test func modeBlocks() {
        #expect(sexpr("no_grad { x = x - 0.1 * x.grad }") == "(no_grad (block (= x (- x (* 0.1 (. x grad))))))")
        #expect(sexpr("test_mode { y = dropout(x) }") == "(test_mode (block (= y (call dropout x))))")
        #expect(sexpr("while c { no_grad { break } }") == "(while c (block (no_grad (block (break)))))")
    }

    @Test func statementSeparators() {
        #expect(sexpr("") == "")
        #expect(sexpr("\n\n;;\n") == "")
        #expect(sexpr("a;") == "a")
        #expect(sexpr("a;;b\n\n\nc # comment\n") == "a\nb\nc")
        #expect(sexpr("if a { b; c; }") == "(if a (block b c))")
        #expect(sexpr("if a {\n\n  b\n\n}\nc") == "(if a (block b))\nc")
        #expect(sexpr("x = (1 +\n     2)") == "(= x (+ 1 2))")
    }

    @Test func expressionStatementsAreDistinctFromAssignments() throws {
        guard case .expression = try statement("x + 1").kind else { Issue.record("not an expression"); return }
        guard case let .assign(target, op, _) = try statement("x = 1").kind else { Issue.record("not assign"); return }
        #expect(target.names == ["x"])
        #expect(op == .assign)
        #expect(op.binaryOperator == nil)
        guard case let .assign(tuple, _, _) = try statement("a, (b, c) = t").kind else { Issue.record("no"); return }
        #expect(tuple.names == ["a", "b", "c"])
        #expect(AssignOperator.divide.binaryOperator == .divide)
    }

    @Test func astValuesForTheEvaluator() throws {
        let call = try expression("f(x, axis=1)")
        guard case let .call(callee, arguments) = call.kind else { Issue.record("not a call"); return }
        #expect(callee.kind == .name("f"))
        #expect(arguments.map(\.label) == [nil, "axis"])
        #expect(arguments[1].value.kind == .number(1))
        guard case let .function(decl) = try statement("def g(x, y=2) = x").kind else { Issue.record("no def"); return }
        #expect(decl.name == "g")
        #expect(decl.parameters.map(\.name) == ["x", "y"])
        #expect(decl.parameters[1].defaultValue?.kind == .number(2))
        #expect(decl.body == .expression(Expr(.name("x"), SourceRange(16, 17))))
    }

    @Test func parseExpressionEntryPoint() throws {
        let expr = try Parser.parseExpression(SourceFile(name: "<repl>", text: "x @ W + b\n"))
        #expect(expr.description == "(+ (@ x W) b)")
        #expect(throws: Diagnostic.self) { try Parser.parseExpression(SourceFile(name: "<repl>", text: "x = 1")) }
        #expect(throws: Diagnostic.self) { try Parser.parseExpression(SourceFile(name: "<repl>", text: "")) }
    }

    @Test func parseReturnsDiagnosticsInsteadOfThrowing() {
        let ok = Parser.parse(SourceFile(name: "a", text: "x = 1\ny = x"))
        #expect(ok.program.count == 2)
        #expect(ok.diagnostics.isEmpty)
        let bad = Parser.parse(SourceFile(name: "a", text: "x = 1\ny = )"))
        #expect(bad.program.isEmpty)
        #expect(bad.diagnostics == [Diagnostic(severity: .error, id: "syntax.expected-expression",
                                               message: "expected an expression after '='",
                                               range: SourceRange(10, 11))])
    }
}

