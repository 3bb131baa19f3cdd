import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DZLanguage

/// A path in the temporary directory, unique per call.
func temporaryPath(_ suffix: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("dz-test-\(UUID().uuidString)\(suffix)").path
}

/// Objects: layers, models, optimizers; their summaries, attributes and methods.
@Suite struct ModelTests {
    @Test func summaries() {
        #expect(run("Linear(3, in_size=2)").output == "Linear(out_size=3): W (2, 3), b (3,); 9 parameters\n")
        #expect(run("Linear(3, nobias=true)").output
                == "Linear(out_size=3, nobias=true): W (?, 3); 0 parameters (W is created at the first call)\n")
        #expect(run("m = MLP((4, 2)); y = m(ones(5, 3)); m").output
                == "MLP((4, 2), activation=sigmoid): l0.W (3, 4), l0.b (4,), l1.W (4, 2), l1.b (2,); 26 parameters\n")
        #expect(run("MLP([10, 1], activation=relu)").output.hasPrefix("MLP((10, 1), activation=relu): l0.W (?, 10)"))
        #expect(run("SGD()").output == "SGD(lr=0.01): no target yet (call setup(model))\n")
        #expect(run("Adam(alpha=0.1).setup(Linear(2, in_size=2))").output
                == "Adam(alpha=0.1, beta1=0.9, beta2=0.999, eps=1e-08): updates Linear (6 parameters)\n")
    }

    @Test func attributesAndMethods() {
        let r = run("""
            m = MLP((4, 2)); x = ones(5, 3)
            print(m.l0.W, m.l1.in_size)
            y = m(x)
            print(m.l0.W.shape, m.l1.b.shape, m.l1.in_size, len(m.layers), len(params(m)), len(m.params()))
            print(m.activation)
            f = m.cleargrads
            f()
            """)
        #expect(r.error == nil)
        #expect(r.output == "none none\n(3, 4) (2,) 4 2 4 4\n<function sigmoid(x)>\n")
    }

    @Test func updatesKeepParameterIdentity() {
        let r = run("""
            m = MLP((4, 2)); x = ones(5, 3)
            y = m(x); W = m.l0.W; W0 = W.data
            opt = SGD(0.5).setup(m)
            m.cleargrads(); backward(sum(m(x))); opt.update()
            print(sum(abs(W - m.l0.W)), sum(abs(W0 - W)) > 0, W.grad.shape)
            m.cleargrads()
            print(W.grad)
            """)
        #expect(r.error == nil)
        #expect(r.output == "0.0 True (3, 4)\nnone\n")
    }

    @Test func weightsAreDrawnLikeDeZero() {
        // np.random.seed(0); W = np.random.randn(3, 2) * np.sqrt(1 / 3): W[0, 0]
        let r = run("seed(0); l = Linear(2); y = l(ones(1, 3)); print(l.W[0, 0], l.W[2, 1])")
        #expect(r.output == "\(1.764052345967664 * (1.0 / 3.0).squareRoot()) \(-0.977277879876411 * (1.0 / 3.0).squareRoot())\n")
    }

    @Test func attributeNamesForCompletion() {
        let interpreter = Interpreter(output: { _ in })
        _ = interpreter.run(SourceFile(name: "<test>", text: "m = MLP((2, 1)); opt = SGD()"))
        let names = interpreter.objectAttributeNames
        for n in ["l0", "l1", "layers", "cleargrads", "W", "b", "in_size", "lr", "setup", "update"] {
            #expect(names.contains(n), "\(n)")
        }
    }

    @Test func optimizerAttributes() {
        let r = run("""
            l = Linear(1, in_size=1); opt = Adam(alpha=0.1).setup(l)
            backward(sum(l(ones(1, 1)))); opt.update()
            print(opt.t, opt.alpha, opt.lr)
            """)
        // lr at t = 1: 0.1 * sqrt(1 - 0.999) / (1 - 0.9)
        #expect(r.output == "1 0.1 0.03162277660168381\n")
        #expect(run("opt = SGD(); o = opt.setup((Linear(2), Linear(3))); opt").output
                == "SGD(lr=0.01): updates Linear, Linear (5 parameters)\n")
    }

    @Test func errorsNameTheObject() {
        #expect(run("MLP((2, 1)).l2").error == "1:13: a MLP has no attribute 'l2'")
        #expect(run("MLP((2, 1)).cleargrad()").error == "1:13: a MLP has no attribute 'cleargrad'; did you mean 'cleargrads'?")
        #expect(run("SGD().update()").error == "1:1: SGD.update(): no target; call setup(model) first")
        #expect(run("SGD().setup(3)").error == "1:1: SGD.setup(): argument 'target' must be a layer, a model or a tuple of them, got 3")
        #expect(run("Linear(2)(ones(2), ones(2))").error == "1:1: Linear() takes 1 positional argument but 2 were given")
        #expect(run("MLP(\"a\")").error == "1:1: MLP(): argument 'sizes' must be a tuple or list of layer sizes, got the string \"a\"")
        #expect(run("MLP((2, 1), activation=3)").error == "1:1: MLP(): argument 'activation' must be a function, got 3")
        #expect(run("params(3)").error == "1:1: params(): argument 'model' must be a layer or a model, got 3")
        #expect(run("def bad(x) = (x, x)\nMLP((2, 1), activation=bad)(ones(1, 1))").error
                == "2:1: MLP: the activation bad returned a tuple, not a tensor")
        #expect(run("save_weights(MLP((2, 1)), \"/tmp/x.npz\")").error
                == "1:1: save_weights(): l0/W does not exist yet; call the MLP on an input first")
    }

    @Test func saveAndLoadWeights() {
        let path = temporaryPath(".npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run("""
            x = rand(4, 3)
            a = MLP((5, 2)); ya = a(x)
            save_weights(a, "\(path)")
            b = MLP((5, 2))
            load_weights(b, "\(path)")
            b
            print(sum(abs(b(x) - ya)))
            c = MLP((5, 3))
            load_weights(c, "\(path)")
            """)
        #expect(r.output == "MLP((5, 2), activation=sigmoid): l0.W (3, 5), l0.b (5,), l1.W (5, 2), l1.b (2,); 32 parameters\n0.0\n")
        #expect(r.error == "9:1: load_weights(): '\(path)': l1/W: W of shape (5, 2) does not fit a layer with W of shape (?, 3)")
        #expect(run("load_weights(Linear(2), \"\(path)\")").error?.contains("has no array 'W' (it has 'l0/W', 'l0/b', 'l1/W', 'l1/b')") == true)
        let m = run("l = Linear(2, in_size=2); l.save_weights(\"\(path)\"); k = Linear(2); k.load_weights(\"\(path)\"); print(sum(abs(k.W - l.W)))")
        #expect(m.output == "0.0\n")
    }
}

/// Data sets, permutations, loaders: numpy's and DeZero's numbers (values from DeZero
/// 0.0.13 on numpy 2.4 printed with repr).
@Suite struct DataTests {
    @Test func spiralIsDeZerosAndReseedsTheGenerator() {
        let r = run("x, t = spiral(); print(x.shape, t.shape); print(x[0, 0], x[0, 1], x[1, 0], x[1, 1]); print(t[:8]); print(randn(2))")
        #expect(r.output == """
            (300, 2) (300,)
            -0.1398138850927353 -0.007216573692858219 0.37049391865730286 0.5820947289466858
            [1 1 2 0 1 2 0 0]
            [0.24333422 1.04830178]

            """)
        let test = run("x, t = spiral(train=false); print(x[0, 0], x[0, 1]); print(t[:8])")
        #expect(test.output == "0.13246452808380127 0.13620993494987488\n[0 1 0 1 2 2 1 2]\n")
    }

    @Test func sinCurve() {
        let r = run("seed(0); x, t = sin_curve(); print(x.shape, x[0, 0], x[1, 0], t[0, 0])")
        #expect(r.output == "(999, 1) 0.004881350392732478 0.027808369953309695 0.027808369953309695\n")
        #expect(run("x, t = sin_curve(train=false); print(x[0, 0], x[2, 0])").output == "1.0 0.9999208860571255\n")
    }

    @Test func permutationAndFancyIndexing() {
        #expect(run("seed(0); permutation(10)").output == "[2 8 4 9 1 6 7 3 0 5]\n")
        #expect(run("seed(0); x = arange(10) * 10; x[permutation(10)]").output == "[20 80 40 90 10 60 70 30  0 50]\n")
        #expect(run("x = reshape(arange(6), 3, 2); x[[2, 0]]").output == "[[4 5]\n [0 1]]\n")
    }

    @Test func dataLoaderFollowsDeZero() {
        // DeZero: np.random.seed(0); DataLoader(10 items, 4): permutation at construction
        // and after each epoch; 3 batches, the last of 2.
        let r = run("""
            seed(0)
            loader = DataLoader(arange(10) * 10, arange(10), 4)
            loader
            for epoch in range(2) { for bx, bt in loader { print(bx, bt) } }
            """)
        #expect(r.error == nil)
        #expect(r.output == """
            DataLoader(10 samples, batch_size=4, shuffle=true): 3 batches per epoch
            [20 80 40 90] [2 8 4 9]
            [10 60 70 30] [1 6 7 3]
            [ 0 50] [0 5]
            [30 50 10 20] [3 5 1 2]
            [90 80  0 60] [9 8 0 6]
            [70 40] [7 4]

            """)
    }

    @Test func dataLoaderWithoutShuffleOrLabels() {
        let r = run("""
            loader = DataLoader(reshape(arange(6), 3, 2), none, 2, shuffle=false)
            for b in loader { print(b.shape) }
            for b in loader { break }
            print(loader.iteration)
            for b in loader { print(b) }
            """)
        #expect(r.output == "(2, 2)\n(1, 2)\n1\n[[4 5]]\n")
        #expect(run("DataLoader(ones(3), ones(4), 2)").error == "1:1: DataLoader(): x has 3 rows but t has shape (4,)")
        #expect(run("DataLoader(ones(3), ones(3), 0)").error == "1:1: DataLoader(): batch_size must be positive, got 0")
    }

    @Test func testModeSwitchesDropoutOffInAModel() {
        let r = run("""
            def act(x) = dropout(sigmoid(x))
            m = MLP((50, 1), activation=act)
            x = ones(4, 3)
            test_mode { a = m(x); b = m(x) }
            c = m(x); d = m(x)
            print(sum(abs(a - b)), sum(abs(c - d)) > 0)
            """)
        #expect(r.error == nil)
        #expect(r.output == "0.0 True\n")
    }

    @Test func accuracyMatchesDeZero() {
        // pred = y.argmax(axis=1) = [1, 0, 2]; (pred == t).mean() = 2/3
        #expect(run("accuracy([[0.1, 0.9, 0], [0.8, 0.1, 0.1], [0, 0, 1]], [1, 0, 0])").output == "0.6666666666666666\n")
    }
}

/// progress(), set_progress() and plot().
@Suite struct ProgressAndPlotTests {
    @Test func plainProgressLines() {
        let r = run("for i in progress(range(20)) { set_progress(i) }")
        let expected = (1...10).map { k in "[\(k * 10 < 100 ? " " : "")\(k * 10)%] \(2 * k)/20 loss \(2 * k - 1)" }
        #expect(r.output == expected.joined(separator: "\n") + "\n")
        #expect(run("for x in progress((1, 2, 3), label=\"fit\") { }").output == "fit [ 33%] 1/3\nfit [ 66%] 2/3\nfit [100%] 3/3\n")
        #expect(run("for i in progress(range(10)) { if i == 4 { break } }\nset_progress(1)").output
                == "[ 10%] 1/10\n[ 20%] 2/10\n[ 30%] 3/10\n[ 40%] 4/10\n")
        #expect(run("set_progress(2)").error == nil)
        #expect(run("progress(3)").error == "1:1: progress(): argument 'iterable' must be something a for loop can iterate over, got 3")
    }

    @Test func progressOverALoaderAndNestedLoops() {
        let r = run("""
            loader = DataLoader(ones(4), ones(4), 2, shuffle=false)
            for e in progress(range(2), label="epochs") {
              for b in progress(loader, label="batches") { set_progress(e, name="epoch") }
              set_progress(e * 10)
            }
            """)
        #expect(r.output == """
            batches [ 50%] 1/2 epoch 0
            batches [100%] 2/2 epoch 0
            epochs [ 50%] 1/2 loss 0
            batches [ 50%] 1/2 epoch 1
            batches [100%] 2/2 epoch 1
            epochs [100%] 2/2 loss 10

            """)
    }

    @Test func terminalBar() {
        var output = ""
        let interpreter = Interpreter(output: { output += $0 })
        interpreter.isTerminal = true
        _ = interpreter.run(SourceFile(name: "<test>", text: "for i in progress(range(8)) { set_progress(0.5) }"))
        #expect(output.hasPrefix("\r\u{1B}[K  0% |"))
        #expect(output.contains("100% |████████████████████████| 8/8 [00:00"))
        #expect(output.contains("it/s] loss 0.5"))
        #expect(output.hasSuffix("\n"))
        #expect(output.filter { $0 == "\n" }.count == 1)

        // Other output clears the bar's line first; the bar is redrawn below it.
        output = ""
        _ = interpreter.run(SourceFile(name: "<test>", text: "for i in progress(range(3)) { print(\"step\", i) }\nprint(\"after\")"))
        #expect(output.contains("| 0/3 [00:00]\r\u{1B}[Kstep 0\n\r\u{1B}[K 33% |"))
        #expect(output.contains("100% |████████████████████████| 3/3 [00:00"))
        #expect(output.hasSuffix("it/s]\nafter\n"))
    }

    @Test func textChart() {
        let r = run("plot((3, 1, 2))")
        let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 15)
        #expect(lines[0].hasPrefix("3 ┤"))
        #expect(lines[11].hasPrefix("1 ┤"))
        #expect(lines[12] == "  └" + String(repeating: "─", count: 60))
        #expect(lines[13].hasPrefix("   0") && lines[13].hasSuffix("2"))
        #expect(lines[13].count == 63)
        // Every chart cell is a braille character (or blank braille).
        #expect(lines[0].dropFirst(3).unicodeScalars.allSatisfy { (0x2800...0x28FF).contains($0.value) })
        #expect(run("plot(arange(5), [1, 2, nan, 4, 5], title=\"t\")").output.hasPrefix("t\n5 ┤"))
        #expect(run("plot((nan, inf))").output == "(nothing to plot: no finite values)\n")
        #expect(run("plot((1, 2), (1, 2, 3))").error == "1:1: plot(): x has 2 values but y has 3")
        #expect(run("plot((1, 2), file=\"a.png\")").error == "1:1: plot(): the file must end in .svg, got \"a.png\"")
    }

    @Test func svgIsWellFormedXML() throws {
        let path = temporaryPath(".svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run("plot(linspace(0, 1, 50), exp(-linspace(0, 1, 50)), file=\"\(path)\", title=\"loss <&>\")")
        #expect(r.output == "")
        #expect(r.error == nil)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [String] = []
            var texts: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) { elements.append(name) }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { texts.append(string) }
            }
        }
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.elements.first == "svg")
        #expect(collector.elements.contains("polyline"))
        #expect(collector.texts.joined().contains("loss <&>"))
        #expect(collector.texts.contains("0.367879"))
    }
}
