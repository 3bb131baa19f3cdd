#if canImport(Glibc)
import Glibc
#endif

/// Runs work on a thread with a large stack.
///
/// Evaluating deeply recursive dz functions (up to the recursion limit) takes more stack
/// than a secondary thread's default; the interpreter runs each program on its own thread
/// with ``size`` bytes of (lazily committed) stack.
public enum LargeStack {
    /// 1 GiB of address space; only the pages touched are ever committed.
    public static let size = 1 << 30

    private final class Box: @unchecked Sendable {
        var body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Grow the malloc arena of the evaluation thread in large steps: glibc extends a
    /// secondary thread's arena with one mprotect call per step, which a graph-building
    /// loop otherwise pays thousands of times.
    private static let tunedMalloc: Bool = {
        _ = glibcMallopt(-2 /* M_TOP_PAD */, 64 << 20)
        return true
    }()

    /// Marks the threads this type started, so that nested calls run in place.
    private static let marker: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether the calling thread is one of ours (already on a large stack).
    private static var onLargeStack: Bool { pthread_getspecific(marker) != nil }

    /// Runs `body` on a thread with a large stack and waits for it: in place when the caller
    /// already is such a thread (parsing inside a run), else on a new one.
    public static func run<T>(_ body: () -> T) -> T {
        if onLargeStack { return body() }
        _ = tunedMalloc
        return withoutActuallyEscaping(body) { escapable in
            var result: T? = nil
            let box = Box { result = escapable() }
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, size)
            var thread = pthread_t()
            let unmanaged = Unmanaged.passRetained(box)
            let rc = pthread_create(&thread, &attr, { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                pthread_setspecific(LargeStack.marker, UnsafeRawPointer(bitPattern: 1))
                box.body()
                return nil
            }, unmanaged.toOpaque())
            if rc != 0 {
                // No thread could be made: run here.
                unmanaged.release()
                result = escapable()
            } else {
                pthread_join(thread, nil)
            }
            return result!
        }
    }
}

/// glibc's `mallopt` (malloc.h is not part of the Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
