// The terminal drawing of a computation graph: a tree from the output down to the leaves,
// drawn with box-drawing characters, each variable with its shape and the op that made it.

/// Draws the graph behind a variable as a tree of lines:
///
/// ```
/// [1] y (3,) = Add
/// ├── [2] a (3,) = Exp
/// │   └── [3] x (3,)
/// └── [4] b (3,) = Sin
///     └── ↑ see [3] x
/// ```
///
/// A variable used more than once is drawn once, where the walk first meets it, and
/// referred to by number afterwards, so a diamond costs one line per extra use, not a
/// copy of its subgraph. Constants (number literals) are drawn at each use, unnumbered.
/// The drawing stops after `maxLines` lines with a summary of what was left out, and
/// indentation stops growing after `maxIndent` levels (the line then starts with `…`).
public enum GraphDrawing {
    public static func draw(_ output: Variable, maxLines: Int = 200, maxIndent: Int = 16) -> String {
        draw(GraphSnapshot(output), maxLines: maxLines, maxIndent: maxIndent)
    }

    public static func draw(_ graph: GraphSnapshot, maxLines: Int = 200, maxIndent: Int = 16) -> String {
        var lines: [String] = []
        var numbers: [Int: Int] = [:]         // snapshot variable index -> number drawn
        var drawnNodes = 0
        var stack: [(node: Int, prefix: String, childPrefix: String, depth: Int)] = [(graph.root, "", "", 0)]
        var truncated = false
        while let item = stack.popLast() {
            if lines.count >= maxLines { truncated = true; break }
            let v = graph.variables[item.node]
            var prefix = item.prefix
            let limit = maxIndent * 4
            if prefix.count > limit { prefix = "…" + String(prefix.suffix(limit - 1)) }
            if let n = numbers[item.node] {
                lines.append(prefix + "↑ see [\(n)]" + (v.name.map { " " + $0 } ?? ""))
                continue
            }
            drawnNodes += 1
            if v.isConstant {
                lines.append(prefix + constantLabel(v.variable))
                continue
            }
            let n = numbers.count + 1
            numbers[item.node] = n
            var line = prefix + "[\(n)] " + (v.name.map { $0 + " " } ?? "") + formatShape(v.shape)
            guard let c = v.creator else {
                lines.append(line)
                continue
            }
            let f = graph.functions[c]
            line += " = " + f.name
            lines.append(line)
            for (k, input) in f.inputs.enumerated().reversed() {
                let last = k == f.inputs.count - 1
                stack.append((input, item.childPrefix + (last ? "└── " : "├── "),
                              item.childPrefix + (last ? "    " : "│   "), item.depth + 1))
            }
        }
        if truncated {
            let total = graph.variables.count
            let counts = graph.functionCounts.map { "\($0.name) ×\($0.count)" }.joined(separator: ", ")
            lines.append("... \(total - drawnNodes) more nodes (\(graph.functions.count) functions in all: \(counts))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2 (constant)`, `0.5 (constant)`, or the shape for a larger constant.
    static func constantLabel(_ v: Variable) -> String {
        v.size == 1 ? "\(v.data.scalarText!) (constant)" : "\(formatShape(v.shape)) (constant)"
    }
}
