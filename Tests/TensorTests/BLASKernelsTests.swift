import Testing
import Tensor

private let avx512: Set<String> = ["sse3", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

@Test func aCPUOpenBLASDidNotRecogniseGetsTheNewestKernelsItsInstructionsAllow() {
    #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: avx512.union(["avx512_bf16"]), environment: [:]) == "COOPERLAKE")
    #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: avx512, environment: [:]) == "SKYLAKEX")
    #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: ["sse3", "avx", "avx2", "fma"], environment: [:]) == "HASWELL")
    // Nothing newer than SSE3: the generic kernels are the right ones.
    #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: ["sse3", "avx"], environment: [:]) == nil)
}

@Test func aRecognisedCPUOrAChoiceAlreadyMadeIsLeftAlone() {
    let flags = avx512.union(["avx512_bf16"])
    #expect(BLASKernels.preferredCoreType(chosen: "Zen", cpuFlags: flags, environment: [:]) == nil)
    #expect(BLASKernels.preferredCoreType(chosen: "Cooperlake", cpuFlags: flags, environment: [:]) == nil)
    // Set by the user, or by the restart itself: never a second restart.
    #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: flags, environment: ["OPENBLAS_CORETYPE": "PRESCOTT"]) == nil)
}

@Test func cpuFlagsAreReadFromTheFirstProcessor() {
    let cpuinfo = """
    processor\t: 0
    model name\t: Some CPU
    flags\t\t: fpu sse3 avx2 fma avx512f
    processor\t: 1
    flags\t\t: fpu
    """
    #expect(BLASKernels.cpuFlags(cpuinfo: cpuinfo) == ["fpu", "sse3", "avx2", "fma", "avx512f"])
    #expect(BLASKernels.cpuFlags(cpuinfo: "processor : 0\n").isEmpty)
    // OpenBLAS names the kernels it loaded.
    #expect(!BLASKernels.coreName.isEmpty)
}
