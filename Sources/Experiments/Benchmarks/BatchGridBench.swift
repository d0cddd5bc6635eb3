import Foundation

/// Workload W2 of WORKLOADS.md (not written yet).
enum BatchGridBench {
    static let workload = BenchWorkload(name: "W2") { _ in
        throw BenchUnavailable(name: "W2")
    }
}

