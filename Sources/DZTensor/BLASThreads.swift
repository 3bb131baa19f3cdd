#if canImport(Glibc)
import Glibc
#endif

/// How many threads OpenBLAS may use for one product.
///
/// Small products never pay for threads: below ``parallelThreshold`` floating-point
/// operations a product runs on one thread. Larger ones use `DZ_NUM_THREADS` threads
/// (default: the number of online processors).
public enum BLASThreads {
    /// Products with fewer flops than this run single-threaded (2·128³).
    public static let parallelThreshold = 2.0 * 128 * 128 * 128

    /// The upper bound from `DZ_NUM_THREADS`, or the processor count.
    public static let maximum: Int = {
        if let text = getenv("DZ_NUM_THREADS").map({ String(cString: $0) }), let n = Int(text), n >= 1 { return n }
        return Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }()

    /// OpenBLAS starts with one thread (see `BLASLibrary`).
    nonisolated(unsafe) private static var current = 1

    /// Sets the thread count for a product of `flops` operations, calling OpenBLAS only on change.
    static func prepare(flops: Double) {
        let wanted = flops < parallelThreshold ? 1 : maximum
        if wanted != current {
            current = wanted
            BLASLibrary.setThreadCount(wanted)
        }
    }
}
