import DZLanguage

/// The `:vars` table: every global with its kind, shape, and whether it has a gradient.
enum VariableTable {
    static func render(_ globals: [String: Value]) -> String {
        // `args` and the REPL's `_` (the last echoed value) are the session's, not the user's.
        let names = globals.keys.filter { $0 != "args" && $0 != "_" }.sorted()
        guard !names.isEmpty else { return "no variables yet\n" }
        var rows: [[String]] = [["name", "kind", "shape", "grad"]]
        for name in names {
            let v = globals[name]!
            switch v {
            case .tensor(let t):
                let grad = t.grad.map { "yes " + formatShape($0.shape) } ?? "-"
                rows.append([name, t.isLeaf ? "tensor" : "tensor (computed)", formatShape(t.shape), grad])
            case .tuple(let items): rows.append([name, "tuple", "\(items.count) items", "-"])
            case .function(let f): rows.append([name, "function", f.signature, "-"])
            case .object(let o):
                // A model or optimizer: its one-line summary after the type name, shortened.
                var detail = o.summary
                if detail.hasPrefix(o.typeName) { detail = String(detail.dropFirst(o.typeName.count)).trimmingPrefix(": ").trimmingPrefix(" ") }
                if detail.count > 48 { detail = String(detail.prefix(47)) + "…" }
                rows.append([name, o.typeName, detail.isEmpty || detail == "()" ? "-" : detail, "-"])
            default: rows.append([name, v.kindName, "-", "-"])
            }
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { i, cell in i == 3 ? cell : cell.padding(widths[i] + 1) }.joined()
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Without a leading `prefix`, if it starts with one.
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
