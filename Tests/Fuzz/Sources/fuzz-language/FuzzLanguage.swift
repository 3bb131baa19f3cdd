import DZLanguage
import DZTensor
import FuzzSupport

/// libFuzzer entry point over the whole language: the input, decoded as a source file
/// (invalid UTF-8 is the decoder's error), is lexed, parsed and run in a fresh session
/// with a step budget, a low recursion limit and arrays capped at 2^19 elements (4 MB),
/// and any diagnostic is rendered. Every outcome is fine; only a crash, a sanitizer report,
/// a timeout or running out of memory is a finding.
///
/// File-writing builtins (`save`, `graph` with a file) are not fuzzed: inputs naming them
/// are skipped, so the fuzzer never writes where it runs. Paths under /dev and /proc are
/// skipped too (devices and process files are not what is fuzzed here; `load` stops
/// reading an endless one, see NPYStreamTests).
@main enum FuzzLanguage {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    MemoryLimit.maxElementsOverride = 1 << 19
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let renderer = DiagnosticRenderer()
    let source: SourceFile
    do {
        source = try SourceFile.decoding(bytes, name: "<fuzz>")
    } catch {
        _ = error.rendered(by: renderer)
        return 0
    }
    if skipped(source.text) { return -1 }
    let interpreter = Interpreter(arguments: ["a"], output: { _ in })
    interpreter.stepBudget = 10_000
    interpreter.recursionLimit = 100
    interpreter.random = RandomState(seed: 0)
    switch interpreter.run(source) {
    case .completed:
        break
    case let .failed(diagnostic, file), let .interrupted(diagnostic, file):
        _ = renderer.render(diagnostic, in: file)
    }
    return 0
}

/// Whether the program could write files or read devices.
func skipped(_ text: String) -> Bool {
    if text.contains("save") || text.contains("/dev") || text.contains("/proc") { return true }
    // `graph` (which may write a file), but not `show_graph`.
    var rest = Substring(text)
    while let r = rest.firstRange(of: "graph") {
        if !rest[..<r.lowerBound].hasSuffix("show_") { return true }
        rest = rest[r.upperBound...]
    }
    return false
}
