import DZTensor
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `dz kernel install [--user | --prefix DIR] [--name NAME]`: registers dz with Jupyter by
/// writing a kernelspec (`kernels/NAME/kernel.json`) whose argv runs the kernel program
/// installed beside `dz` (`dz-kernel`, a separate program: dz itself never loads libzmq).
///
/// Where: `--user` in the user's Jupyter data directory (`$JUPYTER_DATA_DIR`, else
/// `$XDG_DATA_HOME/jupyter`, else `~/.local/share/jupyter`), `--prefix DIR` in
/// `DIR/share/jupyter` (a venv's or conda's `sys.prefix`, `make install`'s PREFIX), and by
/// default system-wide in `/usr/local/share/jupyter`, as `jupyter kernelspec install` does.
enum KernelInstall {
    static let usage = "usage: dz kernel install [--user | --prefix DIR] [--name NAME]"

    /// Whether `arguments` (dz's words after the options) ask for this command rather than
    /// a script named `kernel`.
    static func isCommand(_ arguments: [String]) -> Bool {
        guard arguments.first == "kernel" else { return false }
        if arguments.count >= 2 { return arguments[1] == "install" || access("kernel", F_OK) != 0 }
        return access("kernel", F_OK) != 0
    }

    /// Runs `dz kernel ARGS...`; returns the exit code (2 for a usage error).
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.first == "install" else {
            fputs("dz: error: unknown kernel command\(arguments.first.map { " '\($0)'" } ?? "")\n\(usage)\n", stderr)
            return 2
        }
        var user = false, prefix: String?, name = "dz"
        var rest = arguments.dropFirst()
        while let word = rest.popFirst() {
            switch word {
            case "--user": user = true
            case "--prefix", "--name":
                guard let value = rest.popFirst(), !value.isEmpty else {
                    fputs("dz: error: \(word) needs a value\n\(usage)\n", stderr)
                    return 2
                }
                if word == "--prefix" { prefix = value } else { name = value }
            case "-h", "--help":
                print(usage)
                return 0
            default:
                fputs("dz: error: unexpected argument '\(word)'\n\(usage)\n", stderr)
                return 2
            }
        }
        if user && prefix != nil {
            fputs("dz: error: --user and --prefix cannot be used together\n\(usage)\n", stderr)
            return 2
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            fputs("dz: error: a kernel name has only letters, digits, '.', '_' and '-', got '\(name)'\n", stderr)
            return 2
        }
        guard let kernel = kernelProgram() else {
            fputs("dz: error: the kernel program 'dz-kernel' is not beside dz (\(executableDirectory() ?? "?")); build it with `swift build --product dz-kernel` or install with `make install`\n", stderr)
            return 1
        }
        let dataDirectory = prefix.map { $0 + "/share/jupyter" } ?? (user ? userDataDirectory() : "/usr/local/share/jupyter")
        let directory = dataDirectory + "/kernels/" + name
        if let problem = makeDirectories(directory) {
            fputs("dz: error: cannot create '\(directory)': \(problem)\n", stderr)
            return 1
        }
        do {
            try AtomicFile.write(Array(kernelJSON(program: kernel, name: name).utf8), to: directory + "/kernel.json")
        } catch let failure as AtomicFile.Failure {
            fputs("dz: error: \(failure.message(lowercased: true))\n", stderr)
            return 1
        } catch {
            fputs("dz: error: \(error)\n", stderr)
            return 1
        }
        print("installed the Jupyter kernel '\(name)' in \(directory) (it runs \(kernel))")
        return 0
    }

    /// The kernelspec: the kernel program with the connection file, signal interrupts.
    static func kernelJSON(program: String, name: String) -> String {
        let display = name == "dz" ? "dz" : "dz (\(name))"
        return """
            {
              "argv": [\(quoted(program)), "{connection_file}"],
              "display_name": \(quoted(display)),
              "language": "dz",
              "interrupt_mode": "signal",
              "metadata": {"debugger": false}
            }

            """
    }

    /// A JSON string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where u.value < 0x20: out += "\\u00" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// The directory of the running `dz` (symbolic links resolved).
    static func executableDirectory() -> String? {
        guard let path = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(path) }
        let full = String(cString: path)
        guard let slash = full.lastIndex(of: "/") else { return nil }
        return String(full[..<slash])
    }

    /// `dz-kernel` beside dz, when it is there and executable.
    static func kernelProgram() -> String? {
        guard let directory = executableDirectory() else { return nil }
        let program = directory + "/dz-kernel"
        return access(program, X_OK) == 0 ? program : nil
    }

    static func userDataDirectory() -> String {
        func env(_ name: String) -> String? {
            guard let v = getenv(name) else { return nil }
            let s = String(cString: v)
            return s.isEmpty ? nil : s
        }
        if let d = env("JUPYTER_DATA_DIR") { return d }
        if let d = env("XDG_DATA_HOME") { return d + "/jupyter" }
        return (env("HOME") ?? "~") + "/.local/share/jupyter"
    }

    /// `mkdir -p`; the reason when it fails.
    static func makeDirectories(_ path: String) -> String? {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o755) != 0 && errno != EEXIST { return String(cString: strerror(errno)) }
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return "not a directory" }
        return nil
    }
}
