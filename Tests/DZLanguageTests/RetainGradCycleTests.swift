import Testing
import DZAutodiff
@testable import DZLanguage

/// `backward(..., retain_grad=true, create_graph=true)` gives intermediates gradients whose
/// graphs use the intermediates: rebinding them must free them, step after step.
@Suite struct RetainGradCycleTests {
    @Test func aRetainedIntermediateIsFreedWhenRebound() {
        let interpreter = Interpreter(output: { _ in })
        interpreter.random.seed(0)
        func run(_ text: String) {
            if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { Issue.record("\(d.message)") }
        }
        run("""
            x = randn(5)
            y = sin(x)
            z = sum(y * y)
            backward(z, retain_grad=true, create_graph=true)
            """)
        weak var y: Variable?, grad: Variable?, creator: Function?
        if case .tensor(let v) = interpreter.globals["y"] { y = v; grad = v.grad; creator = v.grad?.creator }
        #expect(y != nil && grad != nil && creator != nil)
        run("y = 0; z = 0; x.cleargrad()")
        #expect(y == nil)
        #expect(grad == nil)
        #expect(creator == nil)
    }

    @Test func aTrainingLoopWithRetainedGradientsKeepsNothing() {
        let interpreter = Interpreter(output: { _ in })
        weak var first: Variable?
        let step = """
            y = tanh(x * 2.0)
            z = sum(exp(y) * y)
            backward(z, retain_grad=true, create_graph=true)
            x.cleargrad()
            """
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: "x = ones(4)\n" + step)) { Issue.record("\(d.message)") }
        if case .tensor(let v) = interpreter.globals["y"] { first = v }
        #expect(first != nil)
        for _ in 0..<3 {
            if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: step)) { Issue.record("\(d.message)") }
        }
        #expect(first == nil)
    }

    @Test func secondOrderGradientsThroughARetainedIntermediateAreUnchanged() {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        // y = x², z = y³: dz/dy = 3y², d(dz/dy)/dx = 6y·2x = 12x³ = 12 at x = 1.
        _ = interpreter.run(SourceFile(name: "<t>", text: """
            x = 1.0
            y = x * x
            z = y ** 3
            backward(z, retain_grad=true, create_graph=true)
            g = y.grad
            y = 0; z = 0
            x.cleargrad()
            backward(g)
            x.grad
            """))
        #expect(out == "12.0\n")
    }
}
