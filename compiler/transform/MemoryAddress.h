//===- MemoryAddress.h - Recognise linear-memory addresses ------*- C++ -*-===//
///
/// \file
/// The passes of transform/ reason about the accesses lowering emits: a
/// load or store at `membase + ea`, where `membase` is the base field of a
/// memory object (w2n_memory) that the instance context points to, and the
/// bounds checks that compare an address with the object's `size_bytes`.
/// ir/InstanceContext.h recognises the two fields (memoryOfBase,
/// memoryOfSize) however the optimiser has rearranged the loads that reach
/// them; these helpers take address arithmetic apart into sums whose
/// equality is structural: the same SSA values, not values that happen to
/// be equal.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TRANSFORM_MEMORYADDRESS_H
#define WASM2NATIVE_TRANSFORM_MEMORYADDRESS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Value.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace w2n {

/// A value as Const plus the sum of Scale * Term, each term's value read as
/// an unsigned integer of its own width.
struct LinearForm {
  llvm::SmallVector<std::pair<const llvm::Value *, int64_t>, 4> Terms;
  int64_t Const = 0;

  /// Adds Scale * V; false if a coefficient would overflow.
  bool add(const llvm::Value *V, int64_t Scale);
  /// Adds Scale * Other; false if a coefficient would overflow.
  bool add(const LinearForm &Other, int64_t Scale);
  /// Whether both have the same terms with the same scales.
  bool sameTerms(const LinearForm &Other) const;
};

/// How far a value is taken apart.
enum class Arithmetic {
  /// Through add, sub, shl and mul by constants and truncation, which are
  /// exact modulo 2^width: the form equals the value when its bounds lie in
  /// [0, 2^width) (the wasm32 address arithmetic InstCombine rewrites in
  /// 32 bits, `trunc(size) - 8`).
  Modular,
  /// Only through what cannot wrap (nuw, disjoint or, zext): the form
  /// equals the value as it is (`zext(p)` is `p`, `p + 8` with nuw too).
  Exact,
};

/// What stands for a value on the path being analysed: a PHI for its
/// incoming value on the edge taken, say. Applied to every value before it
/// is taken apart or made a term; it must return a value equal to its
/// argument wherever the form is used.
using StandIn = llvm::function_ref<const llvm::Value *(const llvm::Value *)>;

/// Adds Scale * V to F, taking V apart as A says; false when a constant or
/// coefficient gets too large to reason about.
bool decompose(const llvm::Value *V, int64_t Scale, Arithmetic A, LinearForm &F,
               StandIn Map);

/// The smallest and largest value of F as a mathematical sum, from what
/// known bits and !range say of each term; nullopt if a term may exceed
/// 2^40 (no address of a 32-bit memory does).
std::optional<std::pair<int64_t, int64_t>>
formBounds(const LinearForm &F, const llvm::DataLayout &DL);

/// The forms of V (an integer of at most 64 bits) that equal its unsigned
/// value: the Modular one if its bounds lie in [0, 2^width), and the Exact
/// one; at most two, possibly the same.
llvm::SmallVector<LinearForm, 2>
exactForms(const llvm::Value *V, const llvm::DataLayout &DL, StandIn Map);

} // namespace w2n

#endif // WASM2NATIVE_TRANSFORM_MEMORYADDRESS_H
