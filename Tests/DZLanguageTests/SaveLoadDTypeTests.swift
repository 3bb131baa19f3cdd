import Foundation
import Testing
@testable import DZLanguage

/// `save` then `load` gives back the same dtype and the same values, for every dtype
/// (once every file was written and read as float64: labels came back as floats).
@Suite struct SaveLoadDTypeTests {
    @Test(arguments: ["arange(5) - 2", "[[true, false], [false, true]]", "ones(3, dtype=float32) / 3",
                      "randn(2, 2)", "full((), 9007199254740993)", "zeros(0, 2, dtype=int64)"])
    func aSavedTensorLoadsWithItsDtype(_ expression: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dz-dtype-\(UUID().uuidString).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run("seed(0); a = \(expression); save(\"\(path)\", a); b = load(\"\(path)\")\nprint(b.dtype == a.dtype, b.shape == a.shape, sum(b != a) == 0, b.dtype)")
        #expect(r.error == nil, "\(expression): \(r.error ?? "")")
        let dtype = run("print((\(expression)).dtype)").output
        #expect(r.output == "True True True " + dtype, "\(expression): \(r.output)")
    }
}
