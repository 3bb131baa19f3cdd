import Testing
import DZAutodiff

/// The engine's gradient check never lets a nan pass, and compares infinities as numpy's
/// `allclose` does.
@Suite struct GradientCheckNaNTests {
    @Test func aNanAnalyticOrNumericalGradientIsAMismatch() throws {
        let m = try gradientMismatch({ try sqrt($0[0]) }, at: [NDArray(-1.0)])
        #expect(m != nil)
        #expect(m?.description == "input 0, element 0: backward gives nan, numerical nan (nan never passes)")
        #expect(try gradientMismatch({ try $0[0] * Variable(.nan) }, at: [NDArray(1.0)]) != nil)
    }

    @Test func aFiniteValueIsNotCloseToAnInfinity() throws {
        // 1/x at 0: backward gives -inf, and the numerical gradient is finite.
        #expect(try gradientMismatch({ try Variable(1.0) / $0[0] }, at: [NDArray(0.0)]) != nil)
    }

    @Test func nanTolerancesAreRefused() {
        #expect(throws: TensorError.self) { try gradientMismatch({ try sin($0[0]) }, at: [NDArray(1.0)], rtol: .nan) }
        #expect(throws: TensorError.self) { try gradientMismatch({ try sin($0[0]) }, at: [NDArray(1.0)], atol: .nan) }
    }
}
