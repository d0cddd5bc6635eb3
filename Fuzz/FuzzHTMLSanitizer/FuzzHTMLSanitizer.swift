import Foundation
import FuzzSupport
@testable import Notebook

/// libFuzzer entry point: any text, sanitised as raw HTML and rendered as a report's
/// Markdown. A finding is a crash, a hang, or a sanitised fragment that changes when it is
/// sanitised again: everything the sanitiser writes must be markup it allows or text, so a
/// second pass has nothing left to escape, close or drop.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLSanitizer(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    for html in [text, MarkdownHTML.unsanitisedFragment(text)] {
        let once = HTMLSanitizer.sanitize(html)
        let twice = HTMLSanitizer.sanitize(once)
        if once != twice {
            fatalError("sanitising twice changed the fragment:\n\(once)\n---\n\(twice)")
        }
    }
    // The whole page: sanitising, then the tool's own rewrites (ids, figures, claims).
    _ = HTMLReport(markdown: text, folder: URL(fileURLWithPath: "/nonexistent"), title: text).data()
    return 0
}

@_cdecl("FuzzHTMLSanitizer_main")
func fuzzHTMLSanitizerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzHTMLSanitizer)
}
