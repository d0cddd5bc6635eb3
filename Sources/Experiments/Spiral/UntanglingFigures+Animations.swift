import Foundation
import Learning
import Notebook
import Plot

extension UntanglingFigures {
    /// The two animations of a spiral run, one frame per capture: every layer's view of
    /// the plane (`layers-animated`) and the decision regions (`boundary-animated`).
    /// Budget: under 3 MB each at the lesson's settings (40 frames), met by the APNG
    /// encoder's frame differencing, not by fewer frames.
    static func animations(_ frames: [Untangling.Snapshot], data: Dataset, describe: String, turns: Double) throws -> [NamedAnimation] {
        guard let last = frames.last else { return [] }
        let labels = frames.map { "epoch \($0.epoch)" }
        let strips = frames.map { strip([$0], title: "The plane as each layer sees it, epoch \($0.epoch) (\(describe))") }
        let regions = frames.map { frame in
            boundary(regions: frame.regions, extent: frame.regionExtent, data: data,
                     title: "Decision regions at epoch \(frame.epoch): \(describe), \(Untangling.turnsText(turns))")
        }
        let epochs = frames.map { String($0.epoch) }
        let span = epochs.count > 1 ? "epochs \(epochs[0]) to \(epochs[epochs.count - 1]), \(frames.count) frames" : "epoch \(epochs[0])"
        return [
            NamedAnimation(
                name: "layers-animated",
                caption: "Animated: the input plane with the decision regions, then the points and grid lines after each hidden layer, over training (\(span); the still image is the last frame). " + projectionNote(last),
                animation: try Animation(frames: strips, labels: labels)),
            NamedAnimation(
                name: "boundary-animated",
                caption: "Animated: probability of class 1 as colour and the 0.5 boundary of the \(describe) network as it trains (\(span), drawn from \(last.regions.count) × \(last.regions.count) samples; the still image is the last frame).",
                animation: try Animation(frames: regions, labels: labels)),
        ]
    }
}
