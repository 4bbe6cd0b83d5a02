//===- Link.h - Link objects into a shared object with lld ------*- C++ -*-===//
///
/// \file
/// Runs lld's ELF driver in this process (no subprocess, no sysroot) to
/// link compiled objects into a `.so` that exports only the module
/// descriptor (linker-scripts/shared-object.map).
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_CODEGEN_LINK_H
#define WASM2NATIVE_CODEGEN_LINK_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace w2n {

/// Links the ELF objects Objects, in order, into the shared object OutPath.
llvm::Error linkSharedObject(llvm::ArrayRef<llvm::SmallVector<char, 0>> Objects,
                             llvm::StringRef OutPath);

} // namespace w2n

#endif // WASM2NATIVE_CODEGEN_LINK_H
