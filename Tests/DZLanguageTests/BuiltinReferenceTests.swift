import Foundation
import Testing
@testable import DZLanguage

@Suite struct BuiltinReferenceTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/language.md")

    @Test func docsLanguageMatchesTheRegistry() throws {
        let text = try String(contentsOf: Self.docs, encoding: .utf8)
        let start = try #require(text.range(of: Builtins.referenceBegin), "docs/language.md has no generated reference")
        let generated = String(text[start.lowerBound...])
        #expect(generated == Builtins.referenceMarkdown(), "run `make docs` to regenerate docs/language.md")
    }

    @Test func everyBuiltinOfTheSpecIsRegistered() {
        // Spec section 5 (and 4), name by name.
        let spec = """
            zeros ones full zeros_like ones_like randn rand arange linspace eye seed
            add sub mul div neg pow mod exp log sin cos tan tanh sqrt abs sigmoid relu clip maximum minimum
            matmul dot linear reshape transpose broadcast_to sum_to expand_dims squeeze flatten concat stack append
            shape ndim size len sum mean max min argmax argmin softmax log_softmax mean_squared_error mse
            softmax_cross_entropy sigmoid_cross_entropy dropout accuracy clock range print save load help
            backward grad cleargrad cleargrads detach numerical_grad gradcheck float
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        for name in spec { #expect(Builtins.table[name] != nil, "missing builtin \(name)") }
    }

    @Test func everyBuiltinIsInAReferenceSection() {
        let keys = Set(Builtins.categories.map(\.key))
        for b in Builtins.all { #expect(keys.contains(b.category), "\(b.name) has category \(b.category)") }
    }

    @Test func everyExampleRunsWithoutError() {
        for b in Builtins.all {
            let output = Builtins.exampleOutput(b)
            #expect(!output.contains("error:"), "\(b.name): \(output)")
            #expect(!b.help.isEmpty && !b.example.isEmpty)
        }
    }
}
