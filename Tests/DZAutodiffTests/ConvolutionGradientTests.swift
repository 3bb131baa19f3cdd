import Testing
import DZAutodiff
import DZTestSupport

// Gradient checks of DeZero's steps 52-60 functions: conv2d, deconv2d, im2col, col2im,
// pooling, average_pooling, batch_norm, leaky_relu, binary_cross_entropy, embed_id. Each
// case's function squares its result (or weights it), so that the second derivative is
// not trivially zero, and is checked against central differences to first and second order.

/// Distinct values (no ties among the windows of a max pooling) none of which is near 0
/// (a padded zero never ties either).
func distinctNonzero(_ shape: [Int], seed: UInt32) -> NDArray {
    try! distinct(shape, seed: seed).map { $0 + 0.013 }
}

/// `y * y`: the square of an output, summed by the check.
func squared(_ y: Variable) throws -> Variable { try y * y }

let convolutionCases: [GradCase] = [
    GradCase("conv2d", [randn([2, 3, 5, 5], seed: 1), randn([4, 3, 3, 3], seed: 2), randn([4], seed: 3)]) {
        try squared(conv2d($0[0], $0[1], $0[2], stride: Pair(1), pad: Pair(1)))
    },
    GradCase("conv2d", [randn([1, 2, 6, 5], seed: 4), randn([3, 2, 3, 2], seed: 5)]) {
        try squared(conv2d($0[0], $0[1], stride: Pair(2), pad: Pair(1, 0)))
    },
    GradCase("conv2d", [randn([2, 1, 4, 4], seed: 6), randn([2, 1, 2, 2], seed: 7), randn([2], seed: 8)]) {
        try squared(conv2d($0[0], $0[1], $0[2], stride: Pair(2, 1)))
    },
    GradCase("conv2d", [randn([1, 3, 7, 7], seed: 9), randn([2, 3, 3, 3], seed: 10)]) {
        try squared(conv2d($0[0], $0[1], stride: Pair(3), pad: Pair(2)))
    },
    GradCase("deconv2d", [randn([2, 3, 3, 3], seed: 11), randn([3, 2, 3, 3], seed: 12), randn([2], seed: 13)]) {
        try squared(deconv2d($0[0], $0[1], $0[2], stride: Pair(2), pad: Pair(1)))
    },
    GradCase("deconv2d", [randn([1, 2, 3, 4], seed: 14), randn([2, 3, 2, 3], seed: 15)]) {
        try squared(deconv2d($0[0], $0[1], stride: Pair(1, 2), pad: Pair(0, 1)))
    },
    GradCase("deconv2d", [randn([1, 2, 3, 3], seed: 16), randn([2, 1, 3, 3], seed: 17)]) {
        try squared(deconv2d($0[0], $0[1], stride: Pair(2), pad: Pair(1), outsize: Pair(6, 6)))
    },
    GradCase("im2col", [randn([2, 2, 4, 5], seed: 18)]) {
        try squared(im2col($0[0], kernel: Pair(3, 2), stride: Pair(1, 2), pad: Pair(1), toMatrix: true))
    },
    GradCase("im2col", [randn([1, 3, 5, 5], seed: 19)]) {
        try squared(im2col($0[0], kernel: Pair(2), stride: Pair(2), pad: Pair(0), toMatrix: false))
    },
    GradCase("col2im", [randn([9, 8], seed: 20)]) {
        try squared(col2im($0[0], inputShape: [1, 2, 4, 4], kernel: Pair(2), stride: Pair(1), pad: Pair(0), toMatrix: true))
    },
    GradCase("col2im", [randn([2, 1, 3, 3, 2, 2], seed: 21)]) {
        try squared(col2im($0[0], inputShape: [2, 1, 3, 3], kernel: Pair(3), stride: Pair(2), pad: Pair(1), toMatrix: false))
    },
    GradCase("pooling", [distinctNonzero([2, 2, 4, 4], seed: 22)], smooth: true) {
        try squared(pooling($0[0], kernel: Pair(2), stride: Pair(2)))
    },
    GradCase("pooling", [distinctNonzero([1, 2, 5, 5], seed: 23)], smooth: true) {
        try squared(pooling($0[0], kernel: Pair(3), stride: Pair(2), pad: Pair(1)))
    },
    GradCase("pooling", [distinctNonzero([1, 1, 4, 6], seed: 24)], smooth: true) {
        try squared(pooling($0[0], kernel: Pair(2, 3), stride: Pair(1)))
    },
    GradCase("average_pooling", [randn([2, 2, 4, 4], seed: 25)]) {
        try squared(averagePooling($0[0], kernel: Pair(2), stride: Pair(2)))
    },
    GradCase("average_pooling", [randn([1, 2, 5, 4], seed: 26)]) {
        try squared(averagePooling($0[0], kernel: Pair(3, 2), stride: Pair(1, 2), pad: Pair(1)))
    },
]

/// A batch normalization with fresh running statistics of `c` channels.
func freshBatchNorm(_ x: Variable, _ gamma: Variable, _ beta: Variable) throws -> Variable {
    let c = x.shape[1]
    return try batchNorm(x, gamma, beta, mean: Variable(try NDArray.zeros([c])), variance: Variable(try NDArray.ones([c])))
}

