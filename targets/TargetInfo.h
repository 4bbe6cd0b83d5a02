//===- TargetInfo.h - Per-target defaults, in one table ---------*- C++ -*-===//
///
/// \file
/// Everything that differs between target triples and is a choice rather
/// than a fact of LLVM's backend: the default CPU and features, the
/// bounds-check mode and the guard region. The table and the reason for
/// each row are in TargetInfo.cpp; nothing else in the compiler branches on
/// the triple. resolveTargetSettings applies a user's choices to a row; it
/// is the one place a default is resolved, for every tool (compile, run,
/// wast) and the compiler itself.
///
/// This library depends on LLVM alone, never on the compiler's libraries.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TARGETS_TARGETINFO_H
#define WASM2NATIVE_TARGETS_TARGETINFO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>

namespace w2n {

/// How compiled code keeps memory accesses inside linear memory: guard
/// pages past a reservation that every 32-bit address plus offset falls
/// into (no compares), or a compare and trap before each access. The one
/// representation of the mode: the command line, CodegenOptions, the
/// lowering, the run cache and prepared spec lists all use it.
enum class BoundsChecks { Guard, Explicit };

/// The mode's name on the command line and in files: "guard", "explicit".
llvm::StringRef boundsChecksName(BoundsChecks B);
/// The mode Name names, if any.
std::optional<BoundsChecks> parseBoundsChecks(llvm::StringRef Name);

struct TargetDefaults {
  /// The normalised triple this row is for.
  const char *Triple;
  /// Baseline CPU: never the host's, so output is host-independent.
  const char *CPU;
  const char *Features;
  BoundsChecks DefaultBounds;
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

/// What a user asks for; empty or unset means the target's default.
struct TargetRequest {
  std::string Triple;
  std::string CPU;
  /// Added to the row's features.
  std::string Features;
  std::optional<BoundsChecks> Bounds;
};

/// A target's settings with the user's choices applied.
struct TargetSettings {
  /// Normalised; a Darwin triple without a version gets the row's.
  std::string Triple;
  const TargetDefaults *Defaults = nullptr;
  /// "native" is replaced by the build host's CPU: only on request does
  /// the host shape the output.
  std::string CPU;
  std::string Features;
  BoundsChecks Bounds = BoundsChecks::Guard;
  /// The row's guard region in guard mode; 0 in explicit mode.
  uint64_t GuardBytes = 0;
};

/// Resolves Request against the table: fails if the target is not
/// supported, or guard mode is asked of a target that cannot have it.
llvm::Expected<TargetSettings>
resolveTargetSettings(const TargetRequest &Request);

} // namespace w2n

#endif // WASM2NATIVE_TARGETS_TARGETINFO_H
