/// Collects request outcomes of the kernel-check workload (a default actor, so adding is one
/// inline actor switch per request).
actor KernelCheckTally {
    private(set) var summary = KernelCheckSummary()

    func add(_ outcome: KernelCheckWorkload.Outcome) {
        switch outcome {
        case .read: break
        case .readFailed, .transferFailed, .fanOutFailed: summary.failures += 1
        case .applied(let interleaved):
            summary.transfers += 1
            if interleaved { summary.interleavings += 1 }
        case .rejected: summary.rejections += 1
        case .timedOut: summary.timeouts += 1
        case .fanOut: summary.fanOuts += 1
        }
    }
}
