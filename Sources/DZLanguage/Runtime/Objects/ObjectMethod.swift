#if canImport(Glibc)
import Glibc
#endif

// The object model: objects (layers, models, optimizers, data loaders, progress bars) are
// `Value.object`s. `obj.name` asks the object for an attribute; a method is an attribute
// whose value is a function: a builtin made on the spot whose body has the object
// captured (a bound method), so calling it binds and checks its arguments like any
// builtin's, and its errors name it `Type.method()`.

extension RuntimeObject {
    /// A bound method: `Type.name(parameters)`, running `body` with the object captured.
    func method(_ name: String, _ parameters: [BuiltinParameter] = [], help: String,
                _ body: @escaping (BuiltinArguments) throws -> Value) -> Value {
        .function(Builtin("\(typeName).\(name)", parameters, category: "method", help: help, example: "", body: body))
    }
}

/// A shape with unknown leading extent: `(?, 10)`.
func formatShape(_ shape: [Int?]) -> String {
    let parts = shape.map { $0.map(String.init) ?? "?" }
    return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
}
