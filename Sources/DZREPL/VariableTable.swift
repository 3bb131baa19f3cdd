import DZLanguage

/// The `:vars` table: every global with its kind, shape, and whether it has a gradient.
enum VariableTable {
    static func render(_ globals: [String: Value]) -> String {
        let names = globals.keys.filter { $0 != "args" }.sorted()
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
            default: rows.append([name, v.kindName, "-", "-"])
            }
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { i, cell in i == 3 ? cell : cell.padding(widths[i] + 1) }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
