import Foundation
import Testing
import DZTensor
@testable import DZLanguage

/// User layers and models (`class TwoLayerNet(Model)`): parameters and sub-layers found
/// from attributes in assignment order, labelled by path, trained, saved and loaded as
/// DeZero's.
@Suite struct UserModelTests {
    static let twoLayerNet = """
        class TwoLayerNet(Model) {
          def __init__(self, hidden_size, out_size) {
            super().__init__()
            self.l1 = Linear(hidden_size)
            self.l2 = Linear(out_size)
          }
          def forward(self, x) = self.l2(sigmoid(self.l1(x)))
        }

        """

    static func training(_ model: String) -> String {
        """
        seed(0)
        no_grad { x = rand(100, 1); y = sin(2 * pi * x) + rand(100, 1) }
        model = \(model)
        opt = SGD(0.2).setup(model)
        for i in range(200) {
          loss = mean_squared_error(y, model(x))
          model.cleargrads()
          backward(loss)
          opt.update()
          if i % 50 == 0 { print(loss) }
        }
        """
    }

    @Test func aUserModelTrainsExactlyAsTheBuiltinMLP() {
        let user = run(Self.twoLayerNet + Self.training("TwoLayerNet(10, 1)"))
        let builtin = run(Self.training("MLP((10, 1))"))
        #expect(user.error == nil)
        #expect(user.output.split(separator: "\n").count == 4)
        #expect(user.output == builtin.output)
    }

