// The text of values for echo and print.

/// The text of a value for echo and print, bounded: a tuple that shares itself
/// (`t = (t, t)` forty times) would print 2^40 leaves, so the text stops after
/// ``maxCharacters`` with `...`, and tuples nested deeper than ``maxDepth`` print as `(...)`.
/// The time is linear in the text made, and `isInterrupted` is polled as it grows.
enum ValueText {
    /// The longest text of one value (1 MiB); longer ones end in `...`.
    static let maxCharacters = 1 << 20
    /// The deepest tuple nesting shown; deeper tuples print as `(...)`.
    static let maxDepth = 100

    static func render(_ value: Value, quoting: Bool, isInterrupted: @escaping () -> Bool) throws -> String {
        if !quoting, case .string(let s) = value { return s }
        var writer = Writer(isInterrupted: isInterrupted)
        try writer.write(value, depth: 0)
        if writer.full { writer.text += "..." }
        return writer.text
    }

    private struct Writer {
        var text = ""
        var full = false
        var nodes = 0
        let isInterrupted: () -> Bool

        /// Appends `s`, or as much of it as fits (then the text is ``full``).
        mutating func append(_ s: String) {
            guard !full else { return }
            let room = ValueText.maxCharacters - text.utf8.count
            if s.utf8.count <= room { text += s; return }
            text += String(decoding: Array(s.utf8.prefix(room)), as: UTF8.self)
            full = true
        }

        mutating func write(_ value: Value, depth: Int) throws {
            nodes += 1
            if nodes & 0xfff == 0, isInterrupted() { throw ValueWalkInterrupted() }
            guard !full else { return }
            switch value {
            case .tensor(let v): append(v.data.description)
            case .tuple(let items):
                if depth >= ValueText.maxDepth { append("(...)"); return }
                append("(")
                for (i, item) in items.enumerated() {
                    if full { return }
                    if i > 0 { append(", ") }
                    try write(item, depth: depth + 1)
                }
                append(items.count == 1 ? ",)" : ")")
            case .string(let s): append(quoted(s))
            case .none: append("none")
            case .function(let f): append("<function \(f.signature)>")
            case .object(let d as DOTText): append(d.shown)
            case .object(let o): append(o.summary)
            }
        }
    }
}

/// Thrown by ``ValueText`` and ``ValueComparison`` when their interrupt poll said stop.
struct ValueWalkInterrupted: Error {}
