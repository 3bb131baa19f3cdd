import Testing
import DZAutodiff
@testable import DZLanguage

/// Until tensors have dtypes, a comparison result or a list of bools used as an index is
/// an error (numpy would read it as a mask), never a gather of rows 0 and 1.
@Suite struct BooleanMaskIndexTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: "x = [3.0, -1.0, 2.0]\n" + text)) {
            return out + "error: \(d.message)"
        }
        return out
    }

    static let maskError = "error: boolean masks are not supported yet: "

    @Test(arguments: [
        "x[x > 0]", "x[x == x]", "x[[true, false, true]]", "x[[x[0] > 0, false, true]]", "x[true]",
        "x[not false]", "x[true and true]", "m = x > 0; x[m]", "m = x > 0; x[m.T]", "m = x > 0; x[m.data]",
        "m = x > 0; x[detach(m)]", "m = [x > 0]; x[m[0]]", "x[reshape(x > 0, 3)]", "x[flatten(x > 0)]",
        "x[concat(x > 0, x < 0)]", "x[(x > 0) * (x > 1)]", "x[(x > 0) + true]", "x[max(x > 0)]",
        "x[0, x > 0]", "for r in [[true, false]] { x[r] }", "a, b = [[true], [false]]; x[a]",
        "def f(m) = x[m]; f(x > 0)",
    ])
    func aMaskAsAnIndexIsAnError(program: String) {
        #expect(run(program).hasPrefix(Self.maskError), "\(program)")
    }

    @Test func theMessageSaysWhatTheIndexIs() {
        #expect(run("x[x > 0]") == Self.maskError
                + "the index holds truth values of shape (3,) (a comparison or bools), not positions; index with integers")
        #expect(run("x[true]") == Self.maskError + "the index is a truth value (a comparison or a bool), not positions; index with integers")
    }

    @Test(arguments: [
        ("x[(x > 0) * 1]", "[-1.  3. -1.]\n"),
        ("x[[1.0, 0.0]]", "[-1.  3.]\n"),
        ("m = x > 0; x[m + 1]", "[ 2. -1.  2.]\n"),
        ("x[len(x) - 1]", "2.0\n"),
        ("x > 0", "[1. 0. 1.]\n"),
        ("sum(x > 0)", "2.0\n"),
    ])
    func numbersMadeFromMasksStillIndex(program: String, expected: String) {
        #expect(run(program) == expected, "\(program)")
    }
}
