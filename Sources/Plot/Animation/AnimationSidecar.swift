import Foundation

/// What a player needs to know about an animated PNG without decoding it, written next to
/// it as `<name>.frames.json` (a report's scrubber reads it):
///
///     {"delays_ms":[150,150,2000],"frames":3,"height":360,"labels":["epoch 0","epoch 50","epoch 100"],"width":576}
///
/// - `frames`: number of frames, the APNG's `acTL` frame count.
/// - `labels`: one per frame, in order (what the frame shows: `epoch 120`, `step 4000`).
/// - `delays_ms`: how long each frame is shown, milliseconds, as in its `fcTL`.
/// - `width`, `height`: the image size in pixels (the PNG's `IHDR`; lessons draw
///   animations at 1 pixel per point).
///
/// Keys are sorted and there is no whitespace, so the same animation gives the same bytes.
public struct AnimationSidecar: Codable, Sendable, Equatable {
    /// Number of frames.
    public var frames: Int
    /// What each frame shows, in order ("epoch 120").
    public var labels: [String]
    /// How long each frame is shown, milliseconds (`delays_ms` in the JSON).
    public var delaysMs: [Int]
    /// Image width, pixels.
    public var width: Int
    /// Image height, pixels.
    public var height: Int

    enum CodingKeys: String, CodingKey {
        case frames, labels, width, height
        case delaysMs = "delays_ms"
    }

    /// The description of an animation of `frames` frames; `Animation.render` makes it, tests
    /// and readers of a sidecar compare against it.
    public init(frames: Int, labels: [String], delaysMs: [Int], width: Int, height: Int) {
        self.frames = frames; self.labels = labels; self.delaysMs = delaysMs; self.width = width; self.height = height
    }

    /// The sidecar as JSON: sorted keys, no extra whitespace, a final newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
