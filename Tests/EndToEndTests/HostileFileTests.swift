import Foundation
import Testing
import DZTestSupport
import DZTensor

/// Files and streams that fail or lie, through the real `dz`: .npz archives larger than 64
/// KiB (issue 13 item 5) or crafted to lie (issue 20 item 1), more than 65535 arrays (item
/// 2), saves that fail half way (item 14), a full or closed stdout (item 15), a directory
/// on stdin (item 16).
@Suite struct HostileFileTests {
    /// A fresh empty directory, removed by the caller.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dz-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func fixture(_ name: String) -> String {
        DZProcess.repositoryRoot.appendingPathComponent("Tests/DZTensorTests/Fixtures/npz/\(name)").path
    }

    /// Runs `/bin/sh -c script` in `directory` with `$DZ` the binary; `terminatedBySignal`
    /// tells a death by signal (SIGXFSZ, a trap) from an exit.
    static func shell(_ script: String, in directory: URL) throws -> (status: Int32, terminatedBySignal: Bool, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["DZ"] = DZProcess.executable.path
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        process.waitUntilExit()
        group.wait()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal,
                String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    // MARK: .npz files larger than 64 KiB

    @Test func loadsNumpysAndItsOwnFilesLargerThan64KiB() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try DZProcess.run(["-e", """
            m = MLP((1000, 10)); m.load_weights("\(Self.fixture("dezero_mlp.npz"))")
            k = MLP((1000, 10)); k.load_weights("\(Self.fixture("dezero_mlp_compressed.npz"))")
            x = ones(3, 10); print(sum(abs(m(x) - k(x))))
            m.save_weights("own.npz")
            n = MLP((1000, 10)); n.load_weights("own.npz"); print(sum(abs(n(x) - m(x))))
            """], currentDirectory: dir)
        #expect(r.stderr == "")
        #expect(r.stdout == "0.0\n0.0\n")
        #expect(r.status == 0)
        // dz's own file holds numpy's float32 values exactly, as float64.
        let own = try NPZ.read(contentsOf: dir.appendingPathComponent("own.npz").path)
        let numpy = try NPZ.read(contentsOf: Self.fixture("dezero_mlp.npz"))
        #expect(try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("own.npz").path)[.size] as? Int ?? 0 > 65_536)
        #expect(own.map(\.name) == numpy.map(\.name))
        #expect(own.map(\.array.scalars) == numpy.map(\.array.scalars))
    }

    // MARK: Archives that lie

    @Test func craftedArchivesAreErrorsThatNameTheFile() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let member = NPY.encode(try NDArray(shape: [3], scalars: [1, 2, 3]))
        func zip(_ change: (inout CraftedZip) -> Void) -> CraftedZip {
            var z = CraftedZip(data: member)
            change(&z)
            return z
        }
        let tb: UInt64 = 1 << 40
        let cases: [(String, CraftedZip, String)] = [
            ("count.npz", zip { $0.zip64 = .init(count: UInt64.max) }, "not a valid .npz file (the entry count is 18446744073709551615)"),
            ("negative.npz", zip { $0.zip64 = .init(count: 1 << 63) }, "not a valid .npz file (the entry count is 9223372036854775808)"),
            ("offset.npz", zip { $0.zip64 = .init(centralOffset: UInt64.max) }, "not a valid .npz file (the central directory at offset 18446744073709551615 is past the end of the file of "),
            ("huge.npz", zip {
                $0.size = 0xFFFF_FFFF; $0.compressedSize = 0xFFFF_FFFF; $0.localOffset = 0xFFFF_FFFF
                $0.centralExtra = CraftedZip.zip64Extra([tb, tb, 0])
            }, "not a valid .npz file ('x.npy' is truncated: it claims 1099511627776 bytes)"),
            ("inflate.npz", zip {
                $0.method = 8; $0.size = 0xFFFF_FFFF; $0.compressedSize = 0xFFFF_FFFF; $0.localOffset = 0xFFFF_FFFF
                $0.centralExtra = CraftedZip.zip64Extra([tb, 20, 0])
            }, "'x.npy' in the .npz file is corrupt (20 compressed bytes cannot make 1099511627776)"),
            ("extra.npz", zip {
                $0.size = 0xFFFF_FFFF; $0.compressedSize = 0xFFFF_FFFF; $0.localOffset = 0xFFFF_FFFF
                $0.centralExtra = CraftedZip.zip64Extra([UInt64.max, 10, 0])
            }, "not a valid .npz file (the size of 'x.npy' is 18446744073709551615)"),
        ]
        for (name, archive, message) in cases {
            try Data(archive.bytes()).write(to: dir.appendingPathComponent(name))
            let r = try DZProcess.run(["-e", "load_weights(Linear(3), \"\(name)\")"], currentDirectory: dir)
            #expect(r.status == 1, "\(name): \(r.stderr)")
            #expect(r.stderr.hasPrefix("<-e>:1:1: error: load_weights: '\(name)': \(message)"), "\(name): \(r.stderr)")
        }
    }

    // MARK: More than 65535 arrays

    @Test(.timeLimit(.minutes(5)))
    func savesMoreThan65535ArraysAsZip64() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 32768 layers of one unit: 65536 arrays.
        let r = try DZProcess.run(["-e", "m = MLP(ones(32768)); y = m(ones(1, 1)); m.save_weights(\"many.npz\")"],
                                  currentDirectory: dir, timeout: 280)
        #expect(r.stderr == "")
        #expect(r.status == 0)
        let arrays = try NPZ.read(contentsOf: dir.appendingPathComponent("many.npz").path)
        #expect(arrays.count == 65_536)
        #expect(arrays.last?.name == "l32767/b")
        #expect(arrays.last?.array.shape == [1])
    }

    // MARK: Saves that fail half way

    @Test func aSaveThatFailsLeavesTheOldFileAndNoTemporary() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = Data("the old file, which must survive\n".utf8)
        let graphviz = (try? Self.shell("command -v dot", in: dir))?.status == 0
        var cases: [(file: String, code: String)] = [
            ("a.npy", "save(\"a.npy\", ones(1000))"),
            ("m.npz", "m = MLP((100, 10)); m(ones(1, 3)); m.save_weights(\"m.npz\")"),
            ("g.dot", "x = ones(2); y = x; for i in range(100) { y = y * x }; graph(y, \"g.dot\")"),
            ("p.svg", "plot(arange(2000) % 7, file=\"p.svg\")"),
        ]
        if graphviz { cases.append(("g.svg", "x = ones(2); y = x; for i in range(100) { y = y * x }; graph(y, \"g.svg\")")) }
        for (file, code) in cases {
            try old.write(to: dir.appendingPathComponent(file))
            // 1 block of 512 bytes (dash) or 1 KiB (bash): far less than any of these files.
            let r = try Self.shell("ulimit -f 1; exec \"$DZ\" -e '\(code)'", in: dir)
            #expect(!r.terminatedBySignal, "\(file): killed by signal \(r.status)")
            #expect(r.status == 1, "\(file): \(r.stderr)")
            #expect(r.stderr.contains("File too large") || r.stderr.contains("file too large"), "\(file): \(r.stderr)")
            #expect(try Data(contentsOf: dir.appendingPathComponent(file)) == old, "\(file)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == cases.map(\.file).sorted())
        // Without the limit, the same saves replace the files.
        let r = try Self.shell("exec \"$DZ\" -e 'save(\"a.npy\", ones(1000))'", in: dir)
        #expect(r.status == 0)
        #expect(try NPY.read(contentsOf: dir.appendingPathComponent("a.npy").path).shape == [1000])
    }

    @Test func stdoutAndFIFOsAreWrittenInPlace() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // /dev/stdout is the shell's file: renaming a temporary over it would take it away.
        let r = try Self.shell("\"$DZ\" -e 'save(\"/dev/stdout\", ones(2))' > out.npy; mkfifo f; cat f > fifo.npy & \"$DZ\" -e 'save(\"f\", ones(3))'; wait", in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try NPY.read(contentsOf: dir.appendingPathComponent("out.npy").path).scalars == [1, 1])
        #expect(try NPY.read(contentsOf: dir.appendingPathComponent("fifo.npy").path).scalars == [1, 1, 1])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["f", "fifo.npy", "out.npy"])
    }

    // MARK: Standard streams

    @Test func aFullOrClosedStdoutIsAnError() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("\"$DZ\" -e 'print(1)' > /dev/full", "No space left on device"),
            ("echo 'print(1)' | \"$DZ\" > /dev/full", "No space left on device"),
            ("echo 'x = 2; x' > s.dz; \"$DZ\" s.dz > /dev/full", "No space left on device"),
            ("\"$DZ\" --version > /dev/full", "No space left on device"),
            ("\"$DZ\" -e 'print(1)' >&-", "Bad file descriptor"),
        ]
        for (script, reason) in cases {
            let r = try Self.shell(script, in: dir)
            #expect(r.status == 1, "\(script)")
            #expect(r.stderr == "dz: error: cannot write to stdout: \(reason)\n", "\(script)")
        }
        // Past `ulimit -f`, stdout's writes fail too (EFBIG, not death by SIGXFSZ).
        let limited = try Self.shell("ulimit -f 1; exec \"$DZ\" -e 'for i in range(3000) { print(i) }' > out.txt", in: dir)
        #expect(!limited.terminatedBySignal)
        #expect(limited.status == 1)
        #expect(limited.stderr == "dz: error: cannot write to stdout: File too large\n")
        // An error keeps its own status; the lost output is reported after it.
        let failing = try Self.shell("\"$DZ\" -e 'print(1); zeros(-1)' > /dev/full", in: dir)
        #expect(failing.status == 1)
        #expect(failing.stderr.hasSuffix("dz: error: cannot write to stdout: No space left on device\n"))
        // With stdout closed, a file dz opens does not become stdout.
        let closed = try Self.shell("\"$DZ\" -e 'save(\"a.npy\", ones(2)); m = load(\"a.npy\"); print(m); save(\"b.npy\", m)' >&-", in: dir)
        #expect(closed.status == 1)
        #expect(try NPY.read(contentsOf: dir.appendingPathComponent("b.npy").path).scalars == [1, 1])
    }

    @Test func aDirectoryOnStdinIsAnError() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for script in ["\"$DZ\" < /tmp", "\"$DZ\" - < /tmp"] {
            let r = try Self.shell(script, in: dir)
            #expect(r.status == 2, "\(script)")
            #expect(r.stderr == "dz: error: cannot read the script from stdin: Is a directory\n", "\(script)")
        }
    }
}
