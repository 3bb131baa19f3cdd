#if canImport(Glibc)
import Glibc
#endif

/// Whether to print ANSI colors: only on a terminal, never when NO_COLOR is set (to anything
/// non-empty, per no-color.org) or with `--no-color`.
public enum ColorPolicy {
    public static func enabled(forFileDescriptor fd: Int32, noColorFlag: Bool = false,
                               environment: [String: String] = FileSystem.environment) -> Bool {
        if noColorFlag { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(fd) == 1
    }
}
