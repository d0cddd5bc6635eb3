import Foundation
import Testing
@testable import Experiments

@Test func theDoubleDescentBenchmarksGrownFitsAgreeWithTheSVDAtEveryWidth() throws {
    let widths = DoubleDescentBench.widths
    let grown = try DoubleDescentBench.sweep(seed: 0, widths: widths)
    let svd = try DoubleDescentBench.sweep(seed: 0, widths: widths, svdEveryWidth: true)
    #expect(grown.count == widths.count)
    for (p, (a, b)) in zip(widths, zip(grown, svd)) {
        #expect(abs(a - b) <= 1e-6 * b, "width \(p): test error \(a) by Cholesky, \(b) by the SVD")
    }
}
