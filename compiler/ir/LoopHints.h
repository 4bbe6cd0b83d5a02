//===- LoopHints.h - Loop metadata shared by our passes --------*- C++ -*-===//
///
/// \file
/// The loops our passes create or copy that LLVM's loop passes should leave
/// as they are, and how the passes recognise them again.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_IR_LOOPHINTS_H
#define WASM2NATIVE_IR_LOOPHINTS_H

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

namespace w2n {

/// No vectorisation or interleaving, and no unrolling unless Unroll: for
/// loop copies that run only in rare cases (an address wraps, an access is
/// out of bounds), and for loops that are vector code already.
inline void keepScalar(llvm::Loop *L, bool Unroll = false) {
  llvm::addStringMetadataToLoop(L, "llvm.loop.vectorize.width", 1);
  llvm::addStringMetadataToLoop(L, "llvm.loop.interleave.count", 1);
  if (!Unroll)
    llvm::addStringMetadataToLoop(L, "llvm.loop.unroll.disable");
}

/// Whether keepScalar marked L.
inline bool isKeptScalar(const llvm::Loop *L) {
  std::optional<int> Width =
      llvm::getOptionalIntLoopAttribute(L, "llvm.loop.vectorize.width");
  return Width && *Width == 1;
}

} // namespace w2n

#endif // WASM2NATIVE_IR_LOOPHINTS_H
