import Testing
import Glibc
import DZAutodiff
@testable import DZLanguage

/// The layer objects of steps 52-60 as the language uses them: lazily sized, drawn from the
/// session's generator, updated by optimizers, frozen by FreezeParam, reset.
@Suite struct EngineLayerObjectTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { return out + "error: \(d.message)" }
        return out
    }

    @Test func conv2dIsSizedAtTheFirstCall() {
        #expect(run("c = Conv2d(4, 3, pad=1); print(c.W); y = c(ones(2, 2, 5, 5)); print(y.shape, c.W.shape, c.b.shape)")
                == "none\n(2, 4, 5, 5) (4, 2, 3, 3) (4,)\n")
        #expect(run("c = Conv2d(4, (3, 2), in_channels=3); print(c.W.shape); print(Deconv2d(2, 3, stride=2)(ones(1, 4, 3, 3)).shape)")
                == "(4, 3, 3, 2)\n(1, 2, 7, 7)\n")
    }

    @Test func theFiltersAreDrawnFromTheSessionGeneratorAsDeZero() {
        // randn(4, 2, 3, 3) * sqrt(1 / 18) after seed(0): the first element is 1.764 / sqrt(18).
        #expect(run("seed(0); c = Conv2d(4, 3); y = c(ones(1, 2, 3, 3)); print(sum(abs(c.W[0, 0, 0, 0] - 1.764052345967664 / sqrt(18.0))) < 1e-12)")
                == "True\n")
    }

    @Test func anOptimizerUpdatesEngineLayersAndFreezeParamStopsIt() {
        let program = """
            seed(0); c = Conv2d(2, 3, pad=1); l = Linear(1)
            x = randn(1, 1, 4, 4)
            opt = SGD(0.1).setup((c, l)); opt.add_hook(FreezeParam(c))
            y = sum(l(reshape(c(x), (1, 32))))
            backward(y)
            w = c.W.data; v = l.W.data
            opt.update()
            print(sum(abs(c.W.data - w)) == 0, sum(abs(l.W.data - v)) > 0)
            opt2 = SGD(0.1).setup(c); c.cleargrads(); backward(sum(c(x))); opt2.update()
            print(sum(abs(c.W.data - w)) > 0)
            """
        #expect(run(program) == "True True\nTrue\n")
    }

    @Test func recurrentLayersKeepTheirStateUntilReset() {
        let program = """
            seed(0); rnn = RNN(3)
            x = ones(1, 2)
            h1 = rnn(x); h2 = rnn(x)
            print(sum(abs(h1 - h2)) > 0)
            rnn.reset_state(); h3 = rnn(x)
            print(sum(abs(h1 - h3)) == 0, rnn.h.shape)
            lstm = LSTM(2, in_size=2); a = lstm(x); lstm.reset_state(); b = lstm(x)
            print(sum(abs(a - b)) == 0, lstm.x2f.W.shape, len(lstm.params()))
            """
        #expect(run(program) == "True\nTrue (1, 3)\nTrue (2, 2) 12\n")
    }

    @Test func truncatedBackpropagationThroughTime() {
        // Two steps, unchain, two more: the gradient of the last loss reaches only the steps after the cut.
        let program = """
            def run(cut) {
                seed(0); rnn = RNN(2); x = ones(1, 1)
                h = rnn(x); h = rnn(x)
                if cut { unchain_backward(h) }
                h = rnn(x)
                backward(sum(h))
                return rnn.x2h.W.grad
            }
            full = run(false); cut = run(true)
            print(cut.shape, sum(abs(full - cut)) > 1e-6)
            """
        #expect(run(program) == "(1, 2) True\n")
    }

    @Test func badLayerArgumentsAreErrors() {
        #expect(run("Conv2d(0, 3)") == "error: Conv2d: out_channels must be positive, got 0")
        #expect(run("Conv2d(2, 3)(ones(3, 3))") == "error: Conv2d: the input must be 4-d (batch, channels, height, width), got shape (3, 3)")
        #expect(run("EmbedID(3, 2)([5])") == "error: embed_id: id 5 is not a row of W (3, 2): ids must be integers from 0 to 2")
        #expect(run("RNN(2)(ones(1, 2), 3)") == "error: RNN() takes 1 positional argument but 2 were given")
    }
}

/// save_weights / load_weights of the engine layers under DeZero's keys, and VGG16's shape.
@Suite struct EngineLayerWeightsTests {
    func run(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { return out + "error: \(d.message)" }
        return out
    }

    @Test func weightsRoundTripThroughAnNPZFile() {
        let path = "/tmp/dz-engine-layer-\(getpid()).npz"
        defer { unlink(path) }
        let program = """
            seed(0); a = LSTM(2); y = a(ones(1, 3)); a.save_weights("\(path)")
            seed(1); b = LSTM(2); b.load_weights("\(path)")
            print(sum(abs(b.x2f.W - a.x2f.W)) == 0, b.x2f.W.shape, sum(abs(b.h2u.W - a.h2u.W)) == 0)
            c = Conv2d(2, 3); c.save_weights("\(path)")
            """
        #expect(run(program) == "True (3, 2) True\nerror: save_weights(): W does not exist yet; call the Conv2d on an input first")
    }

    @Test func aFileWithoutAKeyChangesNothing() {
        let path = "/tmp/dz-engine-layer-missing-\(getpid()).npz"
        defer { unlink(path) }
        let program = """
            c = Conv2d(2, 3, in_channels=1); c.save_weights("\(path)")
            r = RNN(2, in_size=2); r.load_weights("\(path)")
            """
        #expect(run(program).hasPrefix("error: load_weights(): '\(path)' has no array 'x2h/W' (it has 'W', 'b')"))
    }

    @Test func vgg16IsBuiltAsDeZeroBuildsIt() {
        #expect(run("m = VGG16(); print(m.conv5_3.b.shape, m.fc8.out_size, len(m.params()))") == "(512,) 1000 16\n")
    }
}
