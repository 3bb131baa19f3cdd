import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import DZTensor
import CVectorMath

/// How many doubles apart `a` and `b` are (0: the same double; -0 and +0 are 0 apart).
func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
    func ordered(_ x: Double) -> Int64 {
        let magnitude = Int64(bitPattern: x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
        return x.sign == .minus ? -magnitude : magnitude
    }
    return ordered(a) > ordered(b) ? UInt64(ordered(a) - ordered(b)) : UInt64(ordered(b) - ordered(a))
}

/// The first index where `a` and `b` differ in bits (or in length), or nil.
func firstBitDifference(_ a: [Double], _ b: [Double]) -> Int? {
    if a.count != b.count { return min(a.count, b.count) }
    return a.indices.first { a[$0].bitPattern != b[$0].bitPattern }
}

/// Deterministic inputs: SplitMix64 mapped to doubles.
struct TanhInputs {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// ±2^e with e uniform in [low, high): every magnitude in between equally often.
    mutating func logUniform(_ low: Double, _ high: Double) -> Double {
        let x = exp2(low + unit() * (high - low))
        return next() & 1 == 0 ? x : -x
    }
}

/// tanh's region and reduction boundaries: 2^-28, where k changes ((j + 1/2) ln2 / 2),
/// where tanh crosses 1/2 (ln3 / 2), 1, where tanh rounds to 1 (19.06), the clamp (22).
let tanhBoundaries: [Double] = [0x1p-28, 1, 0.5 * log(3.0), 19.06, 22] + (0..<8).map { (Double($0) + 0.5) * log(2.0) / 2 }

@Suite struct VectorTanhTests {
    @Test func specialValues() {
        #expect(VectorTanh.tanh(0).bitPattern == (0.0).bitPattern)
        #expect(VectorTanh.tanh(-0.0).bitPattern == (-0.0).bitPattern)
        // Subnormal and tiny x: tanh x rounds to x.
        for x in [Double.leastNonzeroMagnitude, 0x1.8p-1060, Double.leastNormalMagnitude, 1e-300, 1e-20, 0x1.fffffffffffffp-29] {
            #expect(VectorTanh.tanh(x) == x)
            #expect(VectorTanh.tanh(-x) == -x)
        }
        var inputs = TanhInputs(state: 7)
        for i in 0..<30_000 {
            let x = i < 5_000 ? inputs.logUniform(-1074, -28) : inputs.logUniform(-60, -28)
            #expect(VectorTanh.tanh(x) == x, "x = \(x)")
        }
        #expect(VectorTanh.tanh(.infinity) == 1)
        #expect(VectorTanh.tanh(-.infinity) == -1)
        #expect(VectorTanh.tanh(.nan).isNaN)
        #expect(VectorTanh.tanh(-.nan).isNaN)
        #expect(VectorTanh.tanh(.signalingNaN).isNaN)
        // From about 19.06 on, tanh rounds to 1; 22 is where the method clamps.
        for x in [20, 22.0.nextDown, 22, 22.0.nextUp, 30, 1e10, 1e300, .greatestFiniteMagnitude] {
            #expect(VectorTanh.tanh(x) == 1)
            #expect(VectorTanh.tanh(-x) == -1)
        }
        // Correctly rounded values (mpmath): within one double.
        let known: [(Double, Double)] = [(1, 0x1.85efab514f394p-1), (0.5, 0x1.d9353d7568af3p-2),
                                         (0x1p-28, 0x1p-28), (0.5 * log(3.0), 0.5),
                                         (18.5, 0x1.ffffffffffffep-1), (19, 0x1.fffffffffffffp-1)]
        for (x, expected) in known {
            #expect(ulpDistance(VectorTanh.tanh(x), expected) <= 1, "tanh(\(x))")
            #expect(ulpDistance(VectorTanh.tanh(-x), -expected) <= 1, "tanh(\(-x))")
        }
    }

