import CVectorMath
#if canImport(Glibc)
import Glibc
#endif

/// The hyperbolic tangent of doubles, written for loops that vectorize: no calls, no
/// branches, no traps (selects, `&`-operators on bit patterns, and no `fma`, which is a libm
/// call on baseline x86-64). Within 1 ulp of the correctly rounded tanh over the whole double
/// range: the error against the exact value is at most 0.602 ulp over 500 million inputs.
///
/// Method. With a = min(|x|, 22) and w = e^(-2a),
///
///     tanh a = (1 - w) / (1 + w) = N / (2 - N),   N = 1 - w = -expm1(-2a),
///
/// one formula for every a (from 22 on, the quotient rounds to 1). Below 2⁻²⁸ tanh a rounds
/// to a, which is returned as is; x's sign bit is put back at the end, so tanh is odd, -0
/// stays -0, ±inf gives ±1 and NaN stays NaN.
///
/// w: -2a = k ln2 + r - k ln2Lo, k = round(-2a / ln2) (added to 1.5·2⁵², which leaves k in
/// the low bits), r = -2a - k ln2Hi exactly (Cody-Waite: ln2Hi ends in 21 zero bits), |r| <=
/// ln2/2. Then w = s (1 + p) with s = 2ᵏ built from bits and p = expm1(r - k ln2Lo) =
/// r + r²/2 + r³ Q(r) - k ln2Lo e^r (to first order in k ln2Lo, which is below 2⁻²⁶), Q a
/// degree-9 Chebyshev fit on [-ln2/2, ln2/2] that adds at most 2⁻⁵⁸·⁷ |r|
/// (scripts/gen_expm1_coefficients.py). r²/2 is split as r1²/2 (exact, r1 = r's top 26
/// bits) + r2 (r + r1)/2, so that the large terms of p are exact and N = nHi + nLo is
/// carried to about 2⁻⁵⁸ relative.
///
/// The quotient is rounded once: qc = N / (2 - N) cut to 26 bits, then
/// q = qc + (N - qc (2 - N)) / (2 - N), where qc times the 26-bit head of the denominator
/// is exact, so the residual's rounding errors are about 2⁻²⁵ of q's last bit.
enum VectorTanh {
    /// tanh(x) for one double. The loops below run exactly this, so a strided array's
    /// elements, mapped one by one, give the same bits.
    @inline(__always)
    static func tanh(_ x: Double) -> Double {
        let sign = x.bitPattern & 0x8000_0000_0000_0000
        let a = Double(bitPattern: x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
        let b = 22 < a ? 22 : a   // NaN stays NaN

        // -2b = k ln2 + r - kLo, s = 2^k.
        let shifted = b * minusTwoOverLn2 + shifter
        let k = shifted - shifter
        let r = -2 * b - k * ln2Hi
        let kLo = k * ln2Lo
        let s = Double(bitPattern: (shifted.bitPattern &+ 1023) &<< 52)

        // expm1(r - kLo) = (r + half) + (low + r³ Q(r)), with half = r1²/2 exact.
        let r1 = Double(bitPattern: r.bitPattern & highBits), r2 = r - r1
        let half = (0.5 * r1) * r1
        let rr = r * r, r4 = rr * rr, r8 = r4 * r4
        let q03 = (c0 + r * c1) + rr * (c2 + r * c3)
        let q47 = (c4 + r * c5) + rr * (c6 + r * c7)
        let poly = (q03 + r8 * (c8 + r * c9)) + r4 * q47
        let pHi = r + half
        let pLo = (r - pHi) + half
        // s times the small terms: r2 (r + r1)/2 - kLo e^r + r³ Q(r) (1 - kLo).
        let sSmall = s * (r2 * (0.5 * (r + r1)) - kLo * (1 + pHi)) + ((s - s * kLo) * (rr * r)) * poly

        // w = s + s p = wHi + wLo; N = 1 - w = nHi + nLo; 2 - N = 1 + w = dHi + dLo.
        let spHi = s * pHi
        let wHi = s + spHi
        let wLo = ((s - wHi) + spHi) + s * pLo
        let nHi = 1 - wHi
        let nLo = (((1 - nHi) - wHi) - wLo) - sSmall
        let dHi = 1 + wHi
        let dLo = (((1 - dHi) + wHi) + wLo) + sSmall

        // q = N / D: a 26-bit qc, then the exact residual N - qc D over D.
        let d = dHi + dLo
        let inverse = 1 / d
        let qc = Double(bitPattern: (nHi * inverse).bitPattern & highBits)
        let dc = Double(bitPattern: d.bitPattern & highBits)
        let residual = ((nHi - qc * dc) + nLo) - qc * ((dHi - dc) + dLo)
        let q = qc + residual * inverse

        let magnitude = a < tiny ? a : q
        return Double(bitPattern: magnitude.bitPattern | sign)
    }

    /// `destination[i] = tanh(source[i])` for `i < count` (the arrays do not overlap), on the
    /// widest vector unit the CPU has: the same bits on each.
    static func tanh(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, count: Int) {
        VectorUnit.current.run(source, destination, count, avx512: dz_tanh_avx512, avx2: dz_tanh_avx2, baseline: tanh)
    }

    /// The logistic function of one double in DeZero's form, `tanh(x/2)/2 + 1/2`.
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double { tanh(x * 0.5) * 0.5 + 0.5 }

    /// `destination[i] = sigmoid(source[i])` for `i < count`, as `tanh` above.
    static func sigmoid(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, count: Int) {
        VectorUnit.current.run(source, destination, count, avx512: dz_sigmoid_avx512, avx2: dz_sigmoid_avx2, baseline: sigmoid)
    }

    /// Below this, tanh a = a - a³/3 + ... rounds to a.
    static let tiny = 0x1p-28
    static let minusTwoOverLn2 = -0x1.71547652b82fep1
    /// 1.5·2⁵²: adding it rounds to an integer and leaves the integer in the low bits.
    static let shifter = 0x1.8p52
    /// ln2 = ln2Hi + ln2Lo (fdlibm's split: ln2Hi's low 21 bits are zero, so k ln2Hi is exact).
    static let ln2Hi = 0x1.62e42feep-1
    static let ln2Lo = 0x1.a39ef35793c76p-33
    /// Keeps a double's sign, exponent and top 25 stored bits: 26 significant bits, so the
    /// product of two such heads is exact.
    static let highBits: UInt64 = 0xFFFF_FFFF_F800_0000
    // Q(r) ≈ (expm1(r) - r - r²/2) / r³ on |r| <= ln2/2 (scripts/gen_expm1_coefficients.py).
    static let c0 = 0x1.5555555555556p-3
    static let c1 = 0x1.5555555555555p-5
    static let c2 = 0x1.11111111109b5p-7
    static let c3 = 0x1.6c16c16c167e2p-10
    static let c4 = 0x1.a01a01a7c2f2cp-13
    static let c5 = 0x1.a01a01a47a5abp-16
    static let c6 = 0x1.71de0db2eb873p-19
    static let c7 = 0x1.27e4e1f71bcbbp-22
    static let c8 = 0x1.af389eea54156p-26
    static let c9 = 0x1.1f66d957d0ef0p-29
}

/// The widest vector unit the CPU and the kernel support (from /proc/cpuinfo's flags, which
/// the kernel clears for state it does not save), for CVectorMath's loops; the Swift loops
/// are built for baseline x86-64 (SSE2). `DZ_VECTOR_UNIT=baseline|avx2|avx512` asks for a
/// narrower unit (for valgrind, which lacks AVX-512); a unit the CPU lacks is never chosen.
enum VectorUnit: String, Sendable, Comparable, CaseIterable {
    case baseline, avx2, avx512

