import Testing
@testable import DZLanguage

/// Classes of the language (spec section 7): definitions, instances, attributes, methods,
/// inheritance and `super()`, and the errors of each.
@Suite struct ClassTests {
    static let point = """
        class Point {
          def __init__(self, x, y) { self.x = x; self.y = y }
          def norm(self) = sqrt(self.x ** 2 + self.y ** 2)
          def scaled(self, k=2) = Point(self.x * k, self.y * k)
        }

        """

    @Test func instancesHoldAttributesInAssignmentOrderAndEchoInOneLine() {
        let r = run(Self.point + """
            p = Point(3.0, 4.0)
            p
            print(p.norm(), p.x, p.y)
            p.z = [1.0, 2.0]
            p.x = 6.0
            p
            print(p)
            p.scaled(k=0.5)
            """)
        #expect(r.error == nil)
        #expect(r.output == """
            Point(x=3.0, y=4.0)
            5.0 3.0 4.0
            Point(x=6.0, y=4.0, z=tensor (2,))
            Point(x=6.0, y=4.0, z=tensor (2,))
            Point(x=3.0, y=2.0)

            """)
    }

    @Test func boundMethodsKeepTheirObject() {
        let r = run(Self.point + """
            p = Point(3.0, 4.0)
            m = p.norm
            p.x = 0.0
            print(m())
            f = Point.norm
            print(f(Point(6.0, 8.0)))
            """)
        #expect(r.error == nil)
        #expect(r.output == "4.0\n10.0\n")
    }

    @Test func compoundAssignmentOnAnAttributeEvaluatesTheObjectOnce() {
        let r = run("""
            class Counter { def __init__(self) { self.n = 0 }; def tick(self) { self.n += 1; return self } }
            c = Counter()
            c.tick().tick().tick().n
            """)
        #expect(r.error == nil)
        #expect(r.output == "3\n")
    }

    @Test func inheritanceOverridesAndSuperCallsTheBase() {
        let r = run("""
            class A {
              def __init__(self, v) { self.v = v }
              def who(self) = "A"
              def twice(self) = self.v * 2
            }
            class B(A) {
              def __init__(self, v) { super().__init__(v + 1); self.w = 0 }
              def who(self) = "B after " + super().who()
            }
            b = B(1)
            print(b.who(), b.twice(), b.v)
            b
            """)
        #expect(r.error == nil)
        #expect(r.output == "B after A 4 2\nB(v=2, w=0)\n")
    }

    @Test func classesAreValuesWithHelp() {
        let r = run(Self.point + "Point\nhelp(Point)\nclass Q(Point) { def extra(self) = 1 }\nhelp(Q)")
        #expect(r.error == nil)
        #expect(r.output == """
            class Point: methods __init__, norm, scaled
            class Point
              Point.__init__(self, x, y)
              Point.norm(self)
              Point.scaled(self, k=…)
            class Q(Point)
              Q.extra(self)
              Point.__init__(self, x, y)   (from Point)
              Point.norm(self)   (from Point)
              Point.scaled(self, k=…)   (from Point)

            """)
    }

    @Test func aRedefinedClassLeavesOldInstancesWorking() {
        let r = run("""
            class P { def who(self) = "old" }
            p = P()
            class P { def who(self) = "new" }
            print(p.who(), P().who())
            """)
        #expect(r.error == nil)
        #expect(r.output == "old new\n")
    }

    @Test func classesInsideFunctionsAreLocal() {
        let r = run("""
            def make() {
              class Box { def __init__(self, v) { self.v = v } }
              return Box(7)
            }
            make().v
            """)
        #expect(r.error == nil)
        #expect(r.output == "7\n")
    }

    @Test(arguments: [
        ("class A { def f(x) = x }", "1:17: method 'f' of class 'A' must take 'self' as its first parameter, e.g. def f(self, ...)"),
        ("class A { def f() = 1 }", "1:15: method 'f' of class 'A' must take 'self' as its first parameter, e.g. def f(self, ...)"),
        ("class A { x = 1 }", "1:11: a class body holds only method definitions ('def'), found 'x' in class 'A'"),
        ("class { }", "1:7: expected a class name after 'class'"),
        ("class A(B { }", "1:11: expected ')' to close '(' at 1:8"),
    ])
    func syntaxErrors(source: String, expected: String) {
        #expect(syntaxError(source) == expected)
    }

    @Test func deZerosMLPLineForLineWithSetattr() {
        // DeZero step 45's MLP: layers named with setattr, also kept in a tuple.
        let r = run("""
            class MyMLP(Model) {
              def __init__(self, sizes, activation=sigmoid) {
                super().__init__()
                self.activation = activation
                self.layers = ()
                i = 0
                for n in sizes {
                  layer = Linear(n)
                  setattr(self, "l" + format(i, "d"), layer)
                  self.layers = self.layers + (layer,)
                  i += 1
                }
              }
              def forward(self, x) {
                for l in self.layers[:-1] { x = self.activation(l(x)) }
                return self.layers[-1](x)
              }
            }
            seed(0); m = MyMLP((10, 1)); y = m(ones(2, 3))
            seed(0); b = MLP((10, 1)); z = b(ones(2, 3))
            print(m, y == z)
            print(isinstance(m, Model), isinstance(m, (Function, Layer)), isinstance(b, Layer), isinstance(m, Function))
            print(hasattr(m, "l1"), hasattr(m, "l2"), getattr(m, "l2", "none here"), getattr(m, "l0").out_size)
            """)
        #expect(r.error == nil)
        #expect(r.output == """
            MyMLP: l0.W (3, 10), l0.b (10,), l1.W (10, 1), l1.b (1,); 51 parameters [[ True]
             [ True]]
            True True True False
            True False none here 10

            """)
    }

    @Test func earlyDeZeroStepsReadSelfInputAndOutput() {
        let r = run("""
            class Square(Function) {
              def forward(self, x) = x ** 2
              def backward(self, gy) = 2 * self.input.data * gy
            }
            class Exp(Function) {
              def forward(self, x) = exp(x)
              def backward(self, gy) = self.output * gy
            }
            x = 0.5
            y = Square()(Exp()(Square()(x)))
            backward(y)
            x.grad
            """)
        #expect(r.error == nil)
        #expect(r.output == "3.297442541400256\n")
    }

    @Test(arguments: [
        ("class P { def __init__(self) { self.a = 1 } }\np = P()\np.b",
         "3:3: a P has no attribute 'b' (it has attributes a; an attribute exists once 'self.b = ...' has run)"),
        ("class P { def __init__(self) { self.alpha = 1 } }\nP().alpah", "2:5: a P has no attribute 'alpah'; did you mean 'alpha'?"),
        ("class P { def m(self) = self.v }\nP().m()", "1:30: a P has no attribute 'v' (it has no attributes yet; an attribute exists once 'self.v = ...' has run)"),
        ("class A(Nope) { }", "1:9: undefined name 'Nope'"),
        ("class A(Linear) { }", "1:9: the base of class 'A' must be a class (Function, Layer, Model or a class defined with 'class'), got a function; Linear is a builtin layer: hold one as an attribute instead (self.l = Linear(...))"),
        ("class A(3) { }", "1:9: the base of class 'A' must be a class (Function, Layer, Model or a class defined with 'class'), got 3"),
        ("x = ones(2)\nx.grad = none", "2:1: cannot set 'grad' of a tensor: tensors are immutable; to forget a gradient use x.cleargrad()"),
        ("x = ones(2)\nx.data = zeros(2)", "2:1: cannot set 'data' of a tensor: tensors are immutable; compute a new tensor, or let an optimizer update a parameter"),
        ("l = Linear(2)\nl.W = ones(2, 2)", "2:1: cannot set 'W' of a Linear: the attributes of builtin objects are read-only"),
        ("t = (1, 2)\nt.x = 1", "2:1: cannot set 'x' of a tuple: only objects of user classes take attributes"),
        ("class P { }\nP.x = 1", "2:1: cannot set 'x' on the class P: set attributes on an instance (self.x = ... in a method)"),
        ("class P { }\nP(1)", "2:1: P() takes no arguments (the class has no __init__)"),
        ("class P { def __init__(self, a) { self.a = a } }\nP()", "2:1: P.__init__() missing required argument 'a'"),
        ("class P { def __init__(self) = 3 }\nP()", "1:32: P.__init__() must return none, got 3"),
        ("class P { def m(self) = 1 }\nP().m(2)", "2:1: P.m() takes 1 positional argument but 2 were given"),
        ("class R { def __init__(self) { self.r = R() } }\nR()", "1:41: maximum recursion depth (1000) exceeded in 'R.__init__'"),
        ("super()", "1:1: super() works only inside a method of a class"),
        ("class B { }\nsetattr(B(), \"not a name\", 1)", "2:1: setattr(): an attribute name is an identifier, got \"not a name\""),
        ("setattr(ones(2), \"grad\", 1)", "1:1: cannot set 'grad' of a tensor: tensors are immutable; to forget a gradient use x.cleargrad()"),
        ("isinstance(1, 2)", "1:1: isinstance(): argument 'cls' must be a class or a tuple of classes, got 2"),
        ("class P { }\np = P()\np()", "3:1: a P is not a function and cannot be called"),
    ])
    func runtimeErrors(source: String, expected: String) {
        #expect(run(source).error == expected)
    }
}
