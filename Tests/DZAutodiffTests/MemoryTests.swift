import Testing
import DZAutodiff

@Suite struct MemoryTests {
    @Test func aReleasedGraphIsFreed() throws {
        weak var weakIntermediate: Variable?
        weak var weakCreator: Function?
        let x = Variable(NDArray([1, 2, 3]))
        do {
            let a = try exp(x)
            weakIntermediate = a
            weakCreator = a.creator
            let y = try sum(a * a)
            try y.backward()
            #expect(weakIntermediate != nil)
        }
        #expect(weakIntermediate == nil)
        #expect(weakCreator == nil)
        #expect(x.grad != nil)
    }

    @Test func higherOrderGraphsAreFreedToo() throws {
        weak var weakGrad: Variable?
        do {
            let x = Variable(2.0)
            let y = try sin(x) * x
            try y.backward(createGraph: true)
            weakGrad = x.grad
            #expect(weakGrad?.creator != nil)
        }
        #expect(weakGrad == nil)
    }

    @Test func aMillionNodeChainRunsBackwardAndIsReleasedWithoutRecursion() throws {
        let n = 1_000_000
        weak var weakMiddle: Variable?
        let x = Variable(1.0)
        do {
            var y = x
            let one = Variable(1e-6)
            for i in 0..<n {
                y = try y + one
                if i == n / 2 { weakMiddle = y }
            }
            #expect(Swift.abs(y.data.scalars[0] - 2.0) < 1e-6)
            try y.backward()
            #expect(x.grad?.data.scalars == [1])
        }
        #expect(weakMiddle == nil)
    }
}