    @Test func isMonotoneAcrossBoundaries() {
        for center in tanhBoundaries {
            var x = center
            for _ in 0..<1000 { x = x.nextDown }
            var previous = VectorTanh.tanh(x)
            for _ in 0..<2000 {
                x = x.nextUp
                let y = VectorTanh.tanh(x)
                #expect(y >= previous, "tanh(\(x)) = \(y) < tanh(\(x.nextDown)) = \(previous)")
                previous = y
            }
        }
        var previous = VectorTanh.tanh(0)
        for i in 1...250_000 {
            let y = VectorTanh.tanh(Double(i) * 1e-4)
            #expect(y >= previous && y <= 1, "tanh(\(Double(i) * 1e-4))")
            previous = y
        }
    }

    @Test func isOdd() {
        var inputs = TanhInputs(state: 1)
        for _ in 0..<100_000 {
            let x = inputs.logUniform(-40, 6)
            #expect(VectorTanh.tanh(-x).bitPattern == (-VectorTanh.tanh(x)).bitPattern, "x = \(x)")
        }
    }

    /// Correctly rounded values from mpmath (scripts/gen_tanh_fixtures.py).
    @Test func withinOneUlpOfCorrectlyRoundedFixtures() throws {
        struct File: Decodable { let cases: [[String]] }
        let cases = try Fixture.json("tanh.json", as: File.self).cases
        #expect(cases.count > 1000)
        var exact = 0
        for c in cases {
            let x = try #require(parseHexDouble(c[0])), expected = try #require(parseHexDouble(c[1]))
            let y = VectorTanh.tanh(x)
            #expect(ulpDistance(y, expected) <= 1, "tanh(\(c[0])) = \(y.hexString), correctly rounded \(c[1])")
            if y == expected { exact += 1 }
        }
        #expect(Double(exact) >= 0.98 * Double(cases.count))
    }

    #if arch(x86_64) || arch(i386)
    /// Against glibc's 80-bit tanhl (about 0.002 of a double's ulp from the exact value, checked
    /// with mpmath): every result within 1 ulp of the correctly rounded one, and the error
    /// against the exact value below 0.65 ulp (0.602 at most over 500 million inputs).
    @Test func ulpErrorAgainstFloat80() {
        var inputs = TanhInputs(state: 2)
        var worst = 0.0, worstX = 0.0, notCorrectlyRounded = 0, count = 0
        func check(_ x: Double) {
            let y = VectorTanh.tanh(x)
            let reference = tanhl(Float80(x)), rounded = Double(reference)
            #expect(ulpDistance(y, rounded) <= 1, "tanh(\(x.hexString)) = \(y.hexString), correctly rounded \(rounded.hexString)")
            if y != rounded { notCorrectlyRounded += 1 }
            if reference != 0 && y != rounded {
                // In units of the exact value's binade (below 1: 2^-53).
                let ulp = Float80(sign: .plus, exponent: reference.exponent - 52, significand: 1)
                let error = Double((Float80(y) - reference).magnitude / ulp)
                if error > worst { worst = error; worstX = x }
            }
            count += 1
        }
        for _ in 0..<100_000 { check(inputs.logUniform(-40, 6)) }
        for _ in 0..<100_000 { check(inputs.unit() * 1.2) }
        for _ in 0..<50_000 { check(inputs.unit() * 22) }
        for _ in 0..<50_000 {
            let x = Double(bitPattern: inputs.next())
            if x.isFinite { check(x) }
        }
        for center in tanhBoundaries {
            var x = center
            for _ in 0..<500 { x = x.nextDown }
            for _ in 0..<1000 { check(x); x = x.nextUp }
        }
        #expect(worst < 0.65, "max error \(worst) ulp at \(worstX)")
        #expect(Double(notCorrectlyRounded) < 0.01 * Double(count))
    }
    #endif

