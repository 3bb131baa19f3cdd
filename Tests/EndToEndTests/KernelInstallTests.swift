import Foundation
import Testing
import DZTestSupport

/// `dz kernel install`: the kernelspec it writes, where, and its usage errors.
@Suite struct KernelInstallTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dz-kernelspec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func kernelJSON(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func prefixWritesAKernelspecRunningTheKernelBesideDz() throws {
        let prefix = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let r = try DZProcess.run(["kernel", "install", "--prefix", prefix.path])
        #expect(r.status == 0, "\(r.stderr)")
        let spec = try kernelJSON(prefix.appendingPathComponent("share/jupyter/kernels/dz/kernel.json"))
        let kernel = DZProcess.executable.deletingLastPathComponent().appendingPathComponent("dz-kernel").path
        #expect(spec["argv"] as? [String] == [kernel, "{connection_file}"])
        #expect(spec["language"] as? String == "dz")
        #expect(spec["display_name"] as? String == "dz")
        #expect(spec["interrupt_mode"] as? String == "signal")
        #expect(r.stdout.contains("share/jupyter/kernels/dz"))
        // Installing again replaces the file.
        #expect(try DZProcess.run(["kernel", "install", "--prefix", prefix.path]).status == 0)
    }

    @Test func userInstallsUnderTheJupyterDataDirectoryWithAName() throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let r = try DZProcess.run(["kernel", "install", "--user", "--name", "dz-dev"], environment: ["JUPYTER_DATA_DIR": data.path])
        #expect(r.status == 0, "\(r.stderr)")
        let spec = try kernelJSON(data.appendingPathComponent("kernels/dz-dev/kernel.json"))
        #expect(spec["display_name"] as? String == "dz (dz-dev)")
    }

    @Test(arguments: [
        (["kernel", "install", "--user", "--prefix", "/tmp/x"], "--user and --prefix cannot be used together"),
        (["kernel", "install", "--prefix"], "--prefix needs a value"),
        (["kernel", "install", "--name", "a/b"], "a kernel name has only letters, digits"),
        (["kernel", "install", "--bogus"], "unexpected argument '--bogus'"),
        (["kernel", "uninstall"], "unknown kernel command 'uninstall'"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) throws {
        let r = try DZProcess.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.contains("usage: dz kernel install") || message.contains("name"))
    }

    @Test func anUnwritablePlaceIsAnErrorNamingIt() throws {
        let r = try DZProcess.run(["kernel", "install", "--prefix", "/proc/dz-no-such-dir"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("dz: error: cannot create '/proc/dz-no-such-dir/share/jupyter/kernels/dz'"))
    }

    @Test func aScriptNamedKernelStillRuns() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "print(41 + 1)\n".write(to: directory.appendingPathComponent("kernel"), atomically: true, encoding: .utf8)
        let r = try DZProcess.run(["kernel"], currentDirectory: directory)
        #expect(r.status == 0)
        #expect(r.stdout == "42\n")
    }
}
