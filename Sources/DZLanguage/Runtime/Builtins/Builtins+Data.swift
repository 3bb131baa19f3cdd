#if canImport(Glibc)
import Glibc
#endif

extension Builtins {
    static let data: [Builtin] = [
        Builtin("spiral", [param("train", .bool, .bool(true))], category: "data",
                help: "DeZero's spiral data set as the tuple `(x, t)`: 300 points (300, 2) in 3 classes `t` (300,) of int64, made as `get_spiral` does, values rounded to float32 as there. Like DeZero, which seeds numpy's global generator, it seeds the session's generator (1984 for training, 2020 for test) and leaves it after its draws, so later random numbers repeat DeZero's.",
                example: "x, t = spiral(); x.shape; t[:5]") { args in
            let (x, t) = try spiral(train: try args.bool("train"), using: &args.interpreter.random)
            return .tuple([.array(x), .array(t)])
        },
        Builtin("sin_curve", [param("train", .bool, .bool(true))], category: "data",
                help: "DeZero's `SinCurve` data set as the tuple `(x, t)` of shape (999, 1) each: `y = sin(linspace(0, 2 pi, 1000))` plus uniform noise in [-0.05, 0.05) from the session's generator (not reseeded), `x = y[:-1]`, `t = y[1:]`; with `train=false`, `y = cos(...)` (the noise is drawn all the same).",
                example: "seed(0); x, t = sin_curve(); x[:3]") { args in
            let count = 1000
            let grid = try NDArray.linspace(0, 2 * Double.pi, count: count).scalars
            var noise = [Double](repeating: 0, count: count)
            for i in 0..<count { noise[i] = -0.05 + 0.1 * args.interpreter.random.nextDouble() }
            let y = try args.bool("train") ? (0..<count).map { Glibc.sin(grid[$0]) + noise[$0] } : grid.map { Glibc.cos($0) }
            return .tuple([.array(try NDArray(shape: [count - 1, 1], scalars: Array(y.dropLast()))),
                           .array(try NDArray(shape: [count - 1, 1], scalars: Array(y.dropFirst())))])
        },
        Builtin("permutation", [param("n", .integer)], category: "data",
                help: "A random permutation of `0 .. n-1`, the same as numpy's `np.random.permutation(n)` after the same `seed`. Index a tensor with it to shuffle rows: `x[permutation(len(x))]`.",
                example: "seed(0); permutation(5)") { .array(try $0.interpreter.random.permutation(try $0.int("n"))) },
        Builtin("DataLoader", [param("x", .tensor), param("t", .optionalTensor), param("batch_size", .integer), param("shuffle", .bool, .bool(true))],
                category: "data",
                help: "DeZero's `DataLoader` over the rows of `x` and `t`: `for bx, bt in loader { }` runs one epoch of `ceil(n / batch_size)` batches, the last one shorter if need be (just `bx` when `t` is none). With `shuffle`, a permutation is drawn from the session's generator when the loader is made and each time an epoch ends, as DeZero does; a loop left by `break` resumes where it stopped.",
                example: "loader = DataLoader(arange(10), arange(10), 4, shuffle=false); for bx, bt in loader { print(bx) }") { args in
            .object(try DataLoaderObject(x: try args.tensor("x").data, t: try args.optionalTensor("t")?.data, batchSize: try args.int("batch_size"),
                                         shuffle: try args.bool("shuffle"), interpreter: args.interpreter))
        },
        Builtin("progress", [param("iterable", .any), param("label", .string, .string(""))], category: "data",
                help: "Iterates like `iterable` (a range, tuple, tensor or data loader) and shows how far the loop has got. On a terminal: a bar redrawn in place (at most ten times a second, fitted to the terminal's width) with the percentage (floored), step/total, elapsed time, rate (it/s) and the value of the last `set_progress`. Otherwise a plain line at each tenth of the loop, without times, so output stays reproducible.",
                example: "for i in progress(range(20)) { set_progress(1 / (i + 1)) }") { args in
            let source = args.value("iterable")
            let total: Int?
            switch source {
            case .object(let r as RangeObject): total = r.count
            case .object(let d as DataLoaderObject): total = d.maxIter - d.iteration
            case .object(let p as ProgressObject): total = p.total
            case .object(is IterableObject): total = nil
            case .tuple(let items): total = items.count
            case .tensor(let t) where t.ndim > 0: total = t.shape[0]
            case let v: throw BuiltinError(.argumentType("progress", "iterable", expected: "something a for loop can iterate over", got: BuiltinArguments.describe(v)))
            }
            return .object(ProgressObject(source: source, total: total, label: try args.string("label"), interpreter: args.interpreter))
        },
        Builtin("set_progress", [param("value", .real), param("name", .string, .string("loss"))], category: "data",
                help: "Shows `value` (under `name`, `loss` by default) beside the innermost running `progress` loop's bar and in its plain lines. Outside a `progress` loop it does nothing.",
                example: "set_progress(0.5)") { args in
            if let run = args.interpreter.progressRuns.last(where: { $0.run != nil })?.run {
                run.value = (try args.string("name"), try args.double("value"))
            }
            return .none
        },
        Builtin("plot", [param("x", .any), param("y", .any, DefaultValue.none), keyword("file", .any, DefaultValue.none), keyword("title", .any, DefaultValue.none)],
                category: "data",
                help: "A line chart of `y` against `x` (`plot(ys)` uses 0, 1, 2, ... for x), from tensors or tuples of numbers: drawn in braille characters with the minimum and maximum on each axis, or with `file=\"loss.svg\"` written as an SVG image instead. Non-finite values break the line.",
                example: "plot(exp(-arange(0, 3, 0.1)))") { args in
            let first = try numbers(args.value("x"), "x")
            var xs: [Double], ys: [Double]
            if case .none = args.value("y") {
                ys = first
                xs = ys.indices.map(Double.init)
            } else {
                xs = first
                ys = try numbers(args.value("y"), "y")
                guard xs.count == ys.count else {
                    throw BuiltinError("argument-value", "plot(): x has \(xs.count) values but y has \(ys.count)")
                }
            }
            var title: String? = nil
            switch args.value("title") {
            case .none: break
            case .string(let s): title = s
            case let v: throw BuiltinError(.argumentType("plot", "title", expected: "a string", got: BuiltinArguments.describe(v)))
            }
            switch args.value("file") {
            case .none:
                // The SVG only for a sink that may show it (the Jupyter kernel).
                let svg = args.interpreter.showsRichOutput ? Chart.svg(xs: xs, ys: ys, title: title) : ""
                args.interpreter.show(.chart(svg: svg,
                                             text: (title.map { $0 + "\n" } ?? "") + Chart.text(xs: xs, ys: ys)))
            case .string(let path):
                guard path.lowercased().hasSuffix(".svg") else {
                    throw BuiltinError("argument-value", "plot(): the file must end in .svg, got \(quoted(path))")
                }
                try writeText(Chart.svg(xs: xs, ys: ys, title: title), to: PathExpansion.expandingTilde(path), function: "plot")
            case let v:
                throw BuiltinError(.argumentType("plot", "file", expected: "a string", got: BuiltinArguments.describe(v)))
            }
            return .none
        },
    ]