let normalizationCases: [GradCase] = [
    GradCase("batch_norm", [randn([5, 3], seed: 31), randn([3], seed: 32), randn([3], seed: 33)]) {
        try freshBatchNorm($0[0], $0[1], $0[2]) * Variable(randn([5, 3], seed: 34))
    },
    GradCase("batch_norm", [randn([2, 3, 2, 2], seed: 35), randn([3], seed: 36), randn([3], seed: 37)]) {
        try freshBatchNorm($0[0], $0[1], $0[2]) * Variable(randn([2, 3, 2, 2], seed: 38))
    },
    GradCase("batch_norm", [randn([4, 2], seed: 39), randn([2], seed: 40), randn([2], seed: 41)]) {
        try squared(freshBatchNorm($0[0], $0[1], $0[2]))
    },
    GradCase("batch_norm test mode", [randn([4, 3], seed: 42), randn([3], seed: 43), randn([3], seed: 44)]) { xs in
        try TrainMode.testing {
            try squared(batchNorm(xs[0], xs[1], xs[2], mean: Variable(randn([3], seed: 45)), variance: Variable(uniform([3], 0.5, 2, seed: 46))))
        }
    },
    GradCase("batch_norm test mode", [randn([2, 2, 3, 3], seed: 47), randn([2], seed: 48), randn([2], seed: 49)]) { xs in
        try TrainMode.testing {
            try batchNorm(xs[0], xs[1], xs[2], mean: Variable(randn([2], seed: 50)), variance: Variable(uniform([2], 0.5, 2, seed: 51))) * Variable(randn([2, 2, 3, 3], seed: 52))
        }
    },
    GradCase("leaky_relu", [awayFromZero([3, 4], seed: 53)]) { try squared(leakyReLU($0[0])) },
    GradCase("leaky_relu", [awayFromZero([2, 1, 3], seed: 54)]) { try squared(leakyReLU($0[0], slope: 0.05)) },
    GradCase("binary_cross_entropy", [uniform([4, 1], 0.05, 0.95, seed: 55)]) {
        try binaryCrossEntropy($0[0], Variable(NDArray(shape: [4, 1], scalars: [1, 0, 0, 1])))
    },
    GradCase("binary_cross_entropy", [uniform([5], 0.05, 0.95, seed: 56)]) {
        try binaryCrossEntropy($0[0], Variable(NDArray(shape: [5, 1], scalars: [1, 0, 1, 1, 0])))
    },
    GradCase("embed_id", [randn([5, 3], seed: 57)]) { try squared(embedID(Variable(try NDArray(shape: [4], integers: [4, 0, 4, 2])), $0[0])) },
    GradCase("embed_id", [randn([4, 2], seed: 58)]) {
        try squared(embedID(Variable(NDArray(shape: [2, 3], integers: [1, 1, 0, 3, 2, 1])), $0[0]))
    },
]

let stepsCases = convolutionCases + normalizationCases

/// The cases again with the second input (the filters, gamma, ...) differentiated first.
let secondInputCases: [GradCase] = stepsCases.filter { $0.inputs.count > 1 && $0.smooth }.map { c in
    GradCase(c.name + " (second input)", [c.inputs[1], c.inputs[0]] + c.inputs.dropFirst(2)) { xs in
        try c.f([xs[1], xs[0]] + xs.dropFirst(2))
    }
}

@Suite struct ConvolutionGradientTests {
    @Test(arguments: stepsCases)
    func backwardMatchesCentralDifferences(_ c: GradCase) throws {
        let mismatch = try gradientMismatch(c.f, at: c.inputs)
        #expect(mismatch == nil, "\(c.testDescription): \(mismatch.map(String.init(describing:)) ?? "")")
    }

    @Test(arguments: (stepsCases + secondInputCases).filter { $0.smooth })
    func secondDerivativesMatchCentralDifferencesOfTheFirst(_ c: GradCase) throws {
        let rest = c.inputs.dropFirst().map { Variable($0) }
        let direction = randn(c.inputs[0].shape, seed: 77)
        let mismatch = try secondOrderMismatch({ x in try c.f([x] + rest) }, at: c.inputs[0], direction: direction)
        #expect(mismatch == nil, "\(c.testDescription): \(mismatch.map(String.init(describing:)) ?? "")")
    }

    /// The filters' gradient differentiated with respect to the image: the path through
    /// `Conv2DGradW`'s own backward (a transposed convolution by the incoming gradient).
    @Test(arguments: [(Pair(1), Pair(1)), (Pair(2), Pair(0)), (Pair(2, 1), Pair(1, 0))])
    func filterGradientDifferentiatesWithRespectToTheImage(_ setting: (Pair, Pair)) throws {
        let W = Variable(randn([2, 2, 3, 3], seed: 60))
        let v = Variable(randn([2, 2, 3, 3], seed: 61))
        let mismatch = try gradientMismatch({ xs in
            let y = try conv2d(xs[0], W, stride: setting.0, pad: setting.1)
            let gW = try grad(of: sum(y * y), withRespectTo: [W], createGraph: true)[0]
            return try sum(gW * v)
        }, at: [randn([2, 2, 5, 5], seed: 62)])
        #expect(mismatch == nil, "\(mismatch.map(String.init(describing:)) ?? "")")
    }

