import Testing
import DZAutodiff
@testable import DZLanguage

/// The builtins of DeZero's steps 52-60 as the language calls them: arguments (integers or
/// pairs), gradients through `gradcheck`, errors that name the function, the optimizer hooks
/// and truncated backpropagation.
@Suite struct ConvolutionBuiltinTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { return out + "error: \(d.message)" }
        return out
    }

    @Test func convolutionShapesWithIntegerAndPairArguments() {
        #expect(run("x = ones(2, 3, 7, 9); W = ones(4, 3, 3, 2); print(conv2d(x, W, stride=2, pad=1).shape); print(conv2d(x, W, none, (1, 2), (0, 1)).shape)")
                == "(2, 4, 4, 5)\n(2, 4, 5, 5)\n")
        #expect(run("print(deconv2d(ones(1, 2, 3, 3), ones(2, 1, 2, 2), stride=2).shape); print(deconv2d(ones(1, 2, 3, 3), ones(2, 1, 2, 2), stride=2, outsize=(7, 7)).shape)")
                == "(1, 1, 6, 6)\n(1, 1, 7, 7)\n")
        #expect(run("print(pooling(arange(16).reshape(1, 1, 4, 4), 2, 2))") == "[[[[ 5.  7.]\n   [13. 15.]]]]\n")
        #expect(run("print(average_pooling(arange(16).reshape(1, 1, 4, 4), 2, 2))") == "[[[[ 2.5  4.5]\n   [10.5 12.5]]]]\n")
        #expect(run("print(im2col(arange(9).reshape(1, 1, 3, 3), 3, 3))") == "[[0 1 2 3 4 5 6 7 8]]\n")
        #expect(run("print(col2im(ones(4, 4), (1, 1, 3, 3), 2))") == "[[[[1. 2. 1.]\n   [2. 4. 2.]\n   [1. 2. 1.]]]]\n")
    }

    @Test func gradcheckPassesThroughTheBuiltins() {
        let program = """
            seed(0)
            W = randn(2, 3, 3, 3); b = randn(2); X = randn(1, 3, 3, 3)
            def f1(x) = conv2d(x, W, b, stride=2, pad=1) ** 2
            def f2(W) = deconv2d(X, W, stride=2) ** 2
            def f3(x) = pooling(x, 2, 2) ** 2
            def f4(x) = average_pooling(x, 3, 1, 1) ** 2
            def f5(x) = batch_norm(x, ones(3), zeros(3), zeros(3), ones(3)) * arange(12).reshape(4, 3)
            def f6(x) = leaky_relu(x) ** 2
            def f7(W) = embed_id([1, 1, 0], W) ** 2
            print(gradcheck(f1, randn(2, 3, 5, 5)))
            print(gradcheck(f2, randn(3, 2, 3, 3)))
            print(gradcheck(f3, arange(32).reshape(1, 2, 4, 4) * 0.37 - 3.01))
            print(gradcheck(f4, randn(1, 2, 4, 4)))
            print(gradcheck(f5, randn(4, 3)))
            print(gradcheck(f6, randn(3, 4) + 0.1))
            print(gradcheck(f7, randn(3, 2)))
            """
        #expect(run(program) == String(repeating: "True\n", count: 7))
    }

    @Test func batchNormUpdatesTheRunningStatisticsOnlyInTraining() {
        let program = """
            m = zeros(2); v = ones(2)
            x = [[1, 2], [3, 6]]
            y = batch_norm(x, ones(2), zeros(2), m, v)
            print(m); print(v)
            test_mode { y = batch_norm(x, ones(2), zeros(2), m, v) }
            print(m)
            """
        // mean (2, 4) * 0.1; var: 0.9 + 0.1 * 2 / 1 * (1, 4).
        #expect(run(program) == "[0.2 0.4]\n[1.1 1.7]\n[0.2 0.4]\n")
    }

    @Test func badArgumentsNameTheFunction() {
        #expect(run("conv2d(ones(1, 2, 3, 3), ones(1, 3, 2, 2))")
                == "error: conv2d: x of shape (1, 2, 3, 3) has 2 channels but W of shape (1, 3, 2, 2) expects 3 (W is (out_channels, in_channels, KH, KW))")
        #expect(run("pooling(ones(1, 1, 3, 3), (1, 2, 3))")
                == "error: pooling(): argument 'kernel_size' must be an integer or a pair (height, width) of integers, got a tuple")
        #expect(run("conv2d(ones(3, 3), ones(1, 1, 2, 2))") == "error: conv2d: x must be 4-d (batch, channels, height, width), got shape (3, 3)")
        #expect(run("im2col(ones(1, 1, 3, 3), 2, 1.5)") == "error: im2col(): argument 'stride' must be an integer, got 1.5")
        #expect(run("batch_norm(ones(2, 3), ones(3), zeros(3), zeros(2), ones(3))")
                == "error: batch_norm: mean must have shape (3,), one per channel of x (2, 3), got (2,)")
        #expect(run("embed_id([3], ones(3, 2))") == "error: embed_id: id 3 is not a row of W (3, 2): ids must be integers from 0 to 2")
        #expect(run("SGD().add_hook(3)") == "error: SGD.add_hook(): argument 'f' must be a hook (WeightDecay, ClipGrad or FreezeParam), got 3")
    }

    @Test func hooksRunBeforeTheUpdate() {
        let program = """
            l = Linear(1, in_size=1, nobias=true)
            opt = SGD(0.5).setup(l)
            opt.add_hook(WeightDecay(0.1))
            backward(sum(l(zeros(1, 1))))
            w0 = l.W.data
            opt.update()
            print(sum(abs(l.W.data - w0 * 0.95)) < 1e-12)
            opt2 = SGD(0.5).setup(l); opt2.add_hook(FreezeParam(l))
            w1 = l.W.data
            backward(sum(l(ones(1, 1)) * 100))
            opt2.update()
            print(sum(abs(l.W.data - w1)) == 0)
            print(opt.hooks)
            """
        #expect(run(program) == "True\nTrue\n(WeightDecay(rate=0.1),)\n")
    }

    @Test func unchainCutsTheGraph() {
        #expect(run("x = 2.0; y = x * x; unchain(y); backward(y * 3); print(x.grad); print(y.grad)") == "none\n3.0\n")
        #expect(run("x = 2.0; h = x * x; y = h * 3; unchain_backward(y); backward(y); print(h.grad); print(x.grad)") == "3.0\nnone\n")
    }
}

