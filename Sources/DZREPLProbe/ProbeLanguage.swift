import DZREPL
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for the dz language: bracket counting and an echo.
enum ProbeLanguage {
    static func needsContinuation(_ entry: String) -> Bool {
        var depth = 0
        for character in entry {
            switch character {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return depth > 0
    }

    static func evaluate(_ entry: String, colors: Bool) -> REPLOutcome {
        switch entry {
        case "sleep":
            while !Interrupt.isRequested { usleep(10_000) }
            return .error("error: Interrupted")
        case "fail":
            return .error(colors ? "\u{1B}[31merror:\u{1B}[0m failed" : "error: failed")
        default:
            return .output(colors ? "\u{1B}[2m=>\u{1B}[0m \(entry)" : "=> \(entry)")
        }
    }
}
