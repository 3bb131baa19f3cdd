import Foundation

/// Where the REPL history lives: `$XDG_STATE_HOME/dz/history` when XDG_STATE_HOME is an absolute
/// path, else `~/.dz_history`; nil when neither can be determined.
public enum HistoryFile {
    /// The history path for `environment` (the process's by default).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("dz/history")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent(".dz_history")
        }
        return nil
    }

    /// Creates the directory that will hold `path` (mode 0700, with intermediates).
    /// Returns a description of the failure, or nil on success.
    static func prepareDirectory(for path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return nil }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : "\(directory) is not a directory"
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            return nil
        } catch {
            return "cannot create \(directory)"
        }
    }
}
