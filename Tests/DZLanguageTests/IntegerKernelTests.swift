import Testing
@testable import DZLanguage

/// Every shape, gather and window kernel gives the same values for int64 input as for the
/// same numbers in float64. Kernels once built their result with a float64 label over int64
/// bit patterns, so an int input printed denormals like 2.5e-323: a silent wrong value.
@Suite struct IntegerKernelTests {
    static let programs = [
        "pooling(X, 2)", "pooling(X, 2, stride=2)", "average_pooling(X, 2)", "im2col(X, 2, stride=2)",
        "col2im(im2col(X, 2), (1, 1, 4, 4), 2)", "conv2d(X, K)", "conv2d(X, K, stride=2, pad=1)",
        "reshape(X, 4, 4).T", "transpose(X, (0, 1, 3, 2))", "broadcast_to(flatten(X)[:3], (2, 3))",
        "sum_to(reshape(X, 4, 4), (1, 4))", "sum(X, axis=2)", "cumsum(reshape(X, 16))", "max(X, axis=3)",
        "X[0, 0, ::2, 1:]", "X[..., [1, 3]]", "X[X > 7]", "where(X > 7, X, 0)", "flatten(X)",
        "reshape(X, 4, 4) @ reshape(X, 4, 4)", "dot(flatten(X)[:4], flatten(X)[4:8])", "expand_dims(flatten(X)[:3], 0)",
        "squeeze(X)", "reshape(X, 4, 4)[1]", "clip(X, 3, 9)", "abs(X - 8)", "maximum(X, 5)",
    ]

    @Test(arguments: programs)
    func intInputGivesTheFloatValues(_ program: String) {
        let ints = run("X = reshape(arange(16), 1, 1, 4, 4); K = ones(1, 1, 2, 2, dtype=int64)\ny = \(program)\nprint(y.astype(float64))")
        let floats = run("X = reshape(arange(16.0), 1, 1, 4, 4); K = ones(1, 1, 2, 2)\ny = \(program)\nprint(y)")
        #expect(ints.error == nil && floats.error == nil, "\(program): \(ints.error ?? "") \(floats.error ?? "")")
        #expect(ints.output == floats.output, "\(program)")
        #expect(!ints.output.contains("e-3"), "\(program) printed denormals: \(ints.output)")
    }

    @Test(arguments: ["im2col(X, 2, stride=2)", "conv2d(X, K)", "reshape(X, 4, 4).T", "X[..., [1, 3]]", "max(X, axis=3)", "sum(X, axis=2)"])
    func shapeAndGatherKernelsKeepInt64(_ program: String) {
        let r = run("X = reshape(arange(16), 1, 1, 4, 4); K = ones(1, 1, 2, 2, dtype=int64)\nprint((\(program)).dtype)")
        #expect(r.output == "int64\n", "\(program): \(r)")
    }
}
