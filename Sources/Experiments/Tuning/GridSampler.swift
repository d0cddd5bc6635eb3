import Foundation

/// Grid search: a full factorial grid over the chosen dimensions, with the others held
/// at the centre of their range (the usual practice of tuning "the two that matter" on a
/// grid). Each gridded dimension gets `levels` values at the centres of equal bins of the
/// unit interval (1/6, 1/2, 5/6 for three), so log axes get geometric levels. Points come
/// in lexicographic order; the sampler is used up after levels^count points.
struct GridSampler: Sampler {
    let name = "grid"
    /// Unit coordinates of every grid point, in the order they are proposed.
    let points: [[Double]]
    private var next = 0

    /// `gridded[i]` says whether dimension i is on the grid.
    init(gridded: [Bool], levels: Int) {
        let values = (0..<max(levels, 1)).map { (Double($0) + 0.5) / Double(max(levels, 1)) }
        var points: [[Double]] = [[]]
        for onGrid in gridded {
            points = points.flatMap { p in (onGrid ? values : [0.5]).map { p + [$0] } }
        }
        self.points = points
    }

    /// The largest number of levels per gridded dimension whose grid fits in `trials`.
    static func levels(trials: Int, dimensions: Int) -> Int {
        guard dimensions > 0 else { return 1 }
        var k = 1
        while Int(pow(Double(k + 1), Double(dimensions))) <= trials { k += 1 }
        return k
    }

    mutating func propose(observed: [Observation]) -> [Double]? {
        guard next < points.count else { return nil }
        defer { next += 1 }
        return points[next]
    }
}
