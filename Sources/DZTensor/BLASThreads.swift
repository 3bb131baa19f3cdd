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

    /// The most threads `DZ_NUM_THREADS` may ask for.
    public static let limit = 1024

    /// The upper bound from `DZ_NUM_THREADS`, or the processor count.
    public static var maximum: Int { setting.count }

    /// The thread count and, when `DZ_NUM_THREADS` was set to something unusable, the warning.
    static let setting = threadCount(requested: getenv("DZ_NUM_THREADS").map { String(cString: $0) },
                                     processors: Swift.max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The count `requested` (the text of `DZ_NUM_THREADS`) asks for: an integer from 1 to
    /// ``limit``. Anything else (`abc`, `0`, `-2`, `1e9`) falls back to `processors`, with a
    /// warning that says so; unset or empty is the default without a word.
    static func threadCount(requested: String?, processors: Int) -> (count: Int, warning: String?) {
        guard let requested, !requested.isEmpty else { return (processors, nil) }
        guard let n = Int(requested), n >= 1 else {
            return (processors, "DZ_NUM_THREADS=\(requested.prefix(40)) is not a positive integer; using \(processors)")
        }
        guard n <= limit else {
            return (processors, "DZ_NUM_THREADS=\(requested.prefix(40)) is more than \(limit); using \(processors)")
        }
        return (n, nil)
    }

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
