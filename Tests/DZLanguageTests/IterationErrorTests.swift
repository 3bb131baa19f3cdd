import Testing
@testable import DZLanguage

/// A sequence whose third item fails: what a data loader does when a batch cannot be made.
private final class FailingSequence: IterableObject {
    var typeName: String { "failing" }
    var summary: String { "failing()" }
    var attributeNames: [String] { [] }
    func attribute(_ name: String) -> Value? { nil }
    func makeIterator() -> () throws -> Value? {
        var i = 0
        return {
            i += 1
            if i == 3 { throw BuiltinError("argument-value", "item 3 cannot be made") }
            return .integer(i)
        }
    }
}

/// An error raised while a loop takes its next item stops the program with that error.
/// Loaders, enumerate, zip and progress once turned it into the end of the sequence, so a
/// training loop over a loader whose batches failed ran zero times and printed nothing.
@Suite struct IterationErrorTests {
    func runWithFailing(_ source: String) -> (output: String, error: String?) {
        var output = ""
        let interpreter = Interpreter(output: { output += $0 })
        interpreter.table.bind("failing", .object(FailingSequence()))
        switch interpreter.run(SourceFile(name: "<test>", text: source)) {
        case .completed: return (output, nil)
        case .failed(let d, _), .interrupted(let d, _): return (output, d.message)
        }
    }

    @Test(arguments: ["failing", "enumerate(failing)", "zip(failing, range(5))", "zip(range(5), failing)", "progress(failing)"])
    func anErrorInsideTheSequenceStopsTheLoop(_ sequence: String) {
        let r = runWithFailing("n = 0\nfor x in \(sequence) { n += 1 }\nprint(n)")
        #expect(r.error?.contains("item 3 cannot be made") == true, "\(sequence): \(r)")
        #expect(!r.output.contains("2\n") || sequence.hasPrefix("progress"), "\(sequence) printed \(r.output)")
    }

    @Test func theLoopRanUpToTheFailingItem() {
        let r = runWithFailing("n = 0\nfor x in failing { n += 1 }")
        #expect(r.error?.contains("item 3 cannot be made") == true)
        let after = runWithFailing("n = 0\nfor x in failing { n += 1; print(x) }")
        #expect(after.output == "1\n2\n")
    }

    @Test func loadersIndexTheirRowsWithIntegers() {
        // The loaders build their row indices themselves; float indices are numpy's error.
        #expect(run("seed(0); l = DataLoader(arange(6) * 10, arange(6), 4)\nfor x, t in l { print(x, t) }").output
                == "[50 20 10 30] [5 2 1 3]\n[ 0 40] [0 4]\n")
        #expect(run("l = SeqDataLoader((arange(6), arange(6) + 1), 2)\nfor x, t in l { print(x, t) }").output
                == "[0 3] [1 4]\n[1 4] [2 5]\n[2 5] [3 6]\n")
    }
}