    @Test func kernelMatchesScalarForEveryCount() {
        var inputs = TanhInputs(state: 3)
        let source = (0..<1003).map { _ in inputs.logUniform(-30, 5) }
        for count in [0, 1, 2, 3, 4, 5, 7, 8, 9, 1003] {
            var tanhOut = [Double](repeating: .nan, count: count + 1)
            var sigmoidOut = tanhOut
            source.withUnsafeBufferPointer { src in
                tanhOut.withUnsafeMutableBufferPointer { VectorTanh.tanh(src.baseAddress!, $0.baseAddress!, count: count) }
                sigmoidOut.withUnsafeMutableBufferPointer { VectorTanh.sigmoid(src.baseAddress!, $0.baseAddress!, count: count) }
            }
            for i in 0..<count {
                #expect(tanhOut[i].bitPattern == VectorTanh.tanh(source[i]).bitPattern)
                #expect(sigmoidOut[i].bitPattern == VectorTanh.sigmoid(source[i]).bitPattern)
            }
            #expect(tanhOut[count].isNaN && sigmoidOut[count].isNaN, "wrote past count \(count)")
        }
    }

    /// Every vector unit's loop (CVectorMath's AVX2 and AVX-512 builds of the same
    /// operations) gives the Swift element function's bits, on random bit patterns, every
    /// magnitude, the boundaries and special values. Units the CPU lacks are skipped.
    /// (CVectorMath is built with -O2 in debug builds too, so these are the vectorized loops.)
    @Test(arguments: [VectorUnit.avx2, .avx512])
    func everyVectorUnitGivesTheSameBits(unit: VectorUnit) {
        guard VectorUnit.choose(cpuFlags: BLASLibrary.cachedCPUFlags, requested: nil) >= unit else { return }
        var inputs = TanhInputs(state: 11)
        var source: [Double] = []
        for _ in 0..<40_000 { source.append(Double(bitPattern: inputs.next())) }
        for _ in 0..<40_000 { source.append(inputs.logUniform(-60, 6)) }
        for _ in 0..<20_000 { source.append((inputs.unit() - 0.5) * 50) }
        for b in tanhBoundaries { source += [b, b.nextUp, b.nextDown, -b, -b.nextUp, -b.nextDown] }
        source += [0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude, -.leastNormalMagnitude,
                   .greatestFiniteMagnitude, 2 * .pi, 1e300, -1e-300]
        let n = source.count
        var tanhOut = [Double](repeating: 0, count: n), sigmoidOut = tanhOut
        source.withUnsafeBufferPointer { src in
            tanhOut.withUnsafeMutableBufferPointer { dst in
                unit == .avx512 ? dz_tanh_avx512(src.baseAddress!, dst.baseAddress!, n) : dz_tanh_avx2(src.baseAddress!, dst.baseAddress!, n)
            }
            sigmoidOut.withUnsafeMutableBufferPointer { dst in
                unit == .avx512 ? dz_sigmoid_avx512(src.baseAddress!, dst.baseAddress!, n) : dz_sigmoid_avx2(src.baseAddress!, dst.baseAddress!, n)
            }
        }
        // NaN in, NaN out; its payload may come from another operand in a vector min/max.
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        let tanhMismatch = (0..<n).first { !same(tanhOut[$0], VectorTanh.tanh(source[$0])) }
        let sigmoidMismatch = (0..<n).first { !same(sigmoidOut[$0], VectorTanh.sigmoid(source[$0])) }
        #expect(tanhMismatch == nil, "tanh(\(tanhMismatch.map { source[$0] } ?? 0))")
        #expect(sigmoidMismatch == nil, "sigmoid(\(sigmoidMismatch.map { source[$0] } ?? 0))")
    }

    @Test func aVectorUnitTheCPULacksIsNeverChosen() {
        #expect(VectorUnit.choose(cpuFlags: ["sse2"], requested: nil) == .baseline)
        #expect(VectorUnit.choose(cpuFlags: ["avx2"], requested: nil) == .avx2)
        #expect(VectorUnit.choose(cpuFlags: ["avx2", "avx512f"], requested: nil) == .avx512)
        #expect(VectorUnit.choose(cpuFlags: ["avx2"], requested: "avx512") == .avx2)
        #expect(VectorUnit.choose(cpuFlags: ["avx2", "avx512f"], requested: "baseline") == .baseline)
        #expect(VectorUnit.choose(cpuFlags: ["avx2", "avx512f"], requested: "bogus") == .avx512)
    }

