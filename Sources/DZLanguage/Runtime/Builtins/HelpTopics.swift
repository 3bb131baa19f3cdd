// The help that is not about one builtin: what each keyword does (`:help for`,
// `help("no_grad")`) and the overview `help()` prints with no argument.

/// Help for the keywords and the overview of the language, for `help()` and `:help`.
public enum HelpTopics {
    /// The help of a keyword: its forms and what it does, with an example.
    public static func keyword(_ name: String) -> String? {
        keywords[name].map { "\(name): \($0)" }
    }

    /// The keywords that have a help text (every keyword of the language).
    public static var keywordNames: [String] { keywords.keys.sorted() }

    static let keywords: [String: String] = [
        "def": """
            defines a function
              def f(x) = x ** 2 + 1                  one line: the expression is the result
              def g(x, y=2) { z = x * y; return sum(z) }
              names assigned in the body are local to it; defaults are evaluated once, when the
              def runs; `return a, b` returns a tuple. See also: return, class
            """,
        "return": """
            ends a function and gives its result
              def f(x) { if x > 0 { return x } ; return -x }
              `return` alone gives none, `return a, b` a tuple; outside a function it is a syntax error
            """,
        "class": """
            defines a class: methods take self first, as in Python
              class Point { def __init__(self, x, y) { self.x = x; self.y = y } }
              class Square(Function) {                a differentiable function with its own rule
                def forward(self, x) = x ** 2
                def backward(self, gy) = 2 * self.inputs[0] * gy
              }
              class Net(Model) { def __init__(self) { super().__init__(); self.l1 = Linear(10) }
                                 def forward(self, x) = self.l1(x) }
              builtin bases: Function (forward/backward), Layer, Model (parameters and layers
              assigned to self are part of it); Point(1, 2) makes an object and runs __init__;
              super().m(...) calls the base's method. See :help Function, :help Model
            """,
        "if": """
            runs a block when a condition holds
              if a > 0 { print("positive") } else if a < 0 { print("negative") } else { print("zero") }
              the condition is a bool or a one-element tensor (nonzero is true); `else` goes on the
              same line as the `}` before it
            """,
        "else": """
            the other branch of an if
              if x > 0 { y = x } else { y = -x }
              if a { ... } else if b { ... } else { ... }      (`else if`, not `elif`)
              `else` must be on the same line as the `}` that ends the branch before it
            """,
        "for": """
            repeats a block for each item of a sequence
              for i in range(3) { print(i) }          0, 1, 2 (range(start, stop, step) as Python's)
              for x in (1, 2, 3) { ... }              a tuple's items
              for row in ones(3, 2) { ... }           a tensor's first axis
              for x, t in loader { ... }              a DataLoader's batches
              break leaves the loop, continue goes to the next item; the target may be a tuple
            """,
        "in": """
            separates the target of a for loop from its sequence
              for i in range(10) { ... }
              (dz has no `x in t` membership test)
            """,
        "while": """
            repeats a block while a condition holds
              i = 0; while i < 3 { print(i); i += 1 }
              the condition is a bool or a one-element tensor; break and continue work as in for
            """,
        "break": """
            leaves the innermost for or while loop
              for i in range(100) { if i * i > 50 { break } }
            """,
        "continue": """
            goes on with the next iteration of the innermost for or while loop
              for i in range(10) { if i % 2 == 0 { continue }; print(i) }
            """,
        "no_grad": """
            runs a block without recording a graph (DeZero's `with no_grad():`)
              no_grad { W = W - 0.1 * W.grad }        an update that is no part of the graph
              results made inside are leaves; use it for parameter updates, evaluation and
              making parameters. See also: test_mode, detach
            """,
        "test_mode": """
            runs a block in test mode (DeZero's `with test_mode():`): dropout passes its input
            unchanged, for everything called inside, models included
              test_mode { y = model(x_test) }
            """,
        "and": """
            true when both sides are (the right side is evaluated only when the left is true)
              if x > 0 and x < 1 { ... }              gives true or false; not `&&`
            """,
        "or": """
            true when either side is (the right side is evaluated only when the left is false)
              if i == 0 or i == 9 { ... }             gives true or false; not `||`
            """,
        "not": """
            negates a condition
              if not done { ... }                     gives true or false; not `!`
            """,
        "true": """
            the bool true (Python's True); `false` is the other bool
              flag = true; if flag { ... }
            """,
        "false": """
            the bool false (Python's False)
              keepdims=false
            """,
        "none": """
            no value (Python's None): what a function without a result returns, a missing
            gradient (`x.grad` before backward), a default argument
              if x.grad == none { print("no gradient yet") }
              echo of none prints nothing
            """,
    ]

    /// What `help()` prints: the kinds of values, where to start, and where to find more.
    public static let overview = """
        dz: tensors with automatic differentiation (DeZero's semantics), numpy's names.

        Values:
          tensor    every number and array: 2, 2.0, [1, 2, 3], randn(2, 3) (float64);
                    x.shape, x.T, x @ W, x.grad after backward(y)
          tuple     (2, 3), (6,), (); shapes and several results: a, b = f(x)
          string    "text" or 'text';  bool: true, false;  none
          function  the builtins (exp, matmul, sum, ...) and your own: def f(x) = x ** 2
          object    layers, models, optimizers, data loaders, and instances of your classes
        Start here:
          x = [1.0, 2.0, 3.0]; y = sum(x ** 2); backward(y); x.grad      [2. 4. 6.]
          model = MLP((10, 1)); opt = SGD(lr=0.1); opt.setup(model)
          graph(y) (DOT text), :graph y (drawn here), explain(y) (the backward pass)
        More help:
          help(exp), help("for"), :help exp     a builtin or a keyword (also exp? at the prompt)
          :help                                 the REPL commands and every builtin by category
          :vars                                 the names you defined, with kinds and shapes
          keywords: def return class if else for in while break continue no_grad test_mode
                    and or not true false none
          exit() or Ctrl-D leaves the REPL
        """
}