    static var current: VectorUnit { setting.unit }

    /// The unit in use and, when `DZ_VECTOR_UNIT` could not be followed, the warning.
    static let setting = choice(cpuFlags: BLASLibrary.cachedCPUFlags,
                                requested: getenv("DZ_VECTOR_UNIT").map { String(cString: $0) })

    static func choose(cpuFlags: Set<String>, requested: String?) -> VectorUnit {
        choice(cpuFlags: cpuFlags, requested: requested).unit
    }

    /// The widest unit of the CPU, or the narrower one `requested`; a name that is not a unit,
    /// or a unit the CPU lacks, gets the widest with a warning (unset or empty: no word).
    static func choice(cpuFlags: Set<String>, requested: String?) -> (unit: VectorUnit, warning: String?) {
        var best = VectorUnit.baseline
        #if arch(x86_64)
        if cpuFlags.contains("avx512f") { best = .avx512 } else if cpuFlags.contains("avx2") { best = .avx2 }
        #endif
        guard let requested, !requested.isEmpty else { return (best, nil) }
        guard let unit = VectorUnit(rawValue: requested) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            return (best, "DZ_VECTOR_UNIT=\(requested.prefix(40)) is not one of \(names); using \(best.rawValue)")
        }
        if unit > best { return (best, "DZ_VECTOR_UNIT=\(requested): this CPU lacks it; using \(best.rawValue)") }
        return (unit, nil)
    }

    /// Narrower units first, in the order of the cases.
    static func < (a: VectorUnit, b: VectorUnit) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// `destination[i] = f(source[i])` with this unit's loop: a C loop, or for the baseline
    /// the Swift element function (the same bits, see VectorTanhTests).
    @inline(__always)
    func run(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, _ count: Int,
             avx512: (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void,
             avx2: (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int) -> Void,
             baseline: (Double) -> Double) {
        switch self {
        case .avx512: avx512(source, destination, count)
        case .avx2: avx2(source, destination, count)
        case .baseline: for i in 0..<count { destination[i] = baseline(source[i]) }
        }
    }
}
