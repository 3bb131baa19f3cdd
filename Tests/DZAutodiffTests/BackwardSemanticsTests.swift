import Testing
import DZAutodiff

@Suite struct BackwardSemanticsTests {
    @Test func nonScalarOutputsAreSeededWithOnes() throws {
        let x = Variable(NDArray([1, 2, 3]))
        try (x * x).backward()
        #expect(x.grad?.data.scalars == [2, 4, 6])
    }

    @Test func gradientsAccumulateAcrossBackwardsUntilCleared() throws {
        let x = Variable(3.0)
        try (x * x).backward()
        try (x * x).backward()
        #expect(x.grad?.data.scalars == [12])
        x.cleargrad()
        #expect(x.grad == nil)
        try (x + x).backward()
        #expect(x.grad?.data.scalars == [2])
    }

    @Test func intermediateGradientsAreDroppedUnlessRetained() throws {
        let x = Variable(2.0)
        let a = try x * x
        let y = try a * 3.0
        try y.backward()
        #expect(a.grad == nil)
        #expect(y.grad == nil)
        #expect(x.grad?.data.scalars == [12])
        x.cleargrad()
        try y.backward(retainGrad: true)
        #expect(a.grad?.data.scalars == [3])
        #expect(y.grad?.data.scalars == [1])
    }

    @Test func gradOfTouchesNoGrad() throws {
        let x = Variable(2.0), w = Variable(5.0)
        let y = try x * x * w
        let gs = try grad(of: y, withRespectTo: [x, w])
        #expect(gs.map { $0.data.scalars } == [[20], [4]])
        #expect(x.grad == nil && w.grad == nil)
        let unrelated = Variable(NDArray([1, 1]))
        #expect(try grad(of: y, withRespectTo: [unrelated])[0].data.scalars == [0, 0])
    }

    @Test func noGradRecordsNothingAndIsRestoredAfterAnError() throws {
        let x = Variable(2.0)
        let y = try GradMode.withoutGrad { try x * x }
        #expect(y.creator == nil)
        #expect(GradMode.isEnabled)
        #expect(throws: TensorError.self) {
            try GradMode.withoutGrad { _ = try Variable(NDArray([1, 2])) + Variable(NDArray([1, 2, 3])) }
        }
        #expect(GradMode.isEnabled)
        #expect(try (x * x).creator != nil)
    }

    @Test func detachCutsTheGraph() throws {
        let x = Variable(2.0)
        let y = try x * x
        let d = y.detached()
        #expect(d.isLeaf && d.data.scalars == [4])
        try (d * x).backward()
        #expect(x.grad?.data.scalars == [4])
    }

    @Test func generationsOrderTheWorkList() throws {
        // A function whose input is reached by two paths of different length runs once,
        // after both gradients arrived: a = x², y = a² + a → dy/dx = (2a + 1) 2x.
        let x = Variable(3.0)
        let a = try x * x
        let b = try a * a
        let y = try b + a
        #expect(a.generation == 1 && b.generation == 2 && y.generation == 3)
        try y.backward()
        #expect(x.grad?.data.scalars == [114])
    }

    @Test func shapeErrorsLeaveNoGraph() {
        let x = Variable(NDArray([1, 2])), W = Variable(try! NDArray.ones([3, 2]))
        #expect(throws: TensorError.self) { try matmul(x, W) }
        do { _ = try matmul(x, W) } catch {
            #expect("\(error)" == "matmul: shapes (2,) and (3, 2) not aligned: 2 (dim 0) != 3 (dim 0)")
        }
    }
}
