import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: any text as a `--set CELL.PARAM=VALUE` argument.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOverride(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    if let parsed = try? Override(text) {
        _ = parsed.value.shortDescription
        _ = try? CanonicalJSON.encode(parsed.value)
    }
    return 0
}

@_cdecl("FuzzOverride_main")
func fuzzOverrideMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzOverride)
}
