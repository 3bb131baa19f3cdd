import Testing
import DZAutodiff
@testable import DZLanguage

/// Graphs, user functions, frames and session values form no reference cycles: what a
/// program made is freed once the session forgets it (`reset()`, a rebinding) or the call
/// that made it returns. Each test takes `weak` probes on objects reachable from the
/// session, then checks that they are gone.
@Suite struct RetainCycleTests {
    func session(_ text: String) -> Interpreter {
        let interpreter = Interpreter(output: { _ in })
        interpreter.random.seed(0)
        let outcome = interpreter.run(SourceFile(name: "<t>", text: text))
        if case .failed(let d, _) = outcome { Issue.record("\(d.message)") }
        return interpreter
    }

    func run(_ interpreter: Interpreter, _ text: String) {
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { Issue.record("\(d.message)") }
    }

    func variable(_ interpreter: Interpreter, _ name: String) -> Variable? {
        if case .tensor(let v) = interpreter.globals[name] { return v }
        Issue.record("\(name) is not a tensor")
        return nil
    }

    func callable(_ interpreter: Interpreter, _ name: String) -> (any Callable)? {
        if case .function(let f) = interpreter.globals[name] { return f }
        Issue.record("\(name) is not a function")
        return nil
    }

    @Test func aGraphAndItsGradientsAreFreedByReset() {
        weak var x: Variable?, y: Variable?, grad: Variable?, creator: Function?
        let interpreter = session("""
            no_grad { x = randn(3, 4) }
            h = tanh(x) * x
            y = sum(h @ h.T)
            backward(y)
            """)
        x = variable(interpreter, "x")
        y = variable(interpreter, "y")
        grad = x?.grad
        creator = y?.creator
        #expect(x != nil && y != nil && grad != nil && creator != nil)
        interpreter.reset()
        #expect(x == nil)
        #expect(y == nil)
        #expect(grad == nil)
        #expect(creator == nil)
    }

    @Test func higherOrderGradientsAreFreedByReset() {
        weak var x: Variable?, grad: Variable?, gradCreator: Function?
        let interpreter = session("""
            x = 2.0
            y = sin(x) * x ** 3
            backward(y, create_graph=true)
            g = x.grad
            """)
        x = variable(interpreter, "x")
        grad = variable(interpreter, "g")
        gradCreator = grad?.creator
        #expect(gradCreator != nil)
        run(interpreter, "gg = g * 2; backward(gg)")
        interpreter.reset()
        #expect(x == nil)
        #expect(grad == nil)
        #expect(gradCreator == nil)
    }

    @Test func rebindingAVariableFreesItsOldGraph() {
        weak var old: Variable?, oldCreator: Function?
        let interpreter = session("w = ones(2, 2); y = exp(w) * w; backward(sum(y))")
        old = variable(interpreter, "y")
        oldCreator = old?.creator
        run(interpreter, "y = 0; w = 0")
        #expect(old == nil)
        #expect(oldCreator == nil)
    }

    @Test func userFunctionsAndTheirResultsAreFreedByReset() {
        weak var f: AnyObject?, fact: AnyObject?, inner: AnyObject?, result: Variable?, method: AnyObject?
        let interpreter = session("""
            def f(v, scale=ones(2)) { w = v * scale; return w }
            def fact(n) { if n <= 1 { return 1 }; return n * fact(n - 1) }
            def outer() { def inner(a) { return a + 1 }; return inner }
            r = f(ones(2))
            k = fact(5)
            h = outer()
            m = r.sum
            """)
        f = callable(interpreter, "f")
        fact = callable(interpreter, "fact")
        inner = callable(interpreter, "h")
        method = callable(interpreter, "m")
        result = variable(interpreter, "r")
        #expect(f != nil && fact != nil && inner != nil && method != nil && result != nil)
        interpreter.reset()
        #expect(f == nil)
        #expect(fact == nil)
        #expect(inner == nil)
        #expect(method == nil)
        #expect(result == nil)
    }

    @Test func aCallsLocalsAreFreedWhenItReturns() {
        weak var argument: Variable?, returned: Variable?, input: Variable?
        let interpreter = session("""
            a = ones(3)
            def g(v) { t = exp(v); u = t * v; keep = u; return none }
            def h(v) { t = exp(v); return t }
            g(a)
            """)
        argument = variable(interpreter, "a")
        // g's frame (v, t, u, keep) is gone: only the global holds `a`.
        run(interpreter, "a = 0")
        #expect(argument == nil)
        // h's result keeps its graph (and so its input) until it is rebound.
        run(interpreter, "c = ones(3); b = h(c)")
        returned = variable(interpreter, "b")
        input = variable(interpreter, "c")
        run(interpreter, "c = 0")
        #expect(input != nil)
        run(interpreter, "b = 0")
        #expect(returned == nil)
        #expect(input == nil)
    }

    @Test func anErrorInsideACallFreesItsFrames() {
        weak var argument: Variable?
        let interpreter = session("a = ones(3)")
        argument = variable(interpreter, "a")
        guard case .failed = interpreter.run(SourceFile(name: "<t>", text: """
            def deep(v, n) { t = v * 2; if n == 0 { return undefined_name }; return deep(t, n - 1) }
            deep(a, 50)
            """)) else { Issue.record("expected an error"); return }
        run(interpreter, "a = 0")
        #expect(argument == nil)
    }

    @Test func theInterpreterItselfIsFreed() {
        weak var weakInterpreter: Interpreter?
        weak var x: Variable?
        do {
            let interpreter = session("x = ones(2); def f(v) { return v * x }; y = f(x); backward(sum(y))")
            weakInterpreter = interpreter
            x = variable(interpreter, "x")
        }
        #expect(weakInterpreter == nil)
        #expect(x == nil)
    }
}
