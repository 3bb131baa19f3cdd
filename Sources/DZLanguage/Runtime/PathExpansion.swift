#if canImport(Glibc)
import Glibc
#endif

/// The one place where a file name given by the user is turned into the path that is opened:
/// `~` and a leading `~/` mean the home directory (`$HOME`), as in a shell. Every builtin that
/// takes a file name and the REPL's `:load` go through it, so what completion offers also opens.
public enum PathExpansion {
    /// `path` with a leading `~` or `~/` replaced by `home`; other paths (and `~user`, or any
    /// path when `home` is unset or empty) unchanged.
    public static func expandingTilde(_ path: String, home: String? = currentHome()) -> String {
        guard path.first == "~", let home, !home.isEmpty else { return path }
        if path == "~" { return home }
        guard path.hasPrefix("~/") else { return path }
        return (home.hasSuffix("/") ? String(home.dropLast()) : home) + path.dropFirst()
    }

    /// `$HOME`, or nil when it is not set.
    public static func currentHome() -> String? {
        getenv("HOME").map { String(cString: $0) }
    }
}
