import Foundation
import Testing
import Notebook
import Tensor

/// This process's environment without `OPENBLAS_CORETYPE`, plus `extra`.
private func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = nil
    return environment.merging(extra) { $1 }
}

private func kernels(in workspace: Workspace) throws -> String? {
    try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: workspace.file("output/demo/run.json"))).blasKernels
}

@Test func aRenderRunsOnTheKernelsTheCPUCanRunAndRecordsThem() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let result = try CommandRunner.run(["render", "demo", "--quiet"], in: workspace.url, environment: environment())
    #expect(result.status == 0, "\(result.stderr)")
    let recorded = try #require(try kernels(in: workspace))
    // The test process does not restart: it runs on what OpenBLAS chose by itself. Where
    // that is the generic set and the CPU can do better, the command must have restarted.
    let cpuinfo = String(decoding: FileBytes.read(atPath: "/proc/cpuinfo") ?? Data(), as: UTF8.self)
    let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil ? BLASKernels.coreName : nil
    if let chosen {
        if BLASKernels.preferredCoreType(chosen: chosen, cpuFlags: BLASKernels.cpuFlags(cpuinfo: cpuinfo), environment: [:]) != nil {
            #expect(recorded.lowercased() != "prescott", "\(recorded)")
        } else {
            #expect(recorded == chosen)
        }
    }
}

@Test func aChosenKernelSetIsKeptAndItsTrialsAreNotServedToAnotherSet() throws {
    let workspace = try Workspace()
    try workspace.write(countingLesson)
    let generic = try CommandRunner.run(["render", "demo"], in: workspace.url, environment: environment(["OPENBLAS_CORETYPE": "PRESCOTT"]))
    #expect(generic.status == 0, "\(generic.stderr)")
    #expect(try kernels(in: workspace) == "Prescott")
    let again = try CommandRunner.run(["render", "demo"], in: workspace.url, environment: environment(["OPENBLAS_CORETYPE": "PRESCOTT"]))
    #expect(again.stderr.contains("[cache hit]"), "\(again.stderr)")
    // Another set's cells are its own (HASWELL needs AVX2 and FMA).
    let cpuinfo = String(decoding: FileBytes.read(atPath: "/proc/cpuinfo") ?? Data(), as: UTF8.self)
    guard BLASKernels.cpuFlags(cpuinfo: cpuinfo).isSuperset(of: ["avx2", "fma"]) else { return }
    let other = try CommandRunner.run(["render", "demo"], in: workspace.url, environment: environment(["OPENBLAS_CORETYPE": "HASWELL"]))
    #expect(other.status == 0, "\(other.stderr)")
    #expect(try kernels(in: workspace) == "Haswell")
    #expect(other.stderr.contains("[cache miss]"), "\(other.stderr)")
}
