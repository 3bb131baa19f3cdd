import Testing
import DZAutodiff
import DZTestSupport

/// `unchain` and `unchainBackward` (DeZero's truncated backpropagation).
@Suite struct UnchainTests {
    @Test func anUnchainedVariableIsALeafWithItsValue() throws {
        let x = Variable(2.0)
        let y = try x * x
        y.unchain()
        #expect(y.isLeaf)
        #expect(y.data.scalar == 4)
        try (y * 3.0).backward()
        #expect(x.grad == nil)
        #expect(y.grad?.data.scalar == 3)
    }

    @Test func unchainBackwardCutsEveryVariableBehindButKeepsTheLastStep() throws {
        let x = Variable(2.0)
        let a = try x * x, b = try a + x
        let y = try b * 3.0
        y.unchainBackward()
        #expect(!y.isLeaf)
        #expect(a.isLeaf && b.isLeaf)
        try y.backward()
        #expect(b.grad?.data.scalar == 3)
        #expect(a.grad == nil && x.grad == nil)
    }

    @Test func aLongChainIsReleasedWithoutRecursion() throws {
        // 200,000 operations: unchaining must neither recurse nor keep the chain alive.
        var h = Variable(1.0)
        let start = h
        for _ in 0..<200_000 { h = try h * 1.0 }
        h.unchainBackward()
        let y = try h * 2.0
        try y.backward(retainGrad: true)
        #expect(start.grad == nil)
        #expect(h.grad?.data.scalar == 2)
    }
}