    /// DeZero's `get_spiral`: seeds `random`, 300 Gaussian angles, a permutation.
    static func spiral(train: Bool, using random: inout RandomState) throws -> (NDArray, NDArray) {
        random.seed(train ? 1984 : 2020)
        let numData = 100, numClass = 3
        var x = [Double](repeating: 0, count: numData * numClass * 2)
        var t = [Int64](repeating: 0, count: numData * numClass)
        for j in 0..<numClass {
            for i in 0..<numData {
                let rate = Double(i) / Double(numData)
                let radius = 1.0 * rate
                let theta = Double(j) * 4.0 + 4.0 * rate + random.nextGaussian() * 0.2
                let ix = numData * j + i
                // DeZero stores x in a float32 array.
                x[2 * ix] = Double(Float(radius * Glibc.sin(theta)))
                x[2 * ix + 1] = Double(Float(radius * Glibc.cos(theta)))
                t[ix] = Int64(j)
            }
        }
        let indices = try random.permutation(numData * numClass)
        let xs = try NDArray(shape: [numData * numClass, 2], scalars: x).gathered([.array(indices)])
        let ts = try NDArray(shape: [numData * numClass], integers: t).gathered([.array(indices)])
        return (xs, ts)
    }

    /// The numbers of a tensor (flattened) or a tuple of one-element tensors.
    static func numbers(_ v: Value, _ parameter: String) throws -> [Double] {
        switch v {
        case .tensor(let t): return t.data.scalars
        case .tuple(let items):
            return try items.map {
                guard case .tensor(let t) = $0, t.size == 1, let x = t.data.scalar else {
                    throw BuiltinError(.argumentType("plot", parameter, expected: "a tensor or a tuple of numbers", got: BuiltinArguments.describe(v)))
                }
                return x
            }
        default:
            throw BuiltinError(.argumentType("plot", parameter, expected: "a tensor or a tuple of numbers", got: BuiltinArguments.describe(v)))
        }
    }

    /// Writes `text` to `path` through ``AtomicFile``: the old file survives a failure.
    static func writeText(_ text: String, to path: String, function: String) throws {
        do { try AtomicFile.write(to: path) { try $0.write(text) } } catch let failure as AtomicFile.Failure {
            throw BuiltinError("io", "\(function)(): \(failure.message())")
        }
    }
}
