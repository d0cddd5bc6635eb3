import Foundation
import Tensor
import Testing

/// A trial left to another process, as the trial cache's `Skipped` is.
private struct LeftToOthers: DeferredTrial {}

@Test func aDeferredTrialStopsNoOtherTrialAndIsRethrownAfterThemAll() throws {
    for jobs in [1, 2, nil] as [Int?] {
        let ran = ParallelTrials.Counter()
        #expect(throws: LeftToOthers.self) {
            try ParallelTrials.map(12, jobs: jobs) { i -> Int in
                _ = ran.increment()
                if i % 3 == 0 { throw LeftToOthers() }
                return i
            }
        }
        // Every trial ran although the first one was deferred.
        #expect(ran.increment() == 13)
    }
}

@Test func aRealFailureIsRethrownInPreferenceToAnEarlierDeferredTrial() throws {
    for jobs in [1, 3, nil] as [Int?] {
        #expect(throws: TensorError.self) {
            try ParallelTrials.map(8, jobs: jobs) { i -> Int in
                if i < 5 { throw LeftToOthers() }
                if i == 6 { throw TensorError.invalidArgument(name: "trial", expected: "a finite loss", found: "nan") }
                return i
            }
        }
    }
}
