import Foundation
import Testing
@testable import DZLanguage

/// dz programs about dtypes (literals, counters, promotion, `//`, `%`, casts, creation with
/// `dtype=`, masks and the other index forms, gradients) print what numpy 2.4 prints for
/// the same computation: Fixtures/dtype-programs.tsv, made by
/// scripts/gen_language_dtype_fixtures.py from numpy's own results. `!error` marks a
/// program numpy refuses, which must fail in dz too.
@Suite struct DTypeProgramTests {
    struct Case: CustomStringConvertible, Sendable {
        let program: String, expected: String
        var description: String { program }
    }

    static func unescaped(_ s: Substring) -> String {
        var out = "", escaping = false
        for c in s {
            if escaping {
                out.append(c == "n" ? "\n" : c == "t" ? "\t" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "dtype-programs", withExtension: "tsv", subdirectory: "Fixtures")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            return Case(program: unescaped(parts[0]), expected: unescaped(parts[1]))
        }
    }()

    /// What the program prints (echo and print), or `!error: message` when it fails.
    static func run(_ program: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: program)) {
            return "!error: \(d.message)"
        }
        return out.hasSuffix("\n") ? String(out.dropLast()) : out
    }

    @Test func theTableCoversEveryKindOfCase() {
        #expect(Self.cases.count >= 140)
        #expect(Self.cases.contains { $0.expected == "!error" })
    }

    @Test(arguments: cases)
    func printsWhatNumpyPrints(_ c: Case) {
        let got = Self.run(c.program)
        if c.expected == "!error" {
            #expect(got.hasPrefix("!error: "), "\(c.program) should fail as in numpy, printed \(got)")
        } else {
            #expect(got == c.expected, "\(c.program)")
        }
    }
}