/// `SeqDataLoader` walks the series as DeZero's: row `i` of batch `k` is sample
/// `(i * (n // batch_size) + k) % n`, `ceil(n / batch_size)` batches, no shuffling.
@Suite struct SeqDataLoaderTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { return out + "error: \(d.message)" }
        return out
    }

    @Test func batchesFollowDeZeroJumps() {
        #expect(run("loader = SeqDataLoader((arange(10), arange(10) + 100), 3); for x, t in loader { print(x, t) }; print(loader.max_iter)")
                == "[0 3 6] [100 103 106]\n[1 4 7] [101 104 107]\n[2 5 8] [102 105 108]\n[3 6 9] [103 106 109]\n4\n")
    }

    @Test func aSecondEpochStartsAgain() {
        #expect(run("loader = SeqDataLoader(arange(4), 2); for x in loader { print(x) }; for x in loader { print(x) }")
                == "[0 2]\n[1 3]\n[0 2]\n[1 3]\n")
    }

    @Test func sinCurveIsTheSineDataSetForIt() {
        #expect(run("seed(0); x, t = SinCurve(); seed(0); a, b = sin_curve(); print(sum(abs(x - a)) == 0, x.shape); loader = SeqDataLoader(SinCurve(), 30); print(loader.max_iter)")
                == "True (999, 1)\n34\n")
    }

    @Test func badDataSetsAreErrors() {
        #expect(run("SeqDataLoader((ones(3), ones(4)), 2)") == "error: SeqDataLoader(): x has 3 samples but t has shape (4,)")
        #expect(run("SeqDataLoader(ones(3), 5)") == "error: SeqDataLoader(): batch_size 5 is more than the 3 samples")
        #expect(run("SeqDataLoader(\"abc\", 2)") == "error: SeqDataLoader(): argument 'dataset' must be a tuple (x, t) of tensors or a tensor, got the string \"abc\"")
    }
}
