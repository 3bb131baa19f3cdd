import Testing
import DZAutodiff

// The example of docs/autodiff.md: the seed notebook's MatMul, written by a user.

/// y = x · W, with the seed's rules gx = gy · Wᵀ and gW = xᵀ · gy.
final class SeedMatMul: Function {
    override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        let x = xs[0], W = xs[1]
        return [try x.dot(W)]
    }

    override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0], W = inputs[1], gy = gys[0]
        let gx = try matmul(gy, W.T)
        let gW = try matmul(x.T, gy)
        return [gx, gW]
    }
}

@Suite struct CustomFunctionTests {
    @Test func theSeedExampleInSwift() throws {
        var generator = RandomState(seed: 0)
        let x = Variable(try generator.randn([2, 3]))
        let W = Variable(try generator.randn([3, 4]))
        let y = try SeedMatMul()(x, W)
        try y.backward()
        #expect(x.grad?.shape == [2, 3])
        #expect(W.grad?.shape == [3, 4])
        // Same gradients as the built-in MatMul.
        let x2 = Variable(x.data), W2 = Variable(W.data)
        try matmul(x2, W2).backward()
        #expect(x.grad?.data.scalars == x2.grad?.data.scalars)
        #expect(W.grad?.data.scalars == W2.grad?.data.scalars)
    }
}
