import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS, loaded at run time so that dz chooses its kernel before the library starts.
///
/// Debian's OpenBLAS 0.3.21 does not recognise recent CPUs (e.g. AMD Zen 4 with AVX-512)
/// and silently falls back to its Prescott (SSE3) kernel, about 5× slower. OpenBLAS reads
/// `OPENBLAS_CORETYPE` only once, when the library is loaded, so a library linked at build
/// time would start before `main`. dz therefore links no BLAS: the first matrix product
/// sets `OPENBLAS_CORETYPE` from the CPU's features (unless the user set it) and then
/// `dlopen`s `libopenblas.so.0`. Without OpenBLAS, products fall back to plain loops.
public enum BLASLibrary {
    typealias Dgemm = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE,
                                       blasint, blasint, blasint, Double,
                                       UnsafePointer<Double>?, blasint,
                                       UnsafePointer<Double>?, blasint, Double,
                                       UnsafeMutablePointer<Double>?, blasint) -> Void
    typealias Dgemv = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, blasint, blasint, Double,
                                       UnsafePointer<Double>?, blasint,
                                       UnsafePointer<Double>?, blasint, Double,
                                       UnsafeMutablePointer<Double>?, blasint) -> Void
    typealias Sgemm = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE,
                                       blasint, blasint, blasint, Float,
                                       UnsafePointer<Float>?, blasint,
                                       UnsafePointer<Float>?, blasint, Float,
                                       UnsafeMutablePointer<Float>?, blasint) -> Void
    typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?
    typealias SetThreads = @convention(c) (Int32) -> Void

    struct Functions: @unchecked Sendable {
        let dgemm: Dgemm
        let dgemv: Dgemv
        /// float32 products (nil in a library without it).
        let sgemm: Sgemm?
        let coreName: CoreName?
        let setThreads: SetThreads?
    }

    /// The loaded library, or `nil` when no OpenBLAS could be opened.
    static let functions: Functions? = load()

    /// The kernel family dz asks OpenBLAS for on this CPU, or `nil` to let OpenBLAS decide.
    public static func preferredCoreType(cpuFlags: Set<String>) -> String? {
        if ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512cd"].allSatisfy(cpuFlags.contains) {
            return "SkylakeX"
        }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "Haswell" }
        if cpuFlags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// The CPU feature flags the kernel reports (the `flags` line of /proc/cpuinfo), read once.
    static let cachedCPUFlags = cpuFlags()

    /// The CPU feature flags the kernel reports (the `flags` line of /proc/cpuinfo).
    static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            guard let line else { break }
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { return [] }
                return Set(parts[1].split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            }
        }
        return []
    }

    /// Starts loading OpenBLAS on a background thread, so that the first product does not
    /// pay for it (the library's relocations take about 5 ms). The environment is prepared
    /// here, on the caller's thread, because `setenv` must not race with `getenv`.
    public static func preload() {
        prepareEnvironment()
        var thread = pthread_t()
        if pthread_create(&thread, nil, { _ in _ = BLASLibrary.functions; return nil }, nil) == 0 {
            pthread_detach(thread)
        }
    }

    /// Sets the variables OpenBLAS reads when it loads (never overriding the user's).
    static func prepareEnvironment() {
        if getenv("OPENBLAS_CORETYPE") == nil, let core = preferredCoreType(cpuFlags: cachedCPUFlags) {
            setenv("OPENBLAS_CORETYPE", core, 0)
        }
        // Start OpenBLAS with no worker threads: its idle workers spin (sched_yield) for about
        // 2^28 cycles after starting and after each parallel product, which on a 2-core machine
        // takes the other core away from everything else. `BLASThreads` raises the count only
        // for large products (OpenBLAS then creates the workers), and the spin after a parallel
        // product is shortened to 2^22 cycles (~2 ms), enough to cover back-to-back products.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        setenv("OPENBLAS_THREAD_TIMEOUT", "22", 0)
    }

    private static func load() -> Functions? {
        prepareEnvironment()
        for name in ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let gemm = dlsym(handle, "cblas_dgemm"), let gemv = dlsym(handle, "cblas_dgemv") else {
                continue
            }
            return Functions(
                dgemm: unsafeBitCast(gemm, to: Dgemm.self),
                dgemv: unsafeBitCast(gemv, to: Dgemv.self),
                sgemm: dlsym(handle, "cblas_sgemm").map { unsafeBitCast($0, to: Sgemm.self) },
                coreName: dlsym(handle, "openblas_get_corename").map { unsafeBitCast($0, to: CoreName.self) },
                setThreads: dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) })
        }
        return nil
    }

    /// Whether OpenBLAS is loaded (loading it on first use).
    public static var isAvailable: Bool { functions != nil }

    /// The kernel OpenBLAS runs (`openblas_get_corename()`), e.g. `SkylakeX`, or a note that
    /// dz multiplies with its own loops.
    public static var coreName: String {
        guard let functions else { return "none (OpenBLAS not found; plain loops)" }
        guard let get = functions.coreName, let name = get() else { return "unknown" }
        return String(cString: name)
    }

    /// Sets the number of OpenBLAS threads.
    public static func setThreadCount(_ n: Int) {
        functions?.setThreads?(Int32(clamping: n))
    }
}