    @Test func convolutionOutputShapesFollowDeZeroFormulas() throws {
        let x = Variable(try NDArray.zeros([2, 3, 7, 9]))
        let W = Variable(try NDArray.zeros([4, 3, 3, 2]))
        #expect(try conv2d(x, W, stride: Pair(2), pad: Pair(1)).shape == [2, 4, 4, 5])
        #expect(try deconv2d(Variable(try NDArray.zeros([2, 4, 4, 5])), Variable(try NDArray.zeros([4, 3, 3, 2])), stride: Pair(2), pad: Pair(1)).shape == [2, 3, 7, 8])
        #expect(try pooling(x, kernel: Pair(2), stride: Pair(2)).shape == [2, 3, 3, 4])
        #expect(try im2col(x, kernel: Pair(3, 2), stride: Pair(2), pad: Pair(1)).shape == [2 * 4 * 5, 3 * 3 * 2])
    }

    @Test func badShapesAreErrorsNamingTheFunctionAndShapes() throws {
        let x = Variable(try NDArray.zeros([1, 3, 4, 4]))
        #expect(throws: TensorError.invalid(operation: "conv2d", message: "x of shape (1, 3, 4, 4) has 3 channels but W of shape (2, 2, 3, 3) expects 2 (W is (out_channels, in_channels, KH, KW))")) {
            try conv2d(x, Variable(try NDArray.zeros([2, 2, 3, 3])))
        }
        #expect(throws: TensorError.invalid(operation: "conv2d", message: "the kernel (5, 5) is larger than the padded image (4, 4) of input (1, 3, 4, 4) with padding (0, 0)")) {
            try conv2d(x, Variable(try NDArray.zeros([2, 3, 5, 5])))
        }
        #expect(throws: TensorError.invalid(operation: "pooling", message: "the stride must be at least 1, got (0, 0)")) {
            try pooling(x, kernel: Pair(2), stride: Pair(0))
        }
        #expect(throws: TensorError.invalid(operation: "batch_norm", message: "gamma must have shape (3,), one per channel of x (1, 3, 4, 4), got (2,)")) {
            try freshBatchNorm(x, Variable(try NDArray.ones([2])), Variable(try NDArray.zeros([3])))
        }
        #expect(throws: TensorError.self) { try embedID(Variable(NDArray(shape: [1], integers: [5])), Variable(try NDArray.zeros([5, 2]))) }
    }

    @Test func hugeSizesAreRefusedBeforeAllocating() throws {
        let x = Variable(try NDArray.zeros([1, 1, 4, 4]))
        #expect(throws: TensorError.self) { try conv2d(x, Variable(try NDArray.zeros([1, 1, 1, 1])), pad: Pair(1 << 40)) }
        #expect(throws: TensorError.self) { try im2col(x, kernel: Pair(1), stride: Pair(1), pad: Pair(1 << 30)) }
    }
}

@Suite struct ConvolutionLimitsTests {
    @Test func hugeDeconvolutionSizesAreErrors() throws {
        let x = Variable(try NDArray.zeros([1, 1, 3, 3]))
        let W = Variable(try NDArray.zeros([1, 1, 2, 2]))
        #expect(throws: TensorError.self) { try deconv2d(x, W, stride: Pair(Int.max / 2)) }
        #expect(throws: TensorError.self) { try deconv2d(x, W, pad: Pair(Int.max / 2)) }
        #expect(throws: TensorError.self) { try deconv2d(x, W, stride: Pair(1 << 40)) }
        #expect(throws: TensorError.self) { try deconv2d(x, W, outsize: Pair(7, 7)) }
    }
}

/// Empty batches and channels: shapes follow, gradients are empty, nothing divides by zero.
@Suite struct ConvolutionEmptyTests {
    @Test func anEmptyBatchConvolvesAndBackpropagates() throws {
        let x = Variable(try NDArray.zeros([0, 3, 5, 5]))
        let W = Variable(try NDArray.ones([2, 3, 3, 3])), b = Variable(try NDArray.ones([2]))
        let y = try conv2d(x, W, b)
        #expect(y.shape == [0, 2, 3, 3])
        try y.backward()
        #expect(x.grad?.shape == [0, 3, 5, 5])
        #expect(W.grad?.data.scalars.allSatisfy { $0 == 0 } == true)
        #expect(b.grad?.data.scalars == [0, 0])
        let p = try pooling(x, kernel: Pair(2))
        try p.backward()
        #expect(p.shape == [0, 3, 4, 4])
    }

    @Test func noChannelsIsAnErrorForBatchNorm() throws {
        let x = Variable(try NDArray.zeros([4, 0]))
        let e = Variable(try NDArray.zeros([0]))
        #expect(throws: TensorError.invalid(operation: "batch_norm", message: "x of shape (4, 0) has no channels to normalize")) {
            try batchNorm(x, e, e, mean: e, variance: e)
        }
    }
}
