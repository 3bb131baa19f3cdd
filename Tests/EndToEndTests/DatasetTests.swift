import Foundation
import Testing
import DZTestSupport

/// `mnist()` and `fashion_mnist()` read the IDX files of a cache directory made here (never
/// downloading: `DZ_NO_DOWNLOAD=1`), with DeZero's transforms.
@Suite struct DatasetTests {
    /// A cache directory holding `name`'s training split: 3 images of 28 x 28 (pixel `i` of
    /// image `k` is `(i + 50 k) % 256`) with labels 7, 0, 9.
    func cache(_ name: String, images: [UInt8]? = nil) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dz-datasets-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("dz/\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pixels = (0..<3).flatMap { k in (0..<784).map { UInt8(($0 + 50 * k) % 256) } }
        let imageFile = images ?? CraftedIDX.gzip(CraftedIDX.unsignedBytes(shape: [3, 28, 28], pixels))
        try Data(imageFile).write(to: folder.appendingPathComponent("train-images-idx3-ubyte.gz"))
        try Data(CraftedIDX.gzip(CraftedIDX.unsignedBytes(shape: [3], [7, 0, 9]))).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        return root
    }

    func dz(_ program: String, cache root: URL) throws -> DZProcess.Result {
        try DZProcess.run(["-e", program], environment: ["XDG_CACHE_HOME": root.path, "DZ_NO_DOWNLOAD": "1"])
    }

    @Test(arguments: ["mnist", "fashion_mnist"])
    func trainingImagesAreFlattenedAndScaled(_ name: String) throws {
        let root = try cache(name)
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try dz("x, t = \(name)(); print(x.shape); print(t); print(sum(abs(x[1, 0:3] * 255 - [50, 51, 52])) < 1e-5); print(x[0, 255] == 1); print(x[2, 2])", cache: root)
        // x[2, 2] is float32(102 / 255), as DeZero's ToFloat then Normalize give it.
        let expected = Double(Float(102) / Float(255))
        #expect(r.stderr == "")
        #expect(r.stdout == "(3, 784)\n[7 0 9]\nTrue\nTrue\n\(expected)\n")
    }

    @Test func unflattenedImagesKeepTheirChannelAxis() throws {
        let root = try cache("mnist")
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try dz("x, t = mnist(flatten=false); print(x.shape); print(conv2d(x, ones(2, 1, 3, 3)).shape)", cache: root)
        #expect(r.stdout == "(3, 1, 28, 28)\n(3, 2, 26, 26)\n")
    }

    @Test func aMissingSplitNamesTheFilesAndTheFolder() throws {
        let root = try cache("mnist")
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try dz("x, t = mnist(train=false)", cache: root)
        #expect(r.status == 1)
        #expect(r.stderr.contains("mnist(): t10k-images-idx3-ubyte.gz is not in \(root.path)/dz/mnist (downloads are off: DZ_NO_DOWNLOAD is set); place the files t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz there, from http://yann.lecun.com/exdb/mnist/"))
    }

    @Test func aCorruptFileIsAnErrorNamingIt() throws {
        let root = try cache("mnist", images: Array("not gzip at all, just text".utf8))
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try dz("x, t = mnist()", cache: root)
        #expect(r.status == 1)
        #expect(r.stderr.contains("mnist: 'train-images-idx3-ubyte.gz' is not a valid gzip file: it does not start with the gzip magic number 1f 8b"))
    }

    @Test func labelsThatDoNotMatchTheImagesAreAnError() throws {
        let root = try cache("mnist", images: CraftedIDX.gzip(CraftedIDX.unsignedBytes(shape: [2, 28, 28], [UInt8](repeating: 1, count: 2 * 784))))
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try dz("x, t = mnist()", cache: root)
        #expect(r.stderr.contains("mnist(): train-labels-idx1-ubyte.gz holds labels of shape (3,) for 2 images"))
    }
}
