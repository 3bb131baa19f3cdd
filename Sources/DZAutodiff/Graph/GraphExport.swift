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
        var lines = ["digraph dz {", "  node [fontname=\"Helvetica\", fontsize=11];", "  edge [arrowsize=0.7];"]
        for (i, v) in graph.variables.enumerated() {
            var label: [String] = []
            if v.isConstant {
                label.append(v.variable.size == 1 ? "\(v.variable.data.scalars[0])" : "constant")
            } else if let name = v.name {
                label.append(name)
            }
            label.append(formatShape(v.shape))
            if verbose, !(v.isConstant && v.variable.size == 1) { label.append(valueSummary(v.variable.data)) }
            let style = v.isConstant ? "color=gray50, fontcolor=gray30, style=dashed"
                                     : "color=orange, style=filled, fillcolor=\"#fff2e0\""
            lines.append("  v\(i) [label=\(quote(label.joined(separator: "\n"))), shape=ellipse, \(style)];")
        }
        for (i, f) in graph.functions.enumerated() {
            var label = f.name
            if verbose {
                let ins = f.inputs.map { formatShape(graph.variables[$0].shape) }.joined(separator: ", ")
                let outs = f.function.outputShapes.map(formatShape).joined(separator: ", ")
                label += "\n\(ins) -> \(outs)"
            }
            lines.append("  f\(i) [label=\(quote(label)), shape=box, color=lightblue, style=filled, fillcolor=\"#e6f0ff\"];")
        }
        for (i, f) in graph.functions.enumerated() {
            for x in f.inputs { lines.append("  v\(x) -> f\(i);") }
            for y in f.outputs { lines.append("  f\(i) -> v\(y);") }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
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
        let text = dot(output, verbose: verbose)
        let lower = path.lowercased()
        if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") {
            try writeFile(text, to: path)
            return
        }
        guard let format = ["png", "svg", "pdf"].first(where: { lower.hasSuffix("." + $0) }) else {
            throw .unsupportedExtension(path)
        }
        try render(text, format: format, to: path)
    }

    /// Runs `dot -T<format> -o <path>` on `text` (see ``GraphvizRunner``: no temporary file
    /// left behind, stderr bounded, Ctrl-C kills it).
    public static func render(_ text: String, format: String, to path: String) throws(GraphExportError) {
        guard let dot = findExecutable("dot") else { throw .graphvizMissing }
        try GraphvizRunner.run(dot, text: text, format: format, output: path)
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

    static func writeFile(_ text: String, to path: String) throws(GraphExportError) {
        guard let f = fopen(path, "wb") else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, f)
        let closed = fclose(f)
        guard written == bytes.count, closed == 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
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
