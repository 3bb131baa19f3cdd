import Testing
@testable import DZLanguage

/// Whole scripts, as a user would write them.
@Suite struct ProgramTests {
    @Test func linearRegressionScript() {
        let script = """
            # linear regression, DeZero step 42
            seed(0)
            x = rand(100, 1)
            y = 5 + 2 * x + rand(100, 1)
            W = zeros(1, 1); b = zeros(1)

            def predict(x) = x @ W + b

            lr = 0.1
            for i in range(100) {
              loss = mean_squared_error(y, predict(x))
              cleargrads(W, b)
              loss.backward()
              no_grad {
                W = W - lr * W.grad
                b -= lr * b.grad
              }
              if i % 10 == 0 { print(i, loss) }
            }
            W; b

            """
        #expect(sexpr(script) == """
            (call seed 0)
            (= x (call rand 100 1))
            (= y (+ (+ 5 (* 2 x)) (call rand 100 1)))
            (= W (call zeros 1 1))
            (= b (call zeros 1))
            (def predict (x) (+ (@ x W) b))
            (= lr 0.1)
            (for i (call range 100) (block \
            (= loss (call mean_squared_error y (call predict x))) \
            (call cleargrads W b) \
            (call (. loss backward)) \
            (no_grad (block (= W (- W (* lr (. W grad)))) (-= b (* lr (. b grad))))) \
            (if (== (% i 10) 0) (block (call print i loss)))))
            W
            b
            """)
    }

    @Test func classifierScriptWithTupleLoopsAndKeywords() {
        let script = """
            def accuracy_of(model_out, t) {
              pred = argmax(model_out, axis=1)
              return mean(pred == t)
            }
            for epoch in range(3) {
              total = 0
              for x, t in batches {
                y = softmax(x @ W1, axis=-1)
                total += softmax_cross_entropy(y, t)
                if total > 100 { break } else if not (total >= 0) { continue }
              }
              test_mode { acc = accuracy_of(predict(xs[:10, :]), ts[:10]) }
            }
            """
        #expect(sexpr(script) == """
            (def accuracy_of (model_out t) (block (= pred (call argmax model_out axis=1)) \
            (return (call mean (== pred t)))))
            (for epoch (call range 3) (block (= total 0) \
            (for (tuple x t) batches (block (= y (call softmax (@ x W1) axis=(- 1))) \
            (+= total (call softmax_cross_entropy y t)) \
            (if (> total 100) (block (break)) (elif (not (>= total 0)) (block (continue)))))) \
            (test_mode (block (= acc (call accuracy_of (call predict (index xs (: _ 10 _) (: _ _ _))) \
            (index ts (: _ 10 _))))))))
            """)
    }
}
