import DZTensor
#if canImport(Glibc)
import Glibc
#endif

/// The files of a data set in dz's cache directory (`$XDG_CACHE_HOME/dz/<name>/`, else
/// `~/.cache/dz/<name>/`), downloaded from DeZero's URLs with `curl` when missing.
/// `DZ_NO_DOWNLOAD=1` turns downloading off (the tests' setting): a missing file is then an
/// error naming the files to place there, as it is when the download fails (offline).
struct DatasetFiles {
    /// The data set's name, also its folder: `mnist`, `fashion_mnist`.
    let name: String
    /// Where DeZero downloads the files from (ends with `/`).
    let baseURL: String

    static let mnist = DatasetFiles(name: "mnist", baseURL: "http://yann.lecun.com/exdb/mnist/")
    static let fashionMNIST = DatasetFiles(name: "fashion_mnist", baseURL: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")

    /// The image and label files of the training or the test split.
    static func files(train: Bool) -> (images: String, labels: String) {
        train ? ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz") : ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    }

    /// `$XDG_CACHE_HOME/dz` when XDG_CACHE_HOME is an absolute path, else `$HOME/.cache/dz`.
    static var cacheRoot: String {
        if let xdg = getenv("XDG_CACHE_HOME").map({ String(cString: $0) }), xdg.hasPrefix("/") { return xdg + "/dz" }
        let home = getenv("HOME").map { String(cString: $0) } ?? "/tmp"
        return home + "/.cache/dz"
    }

    /// This data set's folder.
    var directory: String { DatasetFiles.cacheRoot + "/" + name }

    /// The path of `file`, downloading it first when it is not there (unless downloads are
    /// off); `output` shows what is being downloaded.
    func path(of file: String, all files: [String], output: (String) -> Void) throws -> String {
        let path = directory + "/" + file
        if access(path, R_OK) == 0 { return path }
        func missing(_ why: String) -> BuiltinError {
            BuiltinError("dataset-missing", "\(name)(): \(file) is not in \(directory) (\(why)); place the files \(files.joined(separator: ", ")) there, from \(baseURL)")
        }
        if let off = getenv("DZ_NO_DOWNLOAD").map({ String(cString: $0) }), !off.isEmpty, off != "0" {
            throw missing("downloads are off: DZ_NO_DOWNLOAD is set")
        }
        guard DatasetFiles.makeDirectories(directory) else { throw missing("the folder cannot be created: \(String(cString: strerror(errno)))") }
        output("Downloading: \(file)\n")
        let partial = path + ".part"
        let status = DatasetFiles.runCurl(["curl", "--fail", "--location", "--progress-bar",
                                           "--max-time", "600", "--output", partial, baseURL + file])
        guard status == 0, rename(partial, path) == 0 else {
            unlink(partial)
            throw missing(status == 127 ? "curl, which downloads it, is not installed" : "the download from \(baseURL + file) failed (offline?)")
        }
        output(" Done\n")
        return path
    }

    /// `mkdir -p`.
    static func makeDirectories(_ path: String) -> Bool {
        var prefix = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// Runs curl (found on PATH) and returns its exit status (127 when it cannot start).
    static func runCurl(_ args: [String]) -> Int32 {
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, "curl", nil, nil, &cargs, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// The images (N, rows, cols) and labels (N) of a split, DeZero's transforms applied:
    /// flattened to (N, rows cols) when `flatten`, else (N, 1, rows, cols); to float and
    /// divided by 255 (DeZero's `Normalize(0, 255)`), rounded to float32 as DeZero's are.
    func load(train: Bool, flatten: Bool, output: (String) -> Void) throws -> (x: NDArray, t: NDArray) {
        let (imageFile, labelFile) = DatasetFiles.files(train: train)
        let all = [imageFile, labelFile]
        let imagePath = try path(of: imageFile, all: all, output: output)
        let labelPath = try path(of: labelFile, all: all, output: output)
        let images = try read(imagePath, file: imageFile)
        let labels = try read(labelPath, file: labelFile)
        guard images.ndim == 3 else {
            throw BuiltinError("dataset-format", "\(name)(): \(imageFile) holds an array of shape \(formatShape(images.shape)), not images (N, rows, cols)")
        }
        guard labels.ndim == 1, labels.shape[0] == images.shape[0] else {
            throw BuiltinError("dataset-format", "\(name)(): \(labelFile) holds labels of shape \(formatShape(labels.shape)) for \(images.shape[0]) images")
        }
        let n = images.shape[0], rows = images.shape[1], cols = images.shape[2]
        let x = try images.map(operation: name) { Double(Float($0) / Float(255)) }
        return (try x.reshaped(flatten ? [n, rows * cols] : [n, 1, rows, cols]), try labels.astype(.int64))
    }

    private func read(_ path: String, file: String) throws -> NDArray {
        let bytes: [UInt8]
        do { bytes = try FileContents.read(path, limit: 1 << 31) } catch {
            throw BuiltinError("dataset-missing", "\(name)(): cannot read \(path): \(error.reason)")
        }
        do {
            return try IDX.decode(try Gzip.decompress(bytes, operation: name, name: file), operation: name, name: file)
        } catch let e as TensorError {
            throw BuiltinError("dataset-format", "\(e)")
        }
    }
}
