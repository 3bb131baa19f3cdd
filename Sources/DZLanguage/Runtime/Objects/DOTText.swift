/// What `graph(y)` returns: a graph in Graphviz's DOT language, as text.
///
/// It is a value of its own (type `DOT`) rather than a string so that echo shows the DOT
/// itself, ready to copy into `dot`, where a string would echo quoted with its newlines
/// escaped. `print` shows the same text, `len` counts its characters, and `.text` is the
/// plain string for anything else a string is used for.
final class DOTText: RuntimeObject {
    /// The DOT source, ending in a newline.
    let text: String

    init(_ text: String) { self.text = text }

    var typeName: String { "DOT" }

    /// One line for `:vars`: how big the graph is. Echo and print show ``text`` instead
    /// (see ``ValueText``).
    var summary: String {
        var variables = 0, functions = 0
        for line in text.split(separator: "\n") where !line.contains(" -> ") {
            if line.contains("shape=ellipse") { variables += 1 } else if line.contains("shape=box") { functions += 1 }
        }
        return "\(variables) variable\(variables == 1 ? "" : "s"), \(functions) function\(functions == 1 ? "" : "s")"
    }

    var attributeNames: [String] { ["text"] }

    func attribute(_ name: String) -> Value? {
        name == "text" ? .string(text) : nil
    }

    /// The text as echo and print show it: without the final newline, which they add.
    var shown: String { text.hasSuffix("\n") ? String(text.dropLast()) : text }
}
