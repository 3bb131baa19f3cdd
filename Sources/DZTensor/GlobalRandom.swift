import Synchronization

/// The process-wide random generator, as numpy's global `np.random` state: `seed(n)` then
/// `randn`/`rand` give numpy's numbers. Thread-safe.
public enum GlobalRandom {
    private static let state = Mutex(RandomState())

    /// Reseeds the generator (`np.random.seed(n)`).
    public static func seed(_ n: UInt32) {
        state.withLock { $0.seed(n) }
    }

    /// Runs `body` with exclusive access to the generator.
    public static func with<T>(_ body: (inout RandomState) throws -> T) throws -> T {
        try state.withLock { s in try body(&s) }
    }

    /// A copy of the generator's state.
    public static func snapshot() -> RandomState { state.withLock { $0 } }

    /// Replaces the generator's state.
    public static func restore(_ s: RandomState) { state.withLock { $0 = s } }

    /// Uniform samples in [0, 1) (`np.random.rand`).
    public static func rand(_ shape: [Int]) throws -> NDArray { try with { try $0.rand(shape) } }

    /// Standard normal samples (`np.random.randn`).
    public static func randn(_ shape: [Int]) throws -> NDArray { try with { try $0.randn(shape) } }

    /// A random permutation of `0..<n` (`np.random.permutation`).
    public static func permutation(_ n: Int) throws -> NDArray { try with { try $0.permutation(n) } }
}
