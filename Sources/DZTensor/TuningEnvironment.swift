#if canImport(Glibc)
import Glibc
#endif

/// The environment variables that tune the tensor core (`DZ_NUM_THREADS`, `DZ_VECTOR_UNIT`):
/// a value that cannot be followed is replaced by the default, and said so once.
public enum TuningEnvironment {
    /// One line per variable whose value was not used, e.g.
    /// `DZ_NUM_THREADS=abc is not a positive integer; using 8`; empty when all is well.
    /// The vector unit is looked at only when `DZ_VECTOR_UNIT` is set.
    public static func warnings() -> [String] {
        var out: [String] = []
        if let w = BLASThreads.setting.warning { out.append(w) }
        if getenv("DZ_VECTOR_UNIT") != nil, let w = VectorUnit.setting.warning { out.append(w) }
        return out
    }
}
