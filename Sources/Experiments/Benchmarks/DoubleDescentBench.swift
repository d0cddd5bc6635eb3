import Foundation

/// Workload W3 of WORKLOADS.md (not written yet).
enum DoubleDescentBench {
    static let workload = BenchWorkload(name: "W3") { _ in
        throw BenchUnavailable(name: "W3")
    }
}

