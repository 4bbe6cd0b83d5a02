//===- Outlining.h - Giant functions lowered in parts -----------*- C++ -*-===//
///
/// \file
/// LLVM compiles a function as a whole: its IR and its machine code are in
/// memory at once, about 500 bytes per byte of wasm without optimisation.
/// A single function of two megabytes of wasm (a JS API limit allows
/// seven) would need a gigabyte, where issue 14 allows 256 MiB plus 64
/// times the module. So a function of more than outlineMinBytes() of code
/// is lowered in parts: some of its blocks, loops and ifs become LLVM
/// functions of their own, called where the construct was, each with at
/// most about 64 KiB of code of its own.
///
/// A part shares the function's locals through a frame in memory that the
/// function allocates and passes down: slots of 16 bytes, the first ones
/// for the values that cross a part's boundary (the construct's parameters
/// and an if's condition on the way in, its results or a branch's values
/// on the way out), then one per local the body uses. A part returns 0
/// when the construct ends normally, or e > 0 when a branch leaves it for
/// the label e - 1 levels outside the construct (a return is the function's
/// own label); the caller takes that branch.
///
/// Parts are units of the compile plan like functions (CompilePlan.h): a
/// giant function's parts spread over chunks, each compiled, and freed,
/// alone. The decision depends on the function's bytes only, at every -O
/// level, so fuel (charged per straight-line region of each part) stays
/// the same across levels. Functions without constructs to cut (one huge
/// block) stay whole.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LOWER_OUTLINING_H
#define WASM2NATIVE_LOWER_OUTLINING_H

#include "decode/Module.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace w2n {

/// Functions with more code than this are lowered in parts (256 KiB; the
/// hidden option -wasm2native-outline-min-bytes changes it, for tests).
uint64_t outlineMinBytes();

/// The part that calls a part, when it is not the function itself.
inline constexpr uint32_t NoPart = ~0u;

struct OutlinedRegion {
  /// File offsets of the block, loop or if instruction and just past its
  /// matching end.
  uint64_t Offset = 0;
  uint64_t End = 0;
  /// Constructs around it, the function's body counted: 1 at top level.
  uint32_t Depth = 0;
  /// The part it is in (which calls it), or NoPart for the function.
  uint32_t Caller = NoPart;
  /// Bytes of code it keeps for itself (its size less its parts').
  uint64_t OwnBytes = 0;
  /// The exit codes a branch inside can return, increasing (the branch's
  /// label is Exit - 1 levels outside the construct; Depth is a return),
  /// with the types of the values the branch carries.
  std::vector<std::pair<uint32_t, llvm::SmallVector<ValType, 2>>> Exits;
};

struct OutlinePlan {
  /// In order of Offset.
  std::vector<OutlinedRegion> Regions;
  /// File offset of a construct -> its index in Regions.
  llvm::DenseMap<uint64_t, uint32_t> RegionAt;
  /// Local index -> frame slot, for every parameter and every local the
  /// body uses.
  llvm::DenseMap<uint32_t, uint32_t> LocalSlots;
  /// Slots for the values that cross a part's boundary, before the locals.
  uint32_t TransferSlots = 0;
  uint32_t NumSlots = 0;
  /// Bytes of code the function keeps for itself.
  uint64_t OwnBytes = 0;
};

/// Whether F is lowered in parts.
inline bool needsOutlining(const Function &F) {
  return F.Body.Size > outlineMinBytes();
}

/// The parts of F (which must be valid), or null if F is lowered whole.
std::unique_ptr<OutlinePlan> planOutlining(const Module &M, const Function &F);

} // namespace w2n

#endif // WASM2NATIVE_LOWER_OUTLINING_H
