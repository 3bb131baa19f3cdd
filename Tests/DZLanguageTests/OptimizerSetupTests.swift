import Testing
import DZAutodiff
@testable import DZLanguage

/// `opt.setup(target)` takes one layer or model (DeZero) or a tuple of them; `update()`
/// then changes every parameter of every target once.
@Suite struct OptimizerSetupTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { return out + "error: \(d.message)" }
        return out
    }

    static let program = """
        l1 = Linear(2); l2 = Linear(1)
        no_grad { x = ones(1, 3) }
        y = sum(l2(l1(x)))
        backward(y)
        no_grad { b1 = l1.b.data; b2 = l2.b.data }
        """

    @Test func aTupleOfLayersIsUpdatedWhole() {
        #expect(run(Self.program + "\nopt = SGD(1.0).setup((l1, l2)); opt.update(); l2.b.data - b2; sum(l1.b.data - b1) == sum(-l1.b.grad)")
                == "[-1.]\nTrue\n")
    }

    @Test func aParameterSharedByTwoTargetsIsUpdatedOnce() {
        #expect(run(Self.program + "\nopt = SGD(1.0).setup((l2, l2)); opt.update(); l2.b.data - b2") == "[-1.]\n")
    }

    @Test func anEmptyTupleIsRefusedAtSetup() {
        #expect(run("opt = SGD().setup(())")
                == "error: SGD.setup(): argument 'target' must be a layer, a model or a tuple of them, got an empty tuple")
        #expect(run("opt = SGD(); opt.update()") == "error: SGD.update(): no target; call setup(model) first")
    }
}
