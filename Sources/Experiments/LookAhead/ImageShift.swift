import Foundation
import Tensor

/// Moving square one-channel images by whole pixels, with zeros (black, the background of
/// Fashion-MNIST) shifted in and what leaves the frame lost: the test the shifted-images
/// lesson puts to its models, and the augmentation one of them is trained with.
enum ImageShift {
    /// The four directions a test shift is measured in: right, left, down, up.
    static let directions = [(1, 0), (-1, 0), (0, 1), (0, -1)]

    /// Every row of `images` (side x side pixels, row-major) moved `dx` pixels right and
    /// `dy` pixels down (negative: left and up).
    static func shifted(_ images: Matrix<Float>, side: Int, dx: Int, dy: Int) -> Matrix<Float> {
        shifted(images, side: side) { _ in (dx, dy) }
    }

    /// Every row of `images` moved by its own offset, `offset(row)`.
    static func shifted(_ images: Matrix<Float>, side: Int, offset: (Int) -> (Int, Int)) -> Matrix<Float> {
        var out = Matrix<Float>(rows: images.rows, columns: images.columns)
        images.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<images.rows {
                    let (dx, dy) = offset(r)
                    let from = src.baseAddress! + r * images.columns, to = dst.baseAddress! + r * images.columns
                    for y in max(0, dy)..<min(side, side + dy) {
                        let x0 = max(0, dx), x1 = min(side, side + dx)
                        guard x0 < x1 else { continue }
                        (to + y * side + x0).update(from: from + (y - dy) * side + (x0 - dx), count: x1 - x0)
                    }
                }
            }
        }
        return out
    }

    /// Each row moved by offsets drawn uniformly from -maxShift...maxShift, independently
    /// across and down, from `rng`.
    static func randomlyShifted(_ images: Matrix<Float>, side: Int, maxShift: Int,
                                rng: inout SeededGenerator) -> Matrix<Float> {
        let span = 2 * maxShift + 1
        let offsets = (0..<images.rows).map { _ in
            (rng.integer(below: span) - maxShift, rng.integer(below: span) - maxShift)
        }
        return shifted(images, side: side) { offsets[$0] }
    }
}
