// graph, show_graph and explain: looking at a computation graph (DOT, the terminal) and
// at the backward pass it implies. The work is done by DZAutodiff's GraphExport,
// GraphDrawing and explain; these builtins only bind arguments and route output.

extension Builtins {
    static let graphs: [Builtin] = [
        Builtin("graph", [param("y", .tensor), param("file", .any, DefaultValue.none), keyword("verbose", .bool, .bool(false))],
                category: "autodiff",
                help: "The graph that computed `y` in Graphviz's DOT language (a `DOT` value: echo and `print` show the text, `.text` is it as a string, `len` counts its characters): variables are ellipses labelled with their name (when bound) and shape, functions are boxes labelled with the op, edges follow the data, and a variable used twice is one node. With `file`, writes it instead and prints one line saying so (`wrote g.png (Graphviz)`): `.dot` as text, `.png`, `.svg` or `.pdf` through Graphviz's `dot` program (Debian package `graphviz`), and `\"-\"` draws it in the terminal as `show_graph` does. `verbose=true` adds value summaries (the values of small tensors, else min, max and mean) and each function's shapes.",
                example: "x = ones(2, 3); W = ones(3, 4); y = x @ W; graph(y)") { args in
            let y = try args.tensor("y"), verbose = try args.bool("verbose")
            switch args.value("file") {
            case .none:
                return .object(DOTText(GraphExport.dot(y, verbose: verbose)))
            case .string("-"):
                args.interpreter.show(.graph(y, text: GraphDrawing.draw(y)))
                return .none
            case .string(let path):
                try writeGraph(y, to: path, verbose: verbose, function: "graph")
                args.interpreter.output(wroteGraphMessage(path))
                return .none
            case let other:
                throw BuiltinError(.argumentType("graph", "file", expected: "a file name or \"-\"", got: BuiltinArguments.describe(other)))
            }
        },
        Builtin("show_graph", [param("y", .tensor), keyword("max_lines", .integer, .number(200))], category: "autodiff",
                help: "Draws the graph that computed `y` in the terminal, from `y` down to the leaves: each variable with its name, shape and the op that made it. A variable used more than once is drawn once and referred to as `↑ see [N]` afterwards; after `max_lines` lines the rest is summarized (nodes left out, functions by op). The REPL's `:graph EXPR` draws the same.",
                example: "x = ones(3); a = exp(x); b = sin(x); show_graph(a + b)") { args in
            let maxLines = try args.int("max_lines")
            guard maxLines >= 1 else { throw BuiltinError("argument-value", "show_graph(): max_lines must be at least 1, got \(maxLines)") }
            let y = try args.tensor("y")
            args.interpreter.show(.graph(y, text: GraphDrawing.draw(y, maxLines: maxLines)))
            return .none
        },
        Builtin("explain", [param("y", .tensor)], category: "autodiff",
                help: "Prints the backward pass that `backward(y)` would run, without running it: the functions in the engine's order (newest first), each with its forward shapes, and for each input the gradient rule in the inputs' names with the shapes it combines (`gx = gy @ W.T   (2, 3) = (2, 4) @ (4, 3)`). An input stretched by broadcasting shows its `sum_to`; constants get no gradient; unnamed intermediates are called t1, t2...",
                example: "x = ones(2, 3); W = ones(3, 4); y = x @ W; explain(y)") { args in
            args.interpreter.output(explain(try args.tensor("y")))
            return .none
        },
    ]
}

extension Builtins {
    /// What `graph(y, FILE)` prints once it wrote FILE: `wrote g.png (Graphviz)`, `wrote g.dot
    /// (DOT text)`; the name as the user typed it.
    static func wroteGraphMessage(_ path: String) -> String {
        let lower = path.lowercased()
        let isDOT = lower.hasSuffix(".dot") || lower.hasSuffix(".gv")
        return "wrote \(path) (\(isDOT ? "DOT text" : "Graphviz"))\n"
    }

    /// Writes the graph of `y` to `path` (DOT text, or a picture through Graphviz), errors
    /// named after `function`.
    static func writeGraph(_ y: Variable, to path: String, verbose: Bool, function: String) throws {
        do {
            try GraphExport.write(y, to: PathExpansion.expandingTilde(path), verbose: verbose)
        } catch GraphExportError.interrupted {
            throw Interrupted()
        } catch {
            throw BuiltinError("graph-file", "\(function)(): \(error)")
        }
    }
}
