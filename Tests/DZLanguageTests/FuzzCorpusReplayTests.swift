import Foundation
import Testing
@testable import DZLanguage

/// Replays the language fuzzer's committed inputs (Tests/Fuzz/corpus/language: the seeds
/// and any input a fuzzing run found to crash) the way `fuzz-language` runs them: in a
/// fresh session with a step budget of 10,000 and a recursion limit of 100, rendering the
/// diagnostic. Each must end with an outcome, not a crash. (The fuzzer's 2^19-element
/// array cap is process-wide, so it is not set here; arrays larger than memory are refused
/// anyway.)
@Suite struct FuzzCorpusReplayTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/language")

    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }()

    /// What the fuzzer skips: programs that could write files or read devices.
    static func skipped(_ text: String) -> Bool {
        if text.contains("save") || text.contains("/dev") || text.contains("/proc") { return true }
        var rest = Substring(text)
        while let r = rest.range(of: "graph") {
            if !rest[..<r.lowerBound].hasSuffix("show_") { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }

    @Test func theCorpusIsThere() {
        #expect(Self.inputs.count >= 200)
    }

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
        let renderer = DiagnosticRenderer()
        let source: SourceFile
        do { source = try SourceFile.decoding(bytes, name: name) } catch {
            #expect(!error.rendered(by: renderer).isEmpty)
            return
        }
        guard !Self.skipped(source.text) else { return }
        let interpreter = Interpreter(arguments: ["a"], output: { _ in })
        interpreter.stepBudget = 10_000
        interpreter.recursionLimit = 100
        interpreter.random.seed(0)
        switch interpreter.run(source) {
        case .completed: break
        case let .failed(d, file), let .interrupted(d, file): #expect(!renderer.render(d, in: file).isEmpty)
        }
    }
}
