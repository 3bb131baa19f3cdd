/// The registry of builtin functions: every builtin of the language with its signature,
/// help text and example, by name. docs/language.md's reference is generated from it.
public enum Builtins {
    /// Every builtin, in reference order.
    public static let all: [Builtin] = creation + arithmetic + linearAlgebra + shape + reduction + nn + convolution + models + engineLayers + hooks + data + datasets + autodiff + graphs + io + statistics + text + objects + session

    /// Builtins by name.
    public static let table: [String: Builtin] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The categories in reference order, with their titles.
    public static let categories: [(key: String, title: String)] = [
        ("create", "Creating tensors"), ("arithmetic", "Arithmetic and elementary functions"),
        ("linalg", "Linear algebra"), ("shape", "Shapes"), ("reduce", "Reductions"),
        ("nn", "Neural-network functions"), ("conv", "Convolutions, pooling and normalization"),
        ("models", "Layers, models and optimizers"), ("data", "Data, training loops and plots"), ("autodiff", "Automatic differentiation"), ("io", "Input, output and utilities"),
    ]
}

// Shorthands for signatures.
func param(_ name: String, _ kind: ArgumentKind, _ d: DefaultValue? = nil) -> BuiltinParameter {
    BuiltinParameter(name, kind, default: d)
}
func variadic(_ name: String, _ kind: ArgumentKind) -> BuiltinParameter {
    BuiltinParameter(name, kind, variadic: true)
}
func keyword(_ name: String, _ kind: ArgumentKind, _ d: DefaultValue) -> BuiltinParameter {
    BuiltinParameter(name, kind, default: d, keywordOnly: true)
}

/// Wraps an array as a value.
func tensorValue(_ v: Variable) -> Value { .tensor(v) }
