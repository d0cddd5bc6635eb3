import Foundation

/// Workload W4 of WORKLOADS.md (not written yet).
enum FigureRenderingBench {
    static let workload = BenchWorkload(name: "W4") { _ in
        throw BenchUnavailable(name: "W4")
    }
}

