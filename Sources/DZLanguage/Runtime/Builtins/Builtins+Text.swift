import DZAutodiff

// str, format and round: numbers and values as text, as Python's builtins make it.

extension Builtins {
    static let text: [Builtin] = [
        Builtin("str", [param("x", .any)], category: "io",
                help: "The text `print` shows for `x` (numpy's str for tensors, a string as it is).",
                example: "\"loss: \" + str(0.25)") { args in
            .string(try args.interpreter.text(of: args.value("x"), quoting: false))
        },
        Builtin("format", [param("x", .any), param("spec", .string, .string(""))], category: "io",
                help: "`x` formatted by Python's format mini-language, as in an f-string's `{x:spec}`: `[[fill]align][sign][#][0][width][,][.precision][type]` with the types `e E f F g G % d x X o b c` for numbers (`d` and the other integer types need an integral value) and `s` for text; an empty spec gives what `print` shows.",
                example: "format(3.14159, \".2f\"); format(1234567, \",d\"); format(\"ab\", \">5\")") { args in
            .string(try args.interpreter.formatted(args.value("x"), spec: try args.string("spec")))
        },
        Builtin("round", [param("x", .tensor), param("ndigits", .optionalInteger, DefaultValue.none)], category: "io",
                help: "`x` rounded to `ndigits` decimals (0 when none), halves to even, elementwise, as numpy's `round` (it scales by 10**ndigits, rounds and scales back). Not differentiable.",
                example: "round(2.5); round(3.14159, 2); round([0.125, 1.5], 1)") { args in
            let x = try args.tensor("x").data
            let n = try args.optionalInt("ndigits") ?? 0
            guard abs(n) <= 400 else { throw BuiltinError("argument-value", "round(): ndigits must be between -400 and 400, got \(n)") }
            let scale = powerOfTen(abs(n))
            let rounded = try x.map(operation: "round") { v -> Double in
                guard v.isFinite else { return v }
                let y = n >= 0 ? (v * scale).rounded(.toNearestOrEven) / scale : (v / scale).rounded(.toNearestOrEven) * scale
                return y.isFinite ? y : v
            }
            return .array(rounded)
        },
    ]
}

/// 10 to the power `n` (n >= 0), as a double.
private func powerOfTen(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
}