    @Test func parametersAreFoundInAssignmentOrderAndLabelledByPath() {
        let r = run(Self.twoLayerNet + """
            model = TwoLayerNet(3, 2)
            model
            y = model(ones(4, 5))
            model
            for p in model.params() { print(p.name, p.shape) }
            len(params(model))
            """)
        #expect(r.error == nil)
        #expect(r.output == """
            TwoLayerNet: l1.W (?, 3), l1.b (3,), l2.W (?, 2), l2.b (2,); 5 parameters (W is created at the first call)
            TwoLayerNet: l1.W (5, 3), l1.b (3,), l2.W (3, 2), l2.b (2,); 26 parameters
            l1.W (5, 3)
            l1.b (3,)
            l2.W (3, 2)
            l2.b (2,)
            4

            """)
    }

    @Test func nestedLayersParametersAndBuiltinMLPsShareOneModel() {
        let r = run("""
            class Affine(Layer) {
              def __init__(self, n) { self.W = Parameter(ones(n, n)); self.b = Parameter(zeros(n), name="bias"); self.note = 3 }
              def forward(self, x) = x @ self.W + self.b
            }
            class Stack(Model) {
              def __init__(self) { self.a = Affine(2); self.m = MLP((3, 2)) }
              def forward(self, x) = self.m(self.a(x))
            }
            s = Stack()
            y = s(ones(1, 2))
            s
            for p in s.params() { print(p.name) }
            explain(y)
            """)
        #expect(r.error == nil)
        #expect(r.output.hasPrefix("""
            Stack: a.W (2, 2), a.b (2,), m.l0.W (2, 3), m.l0.b (3,), m.l1.W (3, 2), m.l1.b (2,); 23 parameters
            a.W
            a.b
            m.l0.W
            m.l0.b
            m.l1.W
            m.l1.b

            """))
        #expect(r.output.contains("leaves: m.l1.b gets gm.l1.b (2,)"))
    }

    @Test func anOptimizerUpdatesAUsersParameters() {
        let r = run("""
            class Scale(Layer) {
              def __init__(self) { self.k = Parameter(2.0) }
              def forward(self, x) = x * self.k
            }
            s = Scale()
            opt = SGD(0.5).setup(s)
            backward(s(3.0))
            opt.update()
            print(s.k, s.k.grad)
            s.cleargrads()
            print(s.k.grad)
            """)
        #expect(r.error == nil)
        #expect(r.output == "0.5 3.0\nnone\n")
    }

    @Test func weightsAreSavedUnderDeZerosKeysAndLoadBack() throws {
        let path = temporaryPath(".npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run(Self.twoLayerNet + """
            seed(1)
            model = TwoLayerNet(3, 2)
            x = randn(4, 5)
            y = model(x)
            model.save_weights("\(path)")
            other = TwoLayerNet(3, 2)
            other.load_weights("\(path)")
            print(max(abs(other(x) - y)))
            """)
        #expect(r.error == nil)
        #expect(r.output == "0.0\n")
        let keys = try NPZ.read(contentsOf: path, operation: "test").map(\.name)
        #expect(keys == ["l1/W", "l1/b", "l2/W", "l2/b"])
    }

    @Test func aFailedLoadChangesNothing() throws {
        let path = temporaryPath(".npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run("""
            class Two(Model) {
              def __init__(self) { self.a = Parameter(ones(2)); self.b = Parameter(ones(3)) }
              def forward(self, x) = x
            }
            class Other(Model) {
              def __init__(self) { self.a = Parameter(zeros(2)); self.b = Parameter(zeros(4)) }
              def forward(self, x) = x
            }
            Two().save_weights("\(path)")
            o = Other()
            o.load_weights("\(path)")
            """)
        #expect(r.error == "11:1: load_weights(): '\(path)': b: an array of shape (3,) does not fit the parameter of shape (4,)")
        let after = run("""
            class Other(Model) {
              def __init__(self) { self.a = Parameter(zeros(2)); self.b = Parameter(zeros(4)) }
              def forward(self, x) = x
            }
            o = Other()
            """)
        #expect(after.error == nil)
    }

    @Test func plotWritesTheGraphOfTheModelsOutput() throws {
        let path = temporaryPath(".dot")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run(Self.twoLayerNet + "m = TwoLayerNet(3, 1)\nm.plot(ones(2, 4), \"\(path)\")")
        #expect(r.error == nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("digraph"))
        #expect(text.contains("l1.W"))
        #expect(text.contains("Sigmoid"))
    }

    @Test func plotWithoutAFileDrawsWhereYouAre() {
        let r = run(Self.twoLayerNet + "m = TwoLayerNet(3, 1)\nm.plot(ones(2, 4))")
        #expect(r.error == nil)
        #expect(r.output.hasPrefix("[1] "))
        #expect(r.output.contains("l2.W (3, 1)"))
        #expect(r.output.contains("= Sigmoid"))
    }

    @Test func aUserModelHoldsConvolutionsBatchNormAndRecurrentLayers() throws {
        let path = temporaryPath(".npz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run("""
            class CNN(Model) {
              def __init__(self) { self.conv1 = Conv2d(4, kernel_size=3, pad=1); self.bn = BatchNorm(); self.fc = Linear(3) }
              def forward(self, x) = self.fc(reshape(pooling(relu(self.bn(self.conv1(x))), 2, 2), (len(x), -1)))
            }
            seed(0); m = CNN(); x = randn(2, 1, 6, 6)
            m
            y = m(x)
            m
            opt = SGD(0.1).setup(m)
            m.cleargrads(); backward(sum(y * y)); opt.update()
            print(m.conv1.W.name, m.fc.W.name, len(m.params()))
            m.save_weights("\(path)")
            m2 = CNN(); y2 = m2(x); m2.load_weights("\(path)")
            print(max(abs(m2(x) - m(x))))
            class Seq(Model) { def __init__(self) { self.rnn = LSTM(3); self.fc = Linear(1) }; def forward(self, x) = self.fc(self.rnn(x)) }
            s = Seq(); h = s(ones(1, 2))
            print(s.params()[0].name, len(s.params()))
            """)
        #expect(r.error == nil)
        #expect(r.output.hasPrefix("""
            CNN: conv1.W (?), conv1.b (4,), bn.avg_mean (?), bn.avg_var (?), bn.gamma (?), bn.beta (?), fc.W (?, 3), fc.b (3,); 7 parameters (W is created at the first call)
            CNN: conv1.W (4, 1, 3, 3), conv1.b (4,), bn.avg_mean (4,), bn.avg_var (4,), bn.gamma (4,), bn.beta (4,), fc.W (36, 3), fc.b (3,); 167 parameters
            conv1.W fc.W 8
            0.0

            """))
        #expect(r.output.hasSuffix("rnn.x2f.W 14\n"))
        let keys = try NPZ.read(contentsOf: path, operation: "test").map(\.name)
        #expect(keys == ["conv1/W", "conv1/b", "bn/avg_mean", "bn/avg_var", "bn/gamma", "bn/beta", "fc/W", "fc/b"])
    }

    @Test func aLayerThatHoldsItselfIsListedOnce() {
        let r = run("""
            class Loop(Layer) {
              def __init__(self) { self.p = Parameter(ones(2)); self.me = self }
              def forward(self, x) = x * self.p
            }
            l = Loop()
            print(len(l.params()))
            l
            """)
        #expect(r.error == nil)
        #expect(r.output == "1\nLoop: p (2,); 2 parameters\n")
    }

    @Test(arguments: [
        ("class L(Layer) { }\nL()(1.0)", "2:1: L has no forward method; a Layer defines forward(self, x)"),
        ("class M(Model) { def forward(self, x) = x }\nm = M()\nm.plot(1.0, \"/nonexistent-dir/m.dot\")", "3:1: M.plot(): "),
        ("Parameter(ones(2), name=3)", "1:1: Parameter(): argument 'name' must be a string or none, got 3"),
        ("class M(Model) { def forward(self, x) = x }\nSGD().setup(M()).update()", nil),
    ] as [(String, String?)])
    func layerErrors(source: String, expected: String?) {
        let error = run(source).error
        if let expected { #expect(error?.hasPrefix(expected) == true, "\(error ?? "no error")") } else { #expect(error == nil) }
    }
}
