/// Reads lines from stdin with no prompt, no escapes and no history: for pipes, files and
/// any case where stdin or stdout is not a terminal.
///
/// It reads stdin's descriptor itself (not through stdio, whose stream stays in error after
/// an `EINTR`), waiting for data interruptibly: Ctrl-C while it waits drops the line and
/// gives `.interrupted`, as in the line editor, instead of ending the session.
public struct PlainLineEditor: LineEditor {
    private var pending: [UInt8] = []
    private var atEnd = false

    public init() {}

    public mutating func readLine(prompt: String) -> LineResult {
        Interrupt.clear()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if atEnd {
                if pending.isEmpty { return .eof }
                defer { pending.removeAll() }
                return .line(String(decoding: pending, as: UTF8.self))
            }
            do {
                let n = try chunk.withUnsafeMutableBytes { (raw) throws(Interrupted) in
                    try FileContents.read(0, into: raw.baseAddress!, count: raw.count)
                }
                if n <= 0 { atEnd = true } else { pending += chunk[0..<n] }
            } catch {
                Interrupt.clear()
                pending.removeAll()
                return .interrupted
            }
        }
    }

    public mutating func addHistory(_ entry: String) {}
}
