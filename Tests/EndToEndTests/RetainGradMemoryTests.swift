import Foundation
import Testing
import DZTestSupport

/// Through the real binary: a training-style loop of `backward(..., retain_grad=true,
/// create_graph=true)` keeps its resident memory flat (an intermediate's gradient graph
/// used to keep the intermediate, and its graph, alive through a cycle).
@Suite struct RetainGradMemoryTests {
    /// The peak resident memory of `dz -e program`, in KiB, from `wait4`'s usage.
    func peakResidentKiB(_ program: String) throws -> Int {
        var pid: pid_t = 0
        let args = [DZProcess.executable.path, "-e", program]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let status = posix_spawn(&pid, args[0], &actions, nil, &argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        var usage = rusage(), exit: Int32 = 0
        while wait4(pid, &exit, 0, &usage) < 0 && errno == EINTR {}
        #expect(exit == 0, "dz exited with status \(exit)")
        return usage.ru_maxrss
    }

    func loop(_ steps: Int) -> String {
        """
        seed(0); x = randn(200)
        for i in range(\(steps)) {
          y = sin(x)
          z = sum(y * y)
          backward(z, retain_grad=true, create_graph=true)
          x.cleargrad()
        }
        """
    }

    @Test func residentMemoryStaysFlatOverTenThousandSteps() throws {
        let short = try peakResidentKiB(loop(500))
        let long = try peakResidentKiB(loop(10_000))
        // A leak of the intermediate's graph costs several KiB per step (about 60 MiB
        // here); without it the two runs peak within a few MiB of each other when run
        // alone, but once, under the parallel test load of CI, 17 MiB apart: the bound
        // leaves room for that and still catches the leak.
        #expect(long - short < 24 * 1024, "peak RSS \(short) KiB after 500 steps, \(long) KiB after 10,000")
    }
}
