//===- TargetInfo.h - Per-target defaults, in one table ---------*- C++ -*-===//
///
/// \file
/// Everything that differs between target triples and is a choice rather
/// than a fact of LLVM's backend: the default CPU and features, the
/// bounds-check strategy and the guard region. The table and the reason for
/// each row are in TargetInfo.cpp; nothing else in the compiler branches on
/// the triple.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TARGETS_TARGETINFO_H
#define WASM2NATIVE_TARGETS_TARGETINFO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace w2n {

enum class BoundsStrategy { Guard, Explicit };

struct TargetDefaults {
  /// The normalised triple this row is for.
  const char *Triple;
  /// Baseline CPU: never the host's, so output is host-independent.
  const char *CPU;
  const char *Features;
  BoundsStrategy DefaultBounds;
  /// Guard mode: bytes reserved past the 4 GiB of a 32-bit memory. With
  /// 4 GiB + 64 KiB, every `addr + offset + size` of WebAssembly 2.0 (at
  /// most 2^33 - 2 + 16) lands inside the reservation, so no access needs a
  /// compare.
  uint64_t GuardBytes;
  /// Whether guard mode is sound and supported on this target at all.
  bool SupportsGuard;
  /// Whether LLVM's code for floor/ceil/trunc/roundeven may return a
  /// signalling NaN operand unchanged (LangRef allows it; wasm wants it
  /// quiet): the lowering then quiets the result (one add per operation).
  bool RoundingKeepsSNaN;
};

/// The default triple when none is given.
constexpr const char *DefaultTriple = "x86_64-unknown-linux-gnu";

/// Looks up the row for Triple (any spelling LLVM normalises to a known
/// architecture and OS); nullptr if the target is not supported.
const TargetDefaults *lookupTargetDefaults(llvm::StringRef Triple);

llvm::ArrayRef<TargetDefaults> supportedTargets();

} // namespace w2n

#endif // WASM2NATIVE_TARGETS_TARGETINFO_H
