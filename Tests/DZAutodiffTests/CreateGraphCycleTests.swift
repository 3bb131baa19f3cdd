import Foundation
import Testing
@testable import DZAutodiff

/// `backward(createGraph: true)` gives variables gradients whose graphs use the variables
/// themselves: those cycles are broken (leaves and retained intermediates alike) without
/// changing any gradient, and breaking them costs each pass only its own graph.
@Suite struct CreateGraphCycleTests {
    @Test func aRetainedIntermediateGradientDoesNotKeepItsGraphAlive() throws {
        weak var weakY: Variable?, weakGrad: Variable?, weakCreator: Function?
        let x = Variable(NDArray([0.5, 1.0, 2.0]))
        do {
            let y = try sin(x)
            let z = try sum(y * y)
            try z.backward(retainGrad: true, createGraph: true)
            weakY = y
            weakGrad = y.grad
            weakCreator = y.grad?.creator
            #expect(weakCreator != nil)
            x.cleargrad()    // x's gradient graph uses y's gradient
        }
        #expect(weakY == nil)
        #expect(weakGrad == nil)
        #expect(weakCreator == nil)
    }

    @Test func gradientsThroughARetainedIntermediateAreUnchanged() throws {
        // y = x², z = exp(y): dz/dy = exp(y), and the second backward goes through y's
        // gradient graph into x after y itself is gone: d(exp(x²))/dx = 2x·exp(x²).
        let x = Variable(0.5)
        var gy: Variable?
        do {
            let y = try x * x
            let z = try exp(y)
            try z.backward(retainGrad: true, createGraph: true)
            gy = y.grad
        }
        x.cleargrad()
        try gy!.backward()
        #expect(Swift.abs(x.grad!.data.scalar! - 2 * 0.5 * Foundation.exp(0.25)) < 1e-12)
    }

    @Test func accumulatingIntoOneLeafWalksOnlyEachPassesNewGraph() throws {
        // Each pass adds one more term to x.grad; breaking the cycles must not walk the
        // terms accumulated before (that made n passes cost n² steps).
        let x = Variable(2.0)
        var walks: [Int] = []
        for _ in 0..<200 {
            walks.append(try (x * x).runBackward(retainGrad: false, createGraph: true))
        }
        #expect(x.grad?.data.scalar == 800)
        #expect(walks[199] == walks[10])
        #expect(walks[199] <= 4)
    }

    @Test func aGradientThatIsItsOwnVariableDoesNotHoldIt() throws {
        final class PassThrough: Function {
            override func forward(_ xs: [NDArray]) throws -> [NDArray] { [xs[0]] }
            override func backward(_ gys: [Variable]) throws -> [Variable?] { [inputs[0]] }
        }
        weak var weakX: Variable?
        do {
            let x = Variable(3.0)
            try PassThrough()(x).backward()
            #expect(x.grad?.data.scalar == 3)
            #expect(x.grad !== x)
            weakX = x
        }
        #expect(weakX == nil)
    }
}
