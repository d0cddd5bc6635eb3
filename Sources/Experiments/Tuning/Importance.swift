import Foundation

/// Hyperparameter importance as a first-order variance share, the main-effect term of a
/// functional ANOVA (Hutter, Hoos and Leyton-Brown 2014) estimated by binning instead of
/// a random forest: for each dimension, trials are put into `bins` equal bins of its
/// unit coordinate, and the share is the variance of the bin means (weighted by bin size)
/// over the total variance of the accuracies, the correlation ratio η². Shares near zero
/// mean the accuracy hardly moves along that axis; they need not sum to one (interactions
/// and noise take the rest). With few trials per bin, noise alone gives about
/// (bins - 1) / trials.
enum Importance {
    static func shares(points: [[Double]], values: [Double], bins: Int = 4) -> [Double] {
        guard let d = points.first?.count, values.count > 1 else { return [] }
        let mean = values.reduce(0, +) / Double(values.count)
        let total = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard total > 0 else { return Array(repeating: 0, count: d) }
        return (0..<d).map { k in
            var sums = [Double](repeating: 0, count: bins)
            var counts = [Int](repeating: 0, count: bins)
            for (p, v) in zip(points, values) {
                let b = min(bins - 1, max(0, Int(p[k] * Double(bins))))
                sums[b] += v
                counts[b] += 1
            }
            var between = 0.0
            for b in 0..<bins where counts[b] > 0 {
                let m = sums[b] / Double(counts[b])
                between += Double(counts[b]) * (m - mean) * (m - mean)
            }
            return between / total
        }
    }
}
