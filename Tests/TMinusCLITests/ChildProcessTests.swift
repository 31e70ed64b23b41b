import TMinusTestSupport
import Testing

/// The child-process runner the binary tests use instead of Foundation's `Process`.
struct ChildProcessTests {
    @Test func collectsBothStreamsAndTheExitStatus() throws {
        let result = try ChildProcess.run(
            executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"], timeoutSeconds: 60)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "out\n")
        #expect(String(decoding: result.stderr, as: UTF8.self) == "err\n")
        #expect(result.status == 3 && result.exitedNormally && !result.timedOut)
    }

    @Test func aChildThatFillsBothPipesDoesNotBlock() throws {
        let script = "head -c 300000 /dev/zero; head -c 200000 /dev/zero >&2"
        let result = try ChildProcess.run(executable: "/bin/sh", arguments: ["-c", script], timeoutSeconds: 60)
        #expect(result.stdout.count == 300_000 && result.stderr.count == 200_000 && result.status == 0)
    }

    @Test func aChildPastItsTimeoutIsKilled() throws {
        let result = try ChildProcess.run(executable: "/bin/sh", arguments: ["-c", "exec sleep 30"], timeoutSeconds: 1)
        #expect(result.timedOut && !result.exitedNormally && result.status == 9)
    }

    @Test func aMissingExecutableIsAnError() {
        #expect(throws: ChildProcess.Failure.self) {
            try ChildProcess.run(executable: "/nonexistent/tminus", arguments: [], timeoutSeconds: 5)
        }
    }
}
