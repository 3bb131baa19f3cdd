import DZTensor

// DeZero's data sets of steps 51-60: MNIST and Fashion-MNIST from IDX files, the sine curve
// under its class name, and the sequential loader for truncated backpropagation.

extension Builtins {
    static let datasets: [Builtin] = [
        mnistBuiltin("mnist", .mnist, "MNIST handwritten digits"),
        mnistBuiltin("fashion_mnist", .fashionMNIST, "Fashion-MNIST clothing images"),
        Builtin("SinCurve", [param("train", .bool, .bool(true))], category: "data",
                help: "DeZero's `SinCurve` data set, the same as `sin_curve(train)`: the tuple `(x, t)` of shape (999, 1) each, `t` the next value of the noisy sine after `x`; give it to `SeqDataLoader`.",
                example: "seed(0); x, t = SinCurve(); x.shape") { args in
            try table["sin_curve"]!.body(args)
        },
        Builtin("SeqDataLoader", [param("dataset", .any), param("batch_size", .integer)], category: "data",
                help: "DeZero's `SeqDataLoader` for time series (truncated backpropagation, steps 59-60): over a data set `(x, t)` (a tuple, as `SinCurve()` gives) or a tensor `x`, batch `k` takes sample `(i * (n // batch_size) + k) % n` for row `i`, so every row of the batch walks its own stretch of the series in order; `ceil(n / batch_size)` batches per epoch, never shuffled.",
                example: "loader = SeqDataLoader((arange(6), arange(6) + 1), 2); for x, t in loader { print(x, t) }") { args in
            let x: NDArray, t: NDArray?
            switch args.value("dataset") {
            case .tuple(let items) where items.count == 2:
                guard case .tensor(let a) = items[0], case .tensor(let b) = items[1] else {
                    throw BuiltinError(.argumentType("SeqDataLoader", "dataset", expected: "a tuple (x, t) of tensors or a tensor", got: "a tuple of \(items.map(\.kindName).joined(separator: " and "))"))
                }
                x = a.data; t = b.data
            case .tensor(let a): x = a.data; t = nil
            case let v:
                throw BuiltinError(.argumentType("SeqDataLoader", "dataset", expected: "a tuple (x, t) of tensors or a tensor", got: BuiltinArguments.describe(v)))
            }
            return .object(try SeqDataLoaderObject(x: x, t: t, batchSize: try args.int("batch_size")))
        },
    ]

    static func mnistBuiltin(_ name: String, _ files: DatasetFiles, _ what: String) -> Builtin {
        Builtin(name, [param("train", .bool, .bool(true)), param("flatten", .bool, .bool(true))], category: "data",
                help: "The \(what) as DeZero's `\(name == "mnist" ? "MNIST" : "FashionMNIST")` gives them, as the tuple `(x, t)`: images from the IDX files `train-images-idx3-ubyte.gz` and `train-labels-idx1-ubyte.gz` (`t10k-...` with `train=false`) in `$XDG_CACHE_HOME/dz/\(name)/` (else `~/.cache/dz/\(name)/`), downloaded from \(files.baseURL) with `curl` when missing (not with `DZ_NO_DOWNLOAD=1`). DeZero's transforms: flattened to (N, 784) (with `flatten=false`, (N, 1, 28, 28) for convolutions), to float, divided by 255; `t` holds the class indices 0 to 9 (int64).",
                example: "\(name)") { args in
            let (x, t) = try files.load(train: try args.bool("train"), flatten: try args.bool("flatten"), output: args.interpreter.output)
            return .tuple([.array(x), .array(t)])
        }
    }
}
