import CCairo
import Foundation

/// Collects the bytes a Cairo stream surface writes. Cairo's SVG surface calls back with
/// every small piece it formats, so the bytes go into an array (cheaper to append to than
/// `Data`), converted once when the file is finished.
final class ByteSink {
    var bytes: [UInt8] = []

    /// The C callback Cairo calls with each chunk; `closure` is an unretained `ByteSink`.
    static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
        Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
