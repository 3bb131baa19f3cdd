#if canImport(Glibc)
import Glibc
#endif

extension Builtins {
    static let io: [Builtin] = [
        Builtin("print", [variadic("values", .any), keyword("sep", .string, .string(" ")), keyword("end", .string, .string("\n")),
                          keyword("flush", .bool, .bool(false))], category: "io",
                help: "Prints the values separated by `sep`, then `end` (as Python's print); tensors as numpy prints them, strings without quotes. Piped or redirected output is flushed at the first line printed a second or more after the last flush, so `dz train.dz | tee log` shows progress; `flush=true` flushes now.",
                example: "print(\"loss\", 0.25, sep=\": \", end=\"!\\n\")") { args in
            guard case .tuple(let values) = args.value("values") else { return .none }
            let texts = try values.map { try args.interpreter.text(of: $0, quoting: false) }
            args.interpreter.output(texts.joined(separator: try args.string("sep")) + (try args.string("end")))
            if try args.bool("flush") { args.interpreter.flushOutput() }
            return .none
        },
        Builtin("help", [param("name", .any, DefaultValue.none)], category: "io",
                help: "Describes a builtin (its signature, what it does and an example), a class, or a keyword (`help(\"for\")`). Give the function or its name as a string. With no argument, an overview: the kinds of values, where to start, and where to find more. At the REPL prompt, `exp?`, `?exp` and `:help exp` show the same.",
                example: "help(matmul)") { args in
            if case .none = args.value("name") {
                args.interpreter.output(HelpTopics.overview + "\n")
                return .none
            }
            args.interpreter.output(try helpText(for: args.value("name")) + "\n")
            return .none
        },
        Builtin("range", [param("start", .any), param("stop", .any, DefaultValue.none), param("step", .any, .number(1))],
                category: "io",
                help: "The integers from `start` to `stop` (exclusive) by `step`, as 0-d tensors, for `for` loops; with one argument, from 0.",
                example: "for i in range(3) { print(i) }") { args in
            // range(stop) or range(start, stop[, step]), as Python: a lone argument is the stop.
            func integer(_ name: String, as shown: String) throws -> Int {
                try BuiltinArguments.integer(args.value(name), function: "range", parameter: shown)
            }
            let step = try integer("step", as: "step")
            guard step != 0 else { throw BuiltinError("argument-value", "range(): step must not be zero") }
            if case .none = args.value("stop") {
                return .object(RangeObject(start: 0, stop: try integer("start", as: "stop"), step: step))
            }
            return .object(RangeObject(start: try integer("start", as: "start"), stop: try integer("stop", as: "stop"), step: step))
        },
        Builtin("clock", [], category: "io",
                help: "Seconds from a monotonic clock, for timing loops: `t0 = clock(); ...; clock() - t0`.",
                example: "t0 = clock()") { _ in .number(monotonicSeconds()) },
        Builtin("float", [param("x", .any)], category: "io",
                help: "A float64 number: a one-element tensor's value, or a string parsed as Python's float() does (decimal with an optional sign, `_` between digits, `inf`, `nan`; no hexadecimal), e.g. a script argument. Not differentiable (as Python's float() of a tensor).",
                example: "float(\"2.5\"); float(3)") { args in
            try Interpreter.number(args.value("x"), as: .float64, function: "float")
        },
        Builtin("int", [param("x", .any)], category: "io",
                help: "An int64 number: a one-element tensor's value truncated toward zero (as Python's int()), or a string of decimal digits with an optional sign and `_` between digits. Not differentiable.",
                example: "int(2.7); int(\"-42\")") { args in
            try Interpreter.number(args.value("x"), as: .int64, function: "int")
        },
        Builtin("astype", [param("x", .tensor), param("dtype", .any)], category: "shape", differentiable: true,
                help: "`x` converted to `dtype` (`float64 float32 int64 bool`, or its name as a string), as numpy's `x.astype(dtype)`: floats to integers truncate toward zero, nonzero is `true`. Between floating dtypes the gradient flows back, cast to `x`'s dtype; a cast to int64 or bool passes none.",
                example: "astype([1.5, -2.7], int64); [1, 2].astype(float32)") { args in
            guard let dtype = try args.dtype("dtype") else {
                throw BuiltinError(.argumentType("astype", "dtype", expected: "a dtype (float64, float32, int64, bool)", got: "none"))
            }
            return try Interpreter.converted(args.value("x"), to: dtype, function: "astype")
        },
        Builtin("save", [param("path", .string), param("x", .tensor)], category: "io",
                help: "Writes `x` to a numpy .npy file of its dtype (`<f8`, `<f4`, `<i8` or `|b1`, C order), byte for byte what `np.save` writes.",
                example: "save(\"/tmp/dz-example.npy\", eye(2)); save(\"/tmp/dz-labels.npy\", arange(3))") { args in
            try NPY.write(try args.tensor("x").data, to: try args.path("path"))
            return .none
        },
        Builtin("load", [param("path", .string)], category: "io",
                help: "Reads a numpy .npy file (C or Fortran order) as a tensor of its dtype: float64, float32 (`f4`, and `f2` widened), int64 (every signed and unsigned integer width) or bool.",
                example: "save(\"/tmp/dz-example.npy\", eye(2)); load(\"/tmp/dz-example.npy\")") { args in
            // NPY.read names the file in every error: "load: 'x.txt': not a .npy file (bad magic string)".
            .array(try NPY.read(contentsOf: try args.path("path")))
        },
    ]

    /// The help of a builtin: signature, text and example.
    public static func helpText(for value: Value) throws -> String {
        let builtin: Builtin?
        switch value {
        case .string(let name):
            if table[name] == nil, let base = ClassObject.builtinBases[name] { return base.helpText }
            if table[name] == nil, let text = HelpTopics.keyword(name) { return text }
            builtin = table[name]
        case .function(let b as Builtin): builtin = b
        case .function(let f): return "\(f.signature): a function defined with def"
        case .object(let c as ClassObject): return c.helpText
        case .object(let o as InstanceObject): return "a \(o.cls.name) object: \(o.summary)\n" + o.cls.helpText
        default: builtin = nil
        }
        guard let b = builtin else {
            guard case .string(let name) = value else {
                throw BuiltinError("unknown-builtin", "help(): give a builtin, a class or a name as a string (help(exp), help(\"for\")), got \(BuiltinArguments.describe(value))")
            }
            let candidates = Array(table.keys) + HelpTopics.keywordNames + Array(ClassObject.builtinBases.keys)
            throw BuiltinError("unknown-builtin", "help(): no builtin or keyword named \(quoted(shortenedName(name)))"
                + (nearestName(to: name, in: candidates).map { "; did you mean '\(shortenedName($0))'?" } ?? ""))
        }
        return "\(b.signature)\n  \(b.help)" + (b.example.isEmpty ? "" : "\n  example: \(b.example)")
    }
}
