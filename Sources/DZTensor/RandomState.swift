#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A random number generator identical to numpy's legacy global generator
/// (`np.random.seed`, `np.random.rand`, `np.random.randn`, `np.random.permutation`).
///
/// The bit generator is MT19937 seeded as `init_genrand` (numpy's `mt19937_seed`); doubles
/// are numpy's 53-bit `random_standard_uniform`, normals are numpy's `legacy_gauss` (the
/// polar method, keeping its second value for the next call), and permutations are numpy's
/// legacy Fisher-Yates shuffle with `random_interval`. With the same seed and the same
/// sequence of calls, every value is bit-for-bit what numpy 2.x returns:
///
/// ```swift
/// var rng = RandomState(seed: 0)
/// let x = try rng.randn([2, 3])   // == np.random.seed(0); np.random.randn(2, 3)
/// ```
///
/// `RandomState()` (no seed) seeds from the system's entropy source
/// (`SystemRandomNumberGenerator`: `getrandom(2)` / `/dev/urandom` on Linux) with one
/// 32-bit seed, so its stream is that of `np.random.seed(s)` for an unpredictable `s`
/// (numpy itself seeds an unseeded generator from 624 words of entropy instead).
public struct RandomState: Sendable {
    private static let stateLength = 624
    private static let shift = 397
    private static let matrixA: UInt32 = 0x9908_b0df
    private static let upperMask: UInt32 = 0x8000_0000
    private static let lowerMask: UInt32 = 0x7fff_ffff

    /// The MT19937 key.
    private var key: [UInt32]
    /// The position of the next word in ``key``; 624 means the key must be regenerated.
    private var position: Int
    /// Whether `legacy_gauss` holds its second value, and that value.
    private var hasGauss: Bool
    private var gauss: Double

    /// A generator seeded as `np.random.seed(seed)`.
    public init(seed: UInt32) {
        key = [UInt32](repeating: 0, count: RandomState.stateLength)
        position = RandomState.stateLength
        hasGauss = false
        gauss = 0
        self.seed(seed)
    }

    /// A generator seeded from the system's entropy source (see the type's documentation).
    public init() {
        var system = SystemRandomNumberGenerator()
        self.init(seed: UInt32.random(in: UInt32.min...UInt32.max, using: &system))
    }

    /// Reseeds as `np.random.seed(n)`: MT19937 `init_genrand(n)`, and forgets the cached normal.
    public mutating func seed(_ n: UInt32) {
        var s = n
        for i in 0..<RandomState.stateLength {
            key[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
        }
        position = RandomState.stateLength
        hasGauss = false
        gauss = 0
    }

    /// Regenerates the whole key (MT19937's twist).
    private mutating func twist() {
        let n = RandomState.stateLength, m = RandomState.shift
        key.withUnsafeMutableBufferPointer { mt in
            for i in 0..<n {
                let y = (mt[i] & RandomState.upperMask) | (mt[(i + 1) % n] & RandomState.lowerMask)
                mt[i] = mt[(i + m) % n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : RandomState.matrixA)
            }
        }
        position = 0
    }

    /// The next 32-bit output of MT19937 (numpy's `mt19937_next32`).
    public mutating func nextUInt32() -> UInt32 {
        if position == RandomState.stateLength { twist() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// The next 64-bit output: two 32-bit outputs, the first in the high half (numpy's `mt19937_next64`).
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        let low = UInt64(nextUInt32())
        return high << 32 | low
    }

    /// A uniform double in [0, 1) from 53 random bits, as numpy's `random_standard_uniform`.
    public mutating func nextDouble() -> Double {
        let a = nextUInt32() >> 5, b = nextUInt32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// A standard normal, as numpy's `legacy_gauss`: the polar method, returning `f * x2`
    /// and keeping `f * x1` for the next call.
    public mutating func nextGaussian() -> Double {
        if hasGauss {
            let value = gauss
            hasGauss = false
            gauss = 0
            return value
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * nextDouble() - 1.0
            x2 = 2.0 * nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = sqrt(-2.0 * log(r2) / r2)
        gauss = f * x1
        hasGauss = true
        return f * x2
    }

    /// A uniform integer in `0...max`, as numpy's `random_interval` (rejection on the
    /// smallest bit mask covering `max`; 32-bit draws when `max` fits in 32 bits).
    public mutating func nextInterval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        mask |= mask >> 32
        if max <= 0xffff_ffff {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= max { return value }
            }
        } else {
            while true {
                let value = nextUInt64() & mask
                if value <= max { return value }
            }
        }
    }

    /// An array of uniform doubles in [0, 1), as `np.random.rand(*shape)` (row-major order).
    public mutating func rand(_ shape: [Int]) throws -> NDArray {
        let count = try NDArray.checkedCount(shape, operation: "rand")
        let result = try NDArray(uninitializedShape: shape, count: count, operation: "rand", dtype: .float64)
        let out = result.buffer.base
        for i in 0..<count { out[i] = nextDouble() }
        return result
    }

    /// An array of standard normals, as `np.random.randn(*shape)` (row-major order).
    public mutating func randn(_ shape: [Int]) throws -> NDArray {
        let count = try NDArray.checkedCount(shape, operation: "randn")
        let result = try NDArray(uninitializedShape: shape, count: count, operation: "randn", dtype: .float64)
        let out = result.buffer.base
        for i in 0..<count { out[i] = nextGaussian() }
        return result
    }

    /// Integers uniform in [low, high) as int64, the same numbers as numpy's legacy
    /// `np.random.randint(low, high, size)` after the same seed: each is
    /// `low + nextInterval(high - low - 1)` (masked rejection, as numpy's `_rand_int64`).
    public mutating func randint(low: Int64, high: Int64, shape: [Int]) throws -> NDArray {
        guard low < high else {
            throw TensorError.invalid(operation: "randint", message: "low >= high (low \(low), high \(high))")
        }
        let count = try NDArray.checkedCount(shape, operation: "randint")
        let range = UInt64(bitPattern: high &- low) &- 1
        var values = [Int64](repeating: 0, count: count)
        for i in 0..<count { values[i] = low &+ Int64(bitPattern: nextInterval(range)) }
        return try NDArray(shape: shape, integers: values)
    }

    /// A random permutation of `0..<n` as doubles, as `np.random.permutation(n)`: numpy's
    /// legacy shuffle of `arange(n)`, Fisher-Yates from the end with ``nextInterval(_:)``.
    ///
    /// Unlike numpy (which returns an empty array for a negative `n`), a negative `n` throws.
    public mutating func permutation(_ n: Int) throws -> NDArray {
        guard n >= 0 else {
            throw TensorError.invalid(operation: "permutation", message: "n must be non-negative, got \(n)")
        }
        let count = try NDArray.checkedCount([n], operation: "permutation")
        var order = [Int](0..<count)
        var i = count - 1
        while i >= 1 {
            let j = Int(nextInterval(UInt64(i)))
            order.swapAt(i, j)
            i -= 1
        }
        return try NDArray(shape: [n], integers: order.map { Int64($0) })
    }
}
