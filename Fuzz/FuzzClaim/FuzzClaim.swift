import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: any text as an `expect:` claim, evaluated with made-up metric
/// values (some of them NaN, infinite or at round-off level) when it parses.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaim(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let claim = try? Claim(text, line: 1, path: "fuzz.md") else { return 0 }
    let values: [Double] = [0, 1, -1, 0.5, 3e-23, 1e300, .infinity, -.infinity, .nan, 2.5]
    _ = claim.evaluate { path in values[Int(path.utf8.reduce(UInt(0)) { $0 &+ UInt($1) } % UInt(values.count))] }
    return 0
}

@_cdecl("FuzzClaim_main")
func fuzzClaimMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzClaim)
}
