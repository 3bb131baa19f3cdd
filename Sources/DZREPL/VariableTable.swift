import DZLanguage

/// The `:vars` table: every global with its kind, shape, dtype, and whether it has a gradient.
enum VariableTable {
    static func render(_ globals: [String: Value]) -> String {
        let rows = self.rows(globals)
        guard rows.count > 1 else { return "no variables yet\n" }
        let columns = rows[0].count
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { i, cell in i == columns - 1 ? cell : cell.padding(widths[i] + 1) }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// The same table in HTML (for Jupyter): a header row, then one row per name.
    static func html(_ globals: [String: Value]) -> String {
        let rows = self.rows(globals)
        guard rows.count > 1 else { return "<p>no variables yet</p>\n" }
        var out = "<table>\n<thead><tr>" + rows[0].map { "<th>\($0.htmlEscaped)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows.dropFirst() {
            out += "<tr>" + row.enumerated().map { i, cell in
                i == 0 ? "<td><code>\(cell.htmlEscaped)</code></td>" : "<td>\(cell.htmlEscaped)</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The header row, then one row per global, sorted by name: `args` and the REPL's `_`
    /// (the last echoed value) are the session's, not the user's.
    static func rows(_ globals: [String: Value]) -> [[String]] {
        let names = globals.keys.filter { $0 != "args" && $0 != "_" }.sorted()
        var rows: [[String]] = [["name", "kind", "shape", "dtype", "grad"]]
        for name in names {
            let v = globals[name]!
            switch v {
            case .tensor(let t):
                let grad = t.grad.map { "yes " + formatShape($0.shape) } ?? "-"
                rows.append([name, t.isLeaf ? "tensor" : "tensor (computed)", formatShape(t.shape), t.data.dtype.rawValue, grad])
            case .tuple(let items): rows.append([name, "tuple", "\(items.count) items", "-", "-"])
            case .function(let f): rows.append([name, "function", f.signature, "-", "-"])
            case .object(let o):
                // A model or optimizer: its one-line summary after the type name, shortened.
                var detail = o.summary
                if detail.hasPrefix(o.typeName) { detail = String(detail.dropFirst(o.typeName.count)).trimmingPrefix(": ").trimmingPrefix(" ") }
                if detail.count > 48 { detail = String(detail.prefix(47)) + "…" }
                rows.append([name, o.typeName, detail.isEmpty || detail == "()" ? "-" : detail, "-", "-"])
            default: rows.append([name, v.kindName, "-", "-", "-"])
            }
        }
        return rows
    }
}

extension String {
    /// Without a leading `prefix`, if it starts with one.
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}

