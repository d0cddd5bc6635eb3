import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: any text as a prose block with `{{cell.metric:format}}`
/// references; every reference found is formatted with a spread of values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInlineReference(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let references = try? InlineReference.scan(text, firstLine: 1, path: "fuzz.md") else { return 0 }
    let values: [Double] = [0, -0.0, 1, -1234567.25, 3e-23, 1e-9, 1e300, -1e300, .infinity, .nan,
                            .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    for reference in references.prefix(64) {
        for value in values { _ = reference.format.format(value) }
    }
    return 0
}

@_cdecl("FuzzInlineReference_main")
func fuzzInlineReferenceMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzInlineReference)
}
