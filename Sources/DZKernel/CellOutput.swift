import DZAutodiff
@preconcurrency import DZLanguage

/// Where a running cell's output goes (the kernel publishes it on IOPub).
protocol CellOutputSink: AnyObject {
    func stream(_ name: String, _ text: String)
    /// `display_data` (or `update_display_data` when `update`) of a mime bundle.
    func display(_ data: JSON, metadata: JSON, displayID: String?, update: Bool)
    func clear(wait: Bool)
}

/// One cell's output on its way from the interpreter to the sink: the echo of the last
/// expression is held back so that it can become the cell's `execute_result` (an echo that
/// more output follows is sent as stdout text, in order); graphs, charts, `:vars` and
/// progress loops become rich displays; and stream text beyond ``streamLimit`` bytes is
/// dropped and counted, for one note on stderr at the end (Jupyter's server otherwise
/// drops the session's output past 1 MB/s).
final class CellOutput {
    /// Stream bytes per cell (about 1 MB).
    static let streamLimit = 1_000_000
    /// Displays per cell (graphs, charts, tables; progress updates are throttled already).
    static let displayLimit = 200
    /// The most nodes (variables and functions) of a graph drawn as a picture.
    static let pictureNodeLimit = 2000

    private let sink: CellOutputSink
    private var heldEcho: (value: Value, text: String)?
    private var streamBytes = 0
    private(set) var droppedBytes = 0
    private var displays = 0
    private(set) var droppedDisplays = 0
    /// Progress loops shown, by the language's id: their display_id.
    private var progressDisplays: [Int: String] = [:]

    init(sink: CellOutputSink) { self.sink = sink }

    /// Text from `print` or a command (stdout).
    func write(_ text: String) {
        releaseEcho()
        stream(text)
    }

    private func stream(_ text: String, name: String = "stdout") {
        guard !text.isEmpty else { return }
        let count = text.utf8.count
        if streamBytes + count <= Self.streamLimit {
            streamBytes += count
            sink.stream(name, text)
            return
        }
        if streamBytes < Self.streamLimit {
            // Fill up to the limit, cut at a character boundary.
            var room = Self.streamLimit - streamBytes
            var part = ""
            for c in text {
                let n = c.utf8.count
                if n > room { break }
                part.append(c)
                room -= n
            }
            streamBytes += part.utf8.count
            droppedBytes += count - part.utf8.count
            if !part.isEmpty { sink.stream(name, part) }
            streamBytes = Self.streamLimit
            return
        }
        droppedBytes += count
    }

    /// Takes the interpreter's rich output; false: print its text instead. A graph is SVG
    /// and PNG (both from Graphviz), a chart SVG; each has its terminal text beside it.
    func show(_ item: RichOutput) -> Bool {
        switch item {
        case .result(let value, let text):
            releaseEcho()
            heldEcho = (value, text)
            return true
        case .text:
            return false
        case .clear:
            heldEcho = nil
            sink.clear(wait: false)
            return true
        case .graph(let y, let text):
            // A graph too large to lay out in reasonable time stays text (the tree is cut at
            // its line limit); so does one when Graphviz is missing or fails.
            let graph = GraphSnapshot(y)
            guard graph.variables.count + graph.functions.count <= Self.pictureNodeLimit,
                  let svg = try? GraphImage.render(graph) else { return false }
            releaseEcho()
            var data: [(String, JSON)] = [("image/svg+xml", .string(String(decoding: svg, as: UTF8.self)))]
            if let png = try? GraphImage.render(graph, format: "png") { data.append(("image/png", .string(Base64.encode(png)))) }
            data.append(("text/plain", .string(text)))
            return display(data)
        case .chart(let svg, let text):
            releaseEcho()
            return display([("image/svg+xml", .string(svg)), ("text/plain", .string(text))])
        case .table(let html, let text):
            releaseEcho()
            return display([("text/html", .string(html)), ("text/plain", .string(text))])
        case .progress(let id, let text, let done, let total, let finished):
            releaseEcho()
            var html = "<code>\(text.htmlEscaped)</code>"
            if let total, total > 0 { html = "<progress value=\"\(done)\" max=\"\(total)\"></progress> " + html }
            let data = JSON.object([("text/plain", .string(text)), ("text/html", .string(html))])
            if let displayID = progressDisplays[id] {
                sink.display(data, metadata: .object([]), displayID: displayID, update: true)
                if finished { progressDisplays[id] = nil }
            } else {
                let displayID = newUUID()
                if !finished { progressDisplays[id] = displayID }
                sink.display(data, metadata: .object([]), displayID: displayID, update: false)
            }
            return true
        }
    }

    private func display(_ data: [(String, JSON)]) -> Bool {
        guard displays < Self.displayLimit else {
            droppedDisplays += 1
            return true
        }
        displays += 1
        sink.display(.object(data), metadata: .object([]), displayID: nil, update: false)
        return true
    }

    /// An echo that more output follows is part of the text, where it was printed.
    private func releaseEcho() {
        guard let echo = heldEcho else { return }
        heldEcho = nil
        stream(echo.text)
    }

    /// Ends the cell: the held echo as the `execute_result` bundle (nil when there is none),
    /// after the note about dropped output.
    func finish() -> JSON? {
        if droppedBytes > 0 || droppedDisplays > 0 {
            var what: [String] = []
            if droppedBytes > 0 { what.append("\(droppedBytes) bytes of text") }
            if droppedDisplays > 0 { what.append("\(droppedDisplays) pictures") }
            sink.stream("stderr", "[output truncated: \(what.joined(separator: " and ")) not shown; a cell shows at most \(Self.streamLimit / 1_000_000) MB of text and \(Self.displayLimit) pictures]\n")
        }
        guard let echo = heldEcho else { return nil }
        heldEcho = nil
        var text = echo.text
        if text.hasSuffix("\n") { text.removeLast() }
        var data: [(String, JSON)] = [("text/plain", .string(text))]
        // The DOT text that `graph(y)` returns is shown as its picture too.
        // (Up to 256 KiB of DOT, about the node limit of a picture.)
        var dotText: String? = nil
        switch echo.value {
        case .string(let s) where s.hasPrefix("digraph"): dotText = s
        case .object(let o) where o.typeName == "DOT":
            if case .string(let s)? = o.attribute("text") { dotText = s }
        default: break
        }
        if let dot = dotText, dot.utf8.count <= 256 << 10, let svg = try? GraphImage.render(dot: dot) {
            data.insert(("image/svg+xml", .string(String(decoding: svg, as: UTF8.self))), at: 0)
        }
        return .object(data)
    }
}

