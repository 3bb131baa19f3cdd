#if canImport(Glibc)
import Glibc
#endif

// DOT export (Graphviz) of a computation graph, and rendering to PNG or SVG through
// Graphviz's `dot` run as a subprocess.

/// Graphviz output of a ``GraphSnapshot``: variables are ellipses labelled with their
/// name (when bound) and shape, functions are boxes labelled with the op, and edges
/// follow the data (input → function → output), as DeZero's `get_dot_graph`.
public enum GraphExport {
    /// The graph behind `output` in the DOT language. With `verbose`, variables also show
    /// a value summary (the values of a small tensor, else min, max and mean) and
    /// functions their input and output shapes.
    public static func dot(_ output: Variable, verbose: Bool = false) -> String {
        dot(GraphSnapshot(output), verbose: verbose)
    }

    /// The DOT text of a snapshot.
    public static func dot(_ graph: GraphSnapshot, verbose: Bool = false) -> String {
        var text = ""
        writeDot(graph, verbose: verbose) { text += $0 }
        return text
    }

    /// The size of the pieces ``writeDot(_:verbose:to:)`` hands to its sink.
    static let chunkBytes = 1 << 16

    /// Writes the DOT text of a snapshot through `sink` in pieces of about 64 KB, as it is
    /// made: the whole text is never held here, so a file (or an atomic writer) behind the
    /// sink receives a million-node graph in constant memory beyond the snapshot.
    public static func writeDot<E: Error>(_ graph: GraphSnapshot, verbose: Bool = false,
                                          to sink: (String) throws(E) -> Void) throws(E) {
        var chunk = ""
        chunk.reserveCapacity(chunkBytes + 1024)
        func emit(_ line: String) throws(E) {
            chunk += line
            chunk += "\n"
            if chunk.utf8.count >= chunkBytes {
                try sink(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try emit("digraph dz {")
        try emit("  node [fontname=\"Helvetica\", fontsize=11];")
        try emit("  edge [arrowsize=0.7];")
        for (i, v) in graph.variables.enumerated() {
            var label: [String] = []
            if v.isConstant {
                label.append(v.variable.size == 1 ? v.variable.data.scalarText! : "constant")
            } else if let name = v.name {
                label.append(name)
            }
            label.append(formatShape(v.shape))
            if verbose, !(v.isConstant && v.variable.size == 1) { label.append(valueSummary(v.variable.data)) }
            let style = v.isConstant ? "color=gray50, fontcolor=gray30, style=dashed"
                                     : "color=orange, style=filled, fillcolor=\"#fff2e0\""
            try emit("  v\(i) [label=\(quote(label.joined(separator: "\n"))), shape=ellipse, \(style)];")
        }
        for (i, f) in graph.functions.enumerated() {
            var label = f.name
            if verbose {
                let ins = f.inputs.map { formatShape(graph.variables[$0].shape) }.joined(separator: ", ")
                let outs = f.function.outputShapes.map(formatShape).joined(separator: ", ")
                label += "\n\(ins) -> \(outs)"
            }
            try emit("  f\(i) [label=\(quote(label)), shape=box, color=lightblue, style=filled, fillcolor=\"#e6f0ff\"];")
        }
        for (i, f) in graph.functions.enumerated() {
            for x in f.inputs { try emit("  v\(x) -> f\(i);") }
            for y in f.outputs { try emit("  f\(i) -> v\(y);") }
        }
        try emit("}")
        if !chunk.isEmpty { try sink(chunk) }
    }

    /// A short description of the values: all of them for up to 6 elements, otherwise
    /// `min .. max, mean m`.
    public static func valueSummary(_ a: NDArray) -> String {
        let xs = a.scalars
        if xs.isEmpty { return "empty" }
        if xs.count <= 6 { return a.ndim == 0 ? short(xs[0]) : "[" + xs.map(short).joined(separator: ", ") + "]" }
        let lo = xs.min()!, hi = xs.max()!, mean = xs.reduce(0, +) / Double(xs.count)
        return "min \(short(lo)), max \(short(hi)), mean \(short(mean))"
    }

    /// `x` with 4 significant digits.
    static func short(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return cFormat("%.4g", x)
    }

    /// A DOT string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// Writes the graph to `path`: DOT text for `.dot` (or `.gv`), an image through
    /// Graphviz's `dot` for `.png` and `.svg`.
    public static func write(_ output: Variable, to path: String, verbose: Bool = false) throws(GraphExportError) {
        let lower = path.lowercased()
        let isDOT = lower.hasSuffix(".dot") || lower.hasSuffix(".gv")
        let format = ["png", "svg", "pdf"].first(where: { lower.hasSuffix("." + $0) })
        guard isDOT || format != nil else { throw .unsupportedExtension(path) }
        let graph = GraphSnapshot(output)
        let write: ((String) throws(GraphExportError) -> Void) throws(GraphExportError) -> Void = { sink throws(GraphExportError) in
            try writeDot(graph, verbose: verbose, to: sink)
        }
        if let format {
            try replacing(path) { temporary in try render(format: format, to: temporary, writing: write) }
        } else {
            try replacing(path, streaming: write)
        }
    }

    /// Replaces `path` with the file `write` makes at a temporary path beside it (`dot -o
    /// TEMP`): the old file survives any failure (``AtomicFile``).
    static func replacing(_ path: String, by write: (_ temporary: String) throws -> Void) throws(GraphExportError) {
        do {
            try AtomicFile.produce(path) { temporary in try write(temporary) }
        } catch {
            throw exportError(error, path: path)
        }
    }

    /// Replaces `path` with the DOT text `writing` hands to its sink, streamed into the
    /// temporary file as it comes (``AtomicFile``).
    static func replacing(_ path: String,
                          streaming writing: ((String) throws(GraphExportError) -> Void) throws(GraphExportError) -> Void) throws(GraphExportError) {
        do {
            try AtomicFile.write(to: path) { out in
                try writing { (piece: String) throws(GraphExportError) in
                    do { try out.write(piece) } catch { throw exportError(error, path: path) }
                }
            }
        } catch {
            throw exportError(error, path: path)
        }
    }

    /// `error` as a ``GraphExportError`` (an ``AtomicFile/Failure`` names the file).
    static func exportError(_ error: any Error, path: String) -> GraphExportError {
        if let error = error as? GraphExportError { return error }
        if let failure = error as? AtomicFile.Failure { return .cannotWrite(path: failure.path, reason: failure.reason) }
        return .cannotWrite(path: path, reason: "\(error)")
    }

    /// Runs `dot -T<format> -o <path>` on the DOT text that `writing` hands to its sink.
    static func render(format: String, to path: String,
                       writing: ((String) throws(GraphExportError) -> Void) throws(GraphExportError) -> Void) throws(GraphExportError) {
        guard let dot = findExecutable("dot") else { throw .graphvizMissing }
        try GraphvizRunner.run(dot, format: format, output: path, writing: writing)
    }

    /// The first executable named `name` on `PATH`.
    static func findExecutable(_ name: String) -> String? {
        guard let path = getenv("PATH").map({ String(cString: $0) }) else { return nil }
        for dir in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Why a graph could not be written.
public enum GraphExportError: Error, Equatable, CustomStringConvertible {
    case unsupportedExtension(String)
    case graphvizMissing
    case graphvizFailed(status: Int32, message: String)
    case cannotWrite(path: String, reason: String)
    /// Ctrl-C stopped `dot` (it was killed).
    case interrupted

    public var description: String {
        switch self {
        case .unsupportedExtension(let path):
            "cannot tell the format of '\(path)': use a name ending in .dot, .png, .svg or .pdf (or \"-\" to draw it here)"
        case .graphvizMissing:
            "Graphviz's 'dot' program was not found on PATH; it renders .png and .svg files. Install the Debian package graphviz (sudo apt-get install graphviz), or write a .dot file instead"
        case .graphvizFailed(let status, let message):
            "Graphviz's 'dot' failed" + (status >= 0 ? " (exit status \(status))" : "") + (message.isEmpty ? "" : ": \(message)")
        case .cannotWrite(let path, let reason):
            "cannot write '\(path)': \(reason)"
        case .interrupted:
            "interrupted"
        }
    }
}
