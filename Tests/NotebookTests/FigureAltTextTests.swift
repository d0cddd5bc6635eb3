import Foundation
import Testing
@testable import Notebook

let altLesson = """
---
title: Alt text
summary: Figures described from their data.
seed: 1
---

# Alt text

```{experiment}
id: main
run: fixture
show: [curve]
alt:
  curve: "The last epoch halves the loss again."
```
"""

@Test func figuresCarryAltTextWithTheirRealExtremesAndLinkTheirData() throws {
    let folder = TemporaryFolder()
    let file = try folder.lesson(altLesson)
    let outcome = try folder.renderer().render(lessonAt: file, path: "lessons/01-demo.md")
    let markdown = try String(contentsOf: outcome.folder.appendingPathComponent("report.md"), encoding: .utf8)
    let html = try String(contentsOf: outcome.folder.appendingPathComponent("report.html"), encoding: .utf8)
    // The fixture draws y = [1, 0.5, 0.25 × rate] over epochs 0, 1, 2 with rate 0.5.
    let alt = "Loss against epoch. Loss against epoch (x from 0 to 2, y from 0.125 to 1) for train; the curve falls; "
        + "lowest 0.125 (at epoch 2), highest 1 (at epoch 0). The last epoch halves the loss again."
    #expect(markdown.contains("![\(alt)](figures/main-curve.png)"), "\(markdown)")
    #expect(html.contains("alt=\"\(alt)\""))
    // The figure links the CSV of what it draws, in both reports.
    #expect(markdown.contains("[data (CSV)](data/main-curve.csv)"))
    #expect(html.contains("href=\"data/main-curve.csv\""))
    let csv = try String(contentsOf: outcome.folder.appendingPathComponent("data/main-curve.csv"), encoding: .utf8)
    #expect(csv == "panel,mark,series,x,y,value\n1,line,train,0,1,\n1,line,train,1,0.5,\n1,line,train,2,0.125,\n")
    let record = try CanonicalJSON.decode(CellRecord.self, from: Data(contentsOf: outcome.folder.appendingPathComponent("data/main.json")))
    #expect(record.figures.first?.alt == alt)
}

@Test func anAltSentenceForAFigureTheKindDoesNotDrawIsRefused() throws {
    let error = notebookError { _ = try plan(altLesson.replacingOccurrences(of: "  curve: \"", with: "  curv: \"")) }
    #expect(error?.line == 14)
    #expect(error?.key == "main.alt")
    #expect(error?.message.contains("did you mean `curve`?") == true, "\(error?.message ?? "")")
}
