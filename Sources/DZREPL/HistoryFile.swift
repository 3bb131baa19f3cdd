
/// Where the REPL history lives: `$XDG_STATE_HOME/dz/history` when XDG_STATE_HOME is an absolute
/// path, else `~/.dz_history`; nil when neither can be determined.
public enum HistoryFile {
    /// The history path for `environment` (the process's by default).
    public static func defaultPath(environment: [String: String] = FileSystem.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return FileSystem.join(state, "dz/history")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return FileSystem.join(home, ".dz_history")
        }
        return nil
    }

    /// Creates the directory that will hold `path` (mode 0700, with intermediates).
    /// Returns a description of the failure, or nil on success.
    static func prepareDirectory(for path: String) -> String? {
        let directory = FileSystem.parent(of: path)
        guard !directory.isEmpty else { return nil }
        let kind = FileSystem.kind(of: directory)
        if kind.exists {
            return kind.isDirectory ? nil : "\(directory) is not a directory"
        }
        return FileSystem.createDirectory(directory, mode: 0o700) ? nil : "cannot create \(directory)"
    }
}
