import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: any bytes as a lesson file. Parsing must either succeed or throw
/// a NotebookError; a crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLessonParser(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    if let lesson = try? LessonParser.parse(data: data, path: "fuzz.md", name: "fuzz") {
        for case .prose(let text, let line) in lesson.blocks {
            _ = try? InlineReference.scan(text, firstLine: line, path: "fuzz.md")
        }
        for case .cell(let cell) in lesson.blocks {
            for (claim, line) in cell.expect { _ = try? Claim(claim, line: line, path: "fuzz.md") }
        }
    }
    return 0
}

@_cdecl("FuzzLessonParser_main")
func fuzzLessonParserMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzLessonParser)
}
