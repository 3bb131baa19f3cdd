import Testing
import DZAutodiff
@testable import DZLanguage

/// `gradcheck` never passes a nan (in a gradient or a tolerance) and prints nan as numpy
/// does; `numerical_grad` and `gradcheck` point an error in calling `f` at their call.
@Suite struct GradientCheckBuiltinTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        let source = SourceFile(name: "<t>", text: text)
        if case .failed(let d, let file) = interpreter.run(source) {
            let (line, column) = file.lineAndColumn(of: d.range.start)
            return out + "error \(line):\(column): \(d.message)"
        }
        return out
    }

    @Test func aNanGradientFails() {
        #expect(run("gradcheck(sqrt, -1.0)")
                == "gradcheck failed: input 0, element 0: backward gives nan, numerical nan (nan never passes)\nFalse\n")
        #expect(run("gradcheck(log, 0.0)")
                == "gradcheck failed: input 0, element 0: backward gives inf, numerical nan (nan never passes)\nFalse\n")
        #expect(run("def f(x) = x * nan; gradcheck(f, 1.0)").hasSuffix("False\n"))
        #expect(run("gradcheck(sin, nan)").hasSuffix("False\n"))
        #expect(run("gradcheck(sin, 1.0)") == "True\n")
    }

    @Test func aNanOrNegativeToleranceIsAnError() {
        #expect(run("gradcheck(sin, 1.0, rtol=nan)") == "error 1:1: gradcheck: rtol must be a number >= 0, got nan")
        #expect(run("gradcheck(sin, 1.0, atol=nan)") == "error 1:1: gradcheck: atol must be a number >= 0, got nan")
        #expect(run("gradcheck(sin, 1.0, atol=-1)") == "error 1:1: gradcheck: atol must be a number >= 0, got -1.0")
    }

    @Test func aWrongFunctionIsReportedAtTheCall() {
        #expect(run("def f(x, y) = x * y\ny = 1\nnumerical_grad(f, 1.0)") == "error 3:1: f() missing required argument 'y'")
        #expect(run("def f(x, y) = x * y\n\n  gradcheck(f, 1.0)") == "error 3:3: f() missing required argument 'y'")
    }
}