    @Test func stridedViewsGiveTheSameBitsAsContiguousArrays() throws {
        var inputs = TanhInputs(state: 4)
        let a = try NDArray(shape: [33, 64], scalars: (0..<(33 * 64)).map { _ in inputs.logUniform(-20, 5) })
        let flat = a.scalars
        let views: [NDArray] = [
            try a.transposed(),                                                             // strides (1, 64)
            NDArray(buffer: a.buffer, shape: [1000], strides: [2], offset: 1, dtype: .float64),                // every other element
            NDArray(buffer: a.buffer, shape: [500], strides: [1], offset: 77, dtype: .float64),                // contiguous, offset
            try NDArray(flat[5]).broadcast(to: [3, 4]),                                       // stride 0
        ]
        for view in views {
            let copy = try view.contiguous()
            #expect(try firstBitDifference(view.tanh().scalars, copy.tanh().scalars) == nil)
            #expect(try firstBitDifference(view.sigmoid().scalars, copy.sigmoid().scalars) == nil)
            #expect(try firstBitDifference(view.tanh().scalars, copy.scalars.map(VectorTanh.tanh)) == nil)
        }
        #expect(!views[0].isContiguous && !views[1].isContiguous && views[2].isContiguous)
        #expect(try firstBitDifference(views[2].tanh().scalars, flat[77..<577].map(VectorTanh.tanh)) == nil)
    }

    @Test func sigmoidIsDeZerosFormulaOnTheNewTanh() throws {
        var inputs = TanhInputs(state: 5)
        let xs = (0..<20_000).map { _ in inputs.logUniform(-30, 6) }
        let x = NDArray(xs)
        let viaTanh = try (try (x * NDArray(0.5)).tanh() * NDArray(0.5)) + NDArray(0.5)
        #expect(try firstBitDifference(x.sigmoid().scalars, viaTanh.scalars) == nil)
        #expect(try firstBitDifference(x.sigmoid().scalars, xs.map { VectorTanh.tanh($0 * 0.5) * 0.5 + 0.5 }) == nil)
        #if arch(x86_64) || arch(i386)
        // Within 2e-16 of the true logistic.
        var worst: Float80 = 0
        for (xi, yi) in zip(xs, try x.sigmoid().scalars) {
            let exact = 1 / (1 + expl(-Float80(xi)))
            worst = max(worst, (Float80(yi) - exact).magnitude)
        }
        #expect(worst <= 2e-16, "max |sigmoid - logistic| = \(worst)")
        #endif
    }

    @Test func limits() throws {
        let sigmoid = try NDArray([-.infinity, -1000, -40, -0.0, 0, 40, 1000, .infinity, .nan]).sigmoid().scalars
        #expect(Array(sigmoid[0..<8]) == [0, 0, 0, 0.5, 0.5, 1, 1, 1])
        #expect(sigmoid[8].isNaN)
        let tanh = try NDArray([-.infinity, -1000, -0.0, 0, 1000, .infinity, .nan]).tanh().scalars
        #expect(Array(tanh[0..<6]) == [-1, -1, 0, 0, 1, 1])
        #expect(tanh[2].sign == .minus && tanh[6].isNaN)
        var inputs = TanhInputs(state: 6)
        for _ in 0..<10_000 {
            let x = inputs.logUniform(-30, 10)
            let s = VectorTanh.sigmoid(x), t = VectorTanh.tanh(x)
            #expect(s >= 0 && s <= 1 && t >= -1 && t <= 1, "x = \(x)")
        }
    }
}

extension Double {
    /// Python's float.hex()-like spelling, for failure messages.
    var hexString: String {
        guard isFinite else { return "\(self)" }
        let digits = String(significandBitPattern, radix: 16)
        let fraction = String(repeating: "0", count: 13 - digits.count) + digits
        let lead = exponentBitPattern == 0 ? "0" : "1", power = exponentBitPattern == 0 ? -1022 : Int(exponent)
        return (sign == .minus ? "-" : "") + "0x\(lead).\(fraction)p\(power)"
    }
}
