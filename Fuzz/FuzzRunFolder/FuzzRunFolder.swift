import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: bytes as a run folder that `compare` reads. The input is a list
/// of files, each introduced by a line `@@@ relative/path` (see `RunFolderArchive`); they
/// are written into a scratch folder, read as a compared run and compared with themselves.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRunFolder(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let folder = scratch.appendingPathComponent("run")
    try? FileManager.default.removeItem(at: folder)
    guard (try? RunFolderArchive.unpack(Data(bytes: start, count: count), into: folder)) != nil else { return 0 }
    guard let run = try? ComparedRun(contentsOf: folder, path: "fuzz-run", label: "a") else { return 0 }
    var other = run
    other.label = "b"
    _ = try? Comparison(runs: [run, other])
    return 0
}

let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lessonbook-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

@_cdecl("FuzzRunFolder_main")
func fuzzRunFolderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzRunFolder)
}
