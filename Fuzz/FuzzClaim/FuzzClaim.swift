import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: any text as an `expect:` claim, evaluated with made-up metric
/// values (some of them NaN, infinite or at round-off level) when it parses, as plain
/// numbers and as per-seed values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaim(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let claim = try? Claim(text, line: 1, path: "fuzz.md") else { return 0 }
    let values: [Double] = [0, 1, -1, 0.5, 3e-23, 1e300, .infinity, -.infinity, .nan, 2.5]
    func number(_ path: String) -> Double { values[Int(path.utf8.reduce(UInt(0)) { $0 &+ UInt($1) } % UInt(values.count))] }
    _ = try? claim.evaluate { path in .number(number(path)) }
    // The same paths as per-seed values (one, two or three seeds of one or two cells), so
    // the interval code sees NaN, infinities, constant and single-seed samples too.
    _ = try? claim.evaluate { path in
        let value = number(path)
        let count = path.utf8.count % 3 + 1
        return .samples((0..<count).map { value + Double($0) * 0.5 }, cell: path.utf8.count % 2 == 0 ? "a" : "b")
    }
    return 0
}

@_cdecl("FuzzClaim_main")
func fuzzClaimMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzClaim)
}
