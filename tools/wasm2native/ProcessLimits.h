//===- ProcessLimits.h - compile --max-memory and --timeout -----*- C++ -*-===//
///
/// \file
/// Hard limits for a service that compiles untrusted modules. The compile
/// plan (lower/CompilePlan.h) keeps the cost of the shapes it knows within
/// 1 s + 10 s per MiB of wasm and the memory within 256 MiB + 64 times the
/// module, but it predicts; these enforce. Past a limit the compile stops
/// with one error line and status 1, instead of being killed for memory
/// or holding a worker: the limits cover what no prediction can (a pass of
/// LLVM that grows faster than linearly on a shape nobody has tried yet).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TOOLS_PROCESSLIMITS_H
#define WASM2NATIVE_TOOLS_PROCESSLIMITS_H

#include <cstdint>

namespace w2n {

/// Limits the process's address space to MaxMemoryMiB (0: no limit) and
/// its CPU time to TimeoutSeconds (0: no limit), with handlers that report
/// which limit was hit. Returns false (after printing why) if the system
/// refuses a limit.
bool applyProcessLimits(uint64_t MaxMemoryMiB, uint64_t TimeoutSeconds);

} // namespace w2n

#endif // WASM2NATIVE_TOOLS_PROCESSLIMITS_H
