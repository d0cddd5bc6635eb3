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
    public var frames: Int
    public var labels: [String]
    public var delaysMs: [Int]
    public var width: Int
    public var height: Int

    enum CodingKeys: String, CodingKey {
        case frames, labels, width, height
        case delaysMs = "delays_ms"
    }

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
