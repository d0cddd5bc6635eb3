import Foundation

/// Workload W1 of WORKLOADS.md (not written yet).
enum SpiralTrainingBench {
    static let workload = BenchWorkload(name: "W1") { _ in
        throw BenchUnavailable(name: "W1")
    }
}

struct BenchUnavailable: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is not available yet" }
}
